import { defineMessages } from "../define";

/** Data table controls beyond the shared `common.table.*` labels. */
export default defineMessages({
  vi: {
    pageSize: "Số dòng mỗi trang",
    apply: "Áp dụng",
  },
  en: {
    pageSize: "Rows per page",
    apply: "Apply",
  },
});
