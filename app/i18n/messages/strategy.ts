import { defineMessages } from "../define";

/** The strategy tree page. */
export default defineMessages({
  vi: {
    title: "Cây chiến lược",
    intro:
      "Chiến lược quốc gia và các nhiệm vụ cụ thể hoá. Mỗi mục ghi cơ quan chủ trì, cơ quan phối hợp, giai đoạn và số dự án gắn với mục đó và các mục con.",
    lead: "Chủ trì",
    cooperators: "Phối hợp",
    period: "Giai đoạn",
    projects: "{count} dự án",
    projectsDirect: "({count} gắn trực tiếp)",
    nodeCount: "{count} mục.",
    expandAll: "Mở tất cả",
    collapseAll: "Thu gọn tất cả",
    empty: "Chưa có mục chiến lược nào.",
  },
  en: {
    title: "Strategy tree",
    intro:
      "The national strategy and the tasks that put it into practice. Each item shows the lead agency, cooperating agencies, period and the number of projects linked to it or to items beneath it.",
    lead: "Lead",
    cooperators: "Cooperating",
    period: "Period",
    projects: "{count} projects",
    projectsDirect: "({count} linked directly)",
    nodeCount: "{count} items.",
    expandAll: "Expand all",
    collapseAll: "Collapse all",
    empty: "There are no strategy items yet.",
  },
});
