import { defineMessages } from "../define";

export default defineMessages({
  vi: {
    "login.title": "Đăng nhập",
    "login.intro": "Dành cho cán bộ Tổ công tác, các bộ, ngành và địa phương.",
    "login.email": "Địa chỉ email",
    "login.password": "Mật khẩu",
    "login.submit": "Đăng nhập",
    "login.error.emailRequired": "Nhập địa chỉ email",
    "login.error.emailInvalid": "Nhập địa chỉ email đúng định dạng, ví dụ ten@donvi.gov.vn",
    "login.error.passwordRequired": "Nhập mật khẩu",
    "login.error.invalid": "Email hoặc mật khẩu không đúng",
    "login.error.throttled": "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
    "login.loggedOut": "Bạn đã đăng xuất.",
    "login.residents": "Người dân xem các dự án và góp ý tại",
    "login.publicPortal": "Cổng công khai",
  },
  en: {
    "login.title": "Sign in",
    "login.intro": "For staff of the task force, ministries and provinces.",
    "login.email": "Email address",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.error.emailRequired": "Enter your email address",
    "login.error.emailInvalid": "Enter an email address in the correct format, like name@agency.gov.vn",
    "login.error.passwordRequired": "Enter your password",
    "login.error.invalid": "The email address or password is not correct",
    "login.error.throttled": "Too many failed attempts. Try again in {minutes} minutes.",
    "login.loggedOut": "You have signed out.",
    "login.residents": "Residents can see the projects and give feedback on the",
    "login.publicPortal": "public portal",
  },
});
