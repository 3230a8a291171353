import { defineMessages } from "../define";

/** Red flags: wasted-spending rules, their explanations and triage. */
export default defineMessages({
  vi: {
    "rule.stalled_spending.title": "Giải ngân khi tiến độ bị đình trệ",
    "rule.stalled_spending.explanation":
      "Dự án vẫn được giải ngân trong {windowDays} ngày qua, trong khi mốc “{milestone}” đã quá hạn {overdueDays} ngày (hạn {dueDate}). Cần kiểm tra tiền đang trả cho công việc gì.",
    "rule.cost_overrun.title": "Vượt dự toán",
    "rule.cost_overrun.explanation.spent":
      "Số đã giải ngân ({disbursed}) vượt dự toán được duyệt ({approved}).",
    "rule.cost_overrun.explanation.raised":
      "Dự toán năm {fiscalYear} đã được nâng {raisedPct}% so với mức ban đầu ({originalAmount} → {approvedAmount}) qua {revisions} lần điều chỉnh.",
    "rule.cost_overrun.explanation.both":
      "Số đã giải ngân vượt dự toán được duyệt, và dự toán đã được nâng {raisedPct}% so với mức ban đầu.",
    "rule.idle_allocation.title": "Vốn bố trí chưa sử dụng",
    "rule.idle_allocation.explanation":
      "Đã gần cuối năm ngân sách {fiscalYear} nhưng mới giải ngân {ratePct}% vốn được bố trí ({yearDisbursed}/{yearApproved}). Vốn có thể được điều chuyển cho dự án khác.",
    "rule.on_premise_hardware.title": "Đầu tư phần cứng riêng khi đã có nền tảng điện toán đám mây dùng chung",
    "rule.on_premise_hardware.explanation":
      "Dự án tự đầu tư máy chủ, trung tâm dữ liệu riêng ({hardwareCapex}) trong khi có thể dùng nền tảng điện toán đám mây Chính phủ dùng chung.",
    "rule.overlapping_app.title": "Ứng dụng công dân trùng chức năng với ứng dụng quốc gia",
    "rule.overlapping_app.explanation":
      "Ứng dụng của địa phương làm lại các chức năng đã có trong ứng dụng quốc gia ({overlapsApps}). Nên tích hợp thay vì xây riêng.",
    "rule.private_personal_data.title": "Dữ liệu cá nhân do doanh nghiệp tư nhân vận hành",
    "rule.private_personal_data.explanation":
      "Hệ thống xử lý dữ liệu cá nhân của người dân và do doanh nghiệp tư nhân ({operator}) vận hành. Cần rà soát hợp đồng, trách nhiệm bảo vệ dữ liệu theo Nghị định 13/2023/NĐ-CP.",
    "rule.personal_data_no_security.title": "Dữ liệu cá nhân không có kinh phí bảo đảm an toàn thông tin",
    "rule.personal_data_no_security.explanation":
      "Dự án xử lý dữ liệu cá nhân nhưng không có dòng ngân sách nào cho an toàn, an ninh thông tin.",
    "rule.replication_before_evaluation.title": "Nhân rộng trước khi thí điểm được đánh giá",
    "rule.replication_before_evaluation.explanation":
      "Dự án nhân rộng mô hình của {source} từ {startDate}, khi dự án gốc chưa được đánh giá (giai đoạn hiện tại của dự án gốc: {sourcePhase}).",
    "rule.zombie_project.title": "Dự án không có hoạt động",
    "rule.zombie_project.explanation":
      "Dự án đang triển khai nhưng {idleDays} ngày qua không có giao dịch, cập nhật mốc tiến độ hay thay đổi nào (lần cuối {lastActivity}). Vốn còn lại: {remaining}.",
    "rule.province_left_out.title": "Địa phương bị bỏ lại phía sau",
    "rule.province_left_out.explanation.none":
      "Tỉnh/thành phố chưa có dự án nào được phê duyệt trong chương trình.",
    "rule.province_left_out.explanation.low":
      "Vùng khó khăn có kinh phí được duyệt bình quân đầu người ({perCapita} đ) thấp hơn nhiều so với trung vị cả nước ({nationalMedianPerCapita} đ).",
    "rule.province_left_out.explanation.few":
      "Vùng khó khăn chỉ có {approvedProjects} dự án được phê duyệt, trong khi trung vị cả nước là {nationalMedianProjects} dự án mỗi tỉnh.",
    "page.title": "Cảnh báo lãng phí",
    "page.intro": "Các dấu hiệu lãng phí do hệ thống phát hiện. Tiếp nhận, xử lý hoặc bỏ qua (kèm lý do) từng cảnh báo.",
    "page.filters": "Lọc cảnh báo",
    "page.caption": "Cảnh báo theo mức độ và số tiền liên quan",
    "page.readOnly": "Bạn chỉ có quyền xem các cảnh báo.",
    "filter.rule": "Quy tắc",
    "filter.severity": "Mức độ",
    "filter.state": "Trạng thái",
    "filter.province": "Tỉnh/thành phố",
    "filter.inactive": "Gồm cả cảnh báo không còn hiệu lực",
    "col.select": "Chọn",
    "col.severity": "Mức độ",
    "col.flag": "Cảnh báo",
    "col.subject": "Dự án / đơn vị",
    "col.money": "Số tiền liên quan",
    "col.state": "Trạng thái",
    "col.actions": "Xử lý",
    "select.label": "Chọn cảnh báo {id}",
    "inactive": "Điều kiện không còn đúng",
    "action.acknowledge": "Tiếp nhận",
    "action.resolve": "Đã xử lý",
    "action.dismiss": "Bỏ qua",
    "action.reopen": "Mở lại",
    "action.bulkAcknowledge": "Tiếp nhận các cảnh báo đã chọn",
    "reason.label": "Lý do (cảnh báo {id})",
    "done.count": "Đã cập nhật {count} cảnh báo.",
    "severity.low": "Thấp",
    "severity.medium": "Trung bình",
    "severity.high": "Cao",
    "severity.critical": "Nghiêm trọng",
    "state.open": "Mới",
    "state.acknowledged": "Đã tiếp nhận",
    "state.resolved": "Đã xử lý",
    "state.dismissed": "Đã bỏ qua",
    "error.reasonRequired": "Hãy nêu lý do bỏ qua cảnh báo.",
    "error.reasonTooLong": "Lý do quá dài (tối đa 2.000 ký tự).",
    "error.invalidTransition": "Không thể chuyển cảnh báo từ trạng thái này.",
    "error.noFlags": "Hãy chọn ít nhất một cảnh báo.",
    "error.notFound": "Không tìm thấy cảnh báo.",
  },
  en: {
    "rule.stalled_spending.title": "Spending while delivery is stalled",
    "rule.stalled_spending.explanation":
      "Money was disbursed in the last {windowDays} days while the milestone “{milestone}” is {overdueDays} days overdue (due {dueDate}). Check what the payments are for.",
    "rule.cost_overrun.title": "Cost overrun",
    "rule.cost_overrun.explanation.spent": "Disbursed ({disbursed}) is above the approved budget ({approved}).",
    "rule.cost_overrun.explanation.raised":
      "The {fiscalYear} approved amount was raised {raisedPct}% over the original ({originalAmount} → {approvedAmount}) in {revisions} revisions.",
    "rule.cost_overrun.explanation.both":
      "Disbursed is above the approved budget, and the approved amount was raised {raisedPct}% over the original.",
    "rule.idle_allocation.title": "Idle allocation",
    "rule.idle_allocation.explanation":
      "Late in fiscal year {fiscalYear} only {ratePct}% of the allocation has been disbursed ({yearDisbursed}/{yearApproved}). The money could go to another project.",
    "rule.on_premise_hardware.title": "Own hardware where shared cloud is available",
    "rule.on_premise_hardware.explanation":
      "The project buys its own servers or data centre ({hardwareCapex}) where the shared government cloud could host it.",
    "rule.overlapping_app.title": "Citizen app overlapping a national app",
    "rule.overlapping_app.explanation":
      "The local app rebuilds features that national apps already offer ({overlapsApps}). Integrate instead of building again.",
    "rule.private_personal_data.title": "Personal data run by a private contractor",
    "rule.private_personal_data.explanation":
      "The system processes residents' personal data and is operated by a private contractor ({operator}). Review the contract and data-protection duties under Decree 13/2023/ND-CP.",
    "rule.personal_data_no_security.title": "Personal data with no security budget",
    "rule.personal_data_no_security.explanation":
      "The project processes personal data but has no budget line for information security.",
    "rule.replication_before_evaluation.title": "Replicated before the pilot was evaluated",
    "rule.replication_before_evaluation.explanation":
      "This project replicates {source} since {startDate}, before the source pilot was evaluated (its phase now: {sourcePhase}).",
    "rule.zombie_project.title": "Zombie project",
    "rule.zombie_project.explanation":
      "The project is active but nothing happened for {idleDays} days: no transaction, milestone update or change (last on {lastActivity}). Remaining allocation: {remaining}.",
    "rule.province_left_out.title": "Province left out",
    "rule.province_left_out.explanation.none": "The province has no approved project in the programme.",
    "rule.province_left_out.explanation.low":
      "A disadvantaged region with approved budget per person ({perCapita} VND) far below the national median ({nationalMedianPerCapita} VND).",
    "rule.province_left_out.explanation.few":
      "A disadvantaged region with only {approvedProjects} approved projects, where the national median is {nationalMedianProjects} per province.",
    "page.title": "Waste flags",
    "page.intro": "Signs of wasted spending found by the rules. Acknowledge, resolve or dismiss (with a reason) each flag.",
    "page.filters": "Filter flags",
    "page.caption": "Flags by severity and money at stake",
    "page.readOnly": "You can only read the flags.",
    "filter.rule": "Rule",
    "filter.severity": "Severity",
    "filter.state": "State",
    "filter.province": "Province",
    "filter.inactive": "Include flags whose condition no longer holds",
    "col.select": "Select",
    "col.severity": "Severity",
    "col.flag": "Flag",
    "col.subject": "Project / unit",
    "col.money": "Money at stake",
    "col.state": "State",
    "col.actions": "Triage",
    "select.label": "Select flag {id}",
    "inactive": "Condition no longer holds",
    "action.acknowledge": "Acknowledge",
    "action.resolve": "Resolve",
    "action.dismiss": "Dismiss",
    "action.reopen": "Reopen",
    "action.bulkAcknowledge": "Acknowledge selected flags",
    "reason.label": "Reason (flag {id})",
    "done.count": "{count} flags updated.",
    "severity.low": "Low",
    "severity.medium": "Medium",
    "severity.high": "High",
    "severity.critical": "Critical",
    "state.open": "Open",
    "state.acknowledged": "Acknowledged",
    "state.resolved": "Resolved",
    "state.dismissed": "Dismissed",
    "error.reasonRequired": "Give a reason for dismissing the flag.",
    "error.reasonTooLong": "The reason is too long (2,000 characters at most).",
    "error.invalidTransition": "The flag cannot move from its current state.",
    "error.noFlags": "Select at least one flag.",
    "error.notFound": "Flag not found.",
  },
});
