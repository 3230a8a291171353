import { defineMessages } from "../define";

export default defineMessages({
  vi: {
    "password.title": "Đổi mật khẩu",
    "password.intro":
      "Sau khi đổi mật khẩu, mọi phiên đăng nhập khác của bạn (trên máy khác, trình duyệt khác) sẽ bị đăng xuất.",
    "password.current": "Mật khẩu hiện tại",
    "password.new": "Mật khẩu mới",
    "password.newHint": "Ít nhất 12 ký tự. Nên dùng một cụm từ dễ nhớ với bạn nhưng khó đoán với người khác.",
    "password.confirm": "Nhập lại mật khẩu mới",
    "password.submit": "Đổi mật khẩu",
    "password.changed": "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.",
    "password.error.currentRequired": "Nhập mật khẩu hiện tại",
    "password.error.currentWrong": "Mật khẩu hiện tại không đúng",
    "password.error.newRequired": "Nhập mật khẩu mới",
    "password.error.tooShort": "Mật khẩu mới cần ít nhất 12 ký tự",
    "password.error.tooLong": "Mật khẩu mới dài quá 200 ký tự",
    "password.error.confirmRequired": "Nhập lại mật khẩu mới",
    "password.error.mismatch": "Hai lần nhập mật khẩu mới không khớp",
    "password.error.same": "Mật khẩu mới phải khác mật khẩu hiện tại",
  },
  en: {
    "password.title": "Change password",
    "password.intro":
      "After the change, every other session of yours (other computers, other browsers) is signed out.",
    "password.current": "Current password",
    "password.new": "New password",
    "password.newHint":
      "At least 12 characters. A phrase that is easy for you to remember and hard for others to guess.",
    "password.confirm": "New password again",
    "password.submit": "Change password",
    "password.changed": "Your password has been changed. Your other sessions have been signed out.",
    "password.error.currentRequired": "Enter your current password",
    "password.error.currentWrong": "The current password is not correct",
    "password.error.newRequired": "Enter a new password",
    "password.error.tooShort": "The new password needs at least 12 characters",
    "password.error.tooLong": "The new password is longer than 200 characters",
    "password.error.confirmRequired": "Enter the new password again",
    "password.error.mismatch": "The two new passwords do not match",
    "password.error.same": "The new password must be different from the current one",
  },
});
