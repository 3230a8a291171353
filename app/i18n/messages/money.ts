import { defineMessages } from "../define";

export default defineMessages({
  vi: {
    "error.required": "Nhập số tiền",
    "error.invalid": "Nhập số tiền bằng số, ví dụ 12.500.000.000 hoặc 12,5 tỷ",
    "error.fraction": "Số tiền phải là số đồng nguyên, không có phần lẻ dưới 1 đồng",
    "error.tooLarge": "Số tiền quá lớn (tối đa 1 triệu tỷ đồng)",
    "error.notPositive": "Số tiền phải lớn hơn 0",
    "hint": "Ví dụ: 12.500.000.000, 12,5 tỷ hoặc 850 triệu",
    "preview": "Số tiền sẽ lưu: {amount}",
  },
  en: {
    "error.required": "Enter an amount",
    "error.invalid": "Enter the amount in figures, like 12,500,000,000 or 12.5 billion",
    "error.fraction": "The amount must be a whole number of đồng",
    "error.tooLarge": "The amount is too large (at most 10^15 đồng)",
    "error.notPositive": "The amount must be more than 0",
    "hint": "For example 12,500,000,000, 12.5 billion or 850 million",
    "preview": "Amount to be saved: {amount}",
  },
});
