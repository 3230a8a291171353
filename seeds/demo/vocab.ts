/**
 * Vocabulary of the demo generator: smart-city solution templates with
 * Vietnamese and English wording, milestones, lessons, contractors.
 * Pairs are [vi, en]. `{n:a-b}` in a text is replaced by a number in [a, b].
 */
import type { Domain, PersonalDataCategory, HostingModel, BudgetCategory } from "#db/enums";

export type Pair = readonly [string, string];

export interface IndicatorTemplate {
  nameVi: string;
  nameEn: string;
  unit: string;
  baseline: [number, number];
  target: [number, number];
  /** Strategy node whose target this indicator feeds (same unit). */
  strategyNode?: string;
}

export interface SolutionTemplate {
  key: string;
  domain: Domain;
  components: string[];
  extraComponents?: string[];
  /** Noun phrases naming the solution (vi, en), in title case as they start a title. */
  objects: Pair[];
  objectives: Pair[];
  scopes: Pair[];
  /** Total budget range, billion VND. */
  budget: [number, number];
  nodes: string[];
  hosting: Partial<Record<HostingModel, number>>;
  personalData?: PersonalDataCategory[];
  /** Probability that the project handles personal data (default 1 if categories given). */
  personalDataChance?: number;
  citizenApp?: boolean;
  categories: BudgetCategory[];
  indicator?: IndicatorTemplate;
  /** Relative frequency among provincial projects. */
  weight: number;
  /** Who proposes it. */
  owners: "province" | "ministry" | "any";
  /** Ministries (keys) that propose it nationally. */
  ministries?: string[];
}

export const VERBS: Pair[] = [
  ["Xây dựng", "Build"],
  ["Đầu tư xây dựng", "Invest in"],
  ["Triển khai", "Deploy"],
  ["Nâng cấp", "Upgrade"],
  ["Thí điểm", "Pilot"],
  ["Mở rộng", "Extend"],
  ["Hoàn thiện", "Complete"],
  ["Phát triển", "Develop"],
];

export const SOLUTIONS: SolutionTemplate[] = [
  {
    key: "ioc",
    domain: "governance",
    components: ["ioc", "dashboard", "gis"],
    extraComponents: ["camera", "citizen-app", "data-sharing", "ai-analytics"],
    objects: [
      ["Trung tâm giám sát, điều hành đô thị thông minh (IOC)", "Intelligent Operations Centre (IOC)"],
      ["Trung tâm điều hành thông minh (IOC)", "smart operations centre (IOC)"],
      ["Trung tâm giám sát, điều hành thông minh", "smart monitoring and operations centre"],
      ["Trung tâm IOC và hệ thống báo cáo phục vụ chỉ đạo, điều hành", "IOC and executive reporting system"],
    ],
    objectives: [
      [
        "Mục tiêu là giám sát tập trung tình hình kinh tế - xã hội, giao thông, an ninh trật tự và phản ánh hiện trường trên một màn hình điều hành.",
        "The aim is to monitor the economy, traffic, public order and citizen reports in one operations view.",
      ],
      [
        "Dự án hình thành công cụ hỗ trợ lãnh đạo ra quyết định dựa trên dữ liệu thời gian thực.",
        "The project gives leaders real-time data to base decisions on.",
      ],
      [
        "Trung tâm kết nối các hệ thống chuyên ngành của sở, ngành và địa phương để điều hành thống nhất.",
        "The centre connects departmental systems for unified operations.",
      ],
    ],
    scopes: [
      [
        "Giai đoạn đầu tích hợp {n:6-14} phân hệ: giao thông, an ninh trật tự, môi trường, y tế, giáo dục, phản ánh hiện trường.",
        "The first stage integrates {n:6-14} modules: traffic, public order, environment, health, education and citizen reports.",
      ],
      [
        "Kết nối {n:300-2500} camera hiện có và dữ liệu từ {n:15-40} cơ quan.",
        "It connects {n:300-2500} existing cameras and data from {n:15-40} agencies.",
      ],
    ],
    budget: [20, 250],
    nodes: ["DA950.5.1", "DA950.4.5"],
    hosting: { government_cloud: 35, hybrid: 35, on_premise: 20, commercial_cloud: 10 },
    personalData: ["camera_images", "location"],
    personalDataChance: 0.6,
    categories: ["hardware", "software", "services", "security", "training"],
    indicator: {
      nameVi: "Số hệ thống chuyên ngành kết nối về IOC",
      nameEn: "Sector systems connected to the IOC",
      unit: "hệ thống",
      baseline: [0, 3],
      target: [8, 20],
      strategyNode: "DA950.3.1",
    },
    weight: 6,
    owners: "any",
    ministries: ["MOC", "MOST"],
  },
  {
    key: "traffic-camera",
    domain: "transport",
    components: ["camera", "traffic", "ai-analytics"],
    extraComponents: ["ioc", "licence-plate-recognition"],
    objects: [
      ["Hệ thống camera giám sát giao thông", "traffic surveillance camera system"],
      ["Hệ thống camera giám sát an ninh, trật tự và giao thông", "public-order and traffic camera system"],
      ["hệ thống camera AI phát hiện vi phạm giao thông", "AI cameras for traffic violations"],
      [
        "Hệ thống giám sát, xử lý vi phạm trật tự an toàn giao thông",
        "traffic-violation monitoring and enforcement system",
      ],
    ],
    objectives: [
      [
        "Hệ thống giúp phát hiện, xử lý vi phạm giao thông tự động và giảm ùn tắc tại các nút giao trọng điểm.",
        "The system detects traffic violations automatically and reduces congestion at key junctions.",
      ],
      [
        "Dữ liệu hình ảnh phục vụ lực lượng chức năng điều tra, xử lý vi phạm và điều tiết giao thông.",
        "Images support the police in enforcement and traffic control.",
      ],
    ],
    scopes: [
      [
        "Lắp đặt {n:60-600} camera tại {n:20-120} nút giao và tuyến phố chính.",
        "Install {n:60-600} cameras at {n:20-120} junctions and main streets.",
      ],
      [
        "Phạm vi gồm {n:3-12} tuyến quốc lộ, tỉnh lộ đi qua địa bàn.",
        "Covers {n:3-12} national and provincial roads.",
      ],
    ],
    budget: [5, 150],
    nodes: ["DA950.4.6", "DA950.4.1"],
    hosting: { on_premise: 35, hybrid: 35, government_cloud: 25, commercial_cloud: 5 },
    personalData: ["camera_images", "vehicle"],
    categories: ["hardware", "software", "services", "security"],
    indicator: {
      nameVi: "Số camera kết nối về trung tâm điều hành",
      nameEn: "Cameras connected to the operations centre",
      unit: "camera",
      baseline: [0, 200],
      target: [300, 2000],
      strategyNode: "DA950.4.6",
    },
    weight: 6,
    owners: "any",
    ministries: ["MPS"],
  },
  {
    key: "adaptive-signals",
    domain: "transport",
    components: ["traffic", "adaptive-signals", "iot-sensors"],
    objects: [
      ["Hệ thống điều khiển đèn tín hiệu giao thông thích ứng", "adaptive traffic-signal control"],
      ["Trung tâm điều khiển giao thông thông minh", "smart traffic control centre"],
    ],
    objectives: [
      [
        "Tối ưu thời gian đèn tín hiệu theo lưu lượng thực tế, giảm thời gian chờ tại nút giao.",
        "Signal timing follows real traffic flows to cut waiting at junctions.",
      ],
    ],
    scopes: [
      [
        "Áp dụng cho {n:15-150} nút giao trên các trục chính.",
        "Applies to {n:15-150} junctions on the main corridors.",
      ],
    ],
    budget: [10, 120],
    nodes: ["DA950.4.1"],
    hosting: { hybrid: 40, on_premise: 30, government_cloud: 30 },
    categories: ["hardware", "software", "services"],
    indicator: {
      nameVi: "Số nút giao có đèn tín hiệu điều khiển thích ứng",
      nameEn: "Junctions with adaptive signal control",
      unit: "nút giao",
      baseline: [0, 10],
      target: [20, 150],
      strategyNode: "DA950.4.1",
    },
    weight: 2,
    owners: "province",
  },
  {
    key: "smart-parking",
    domain: "transport",
    components: ["parking", "citizen-app", "e-payment", "iot-sensors"],
    objects: [
      ["Hệ thống quản lý bãi đỗ xe thông minh", "smart parking management"],
      ["Thu phí đỗ xe lòng đường qua ứng dụng di động", "kerbside parking payment by mobile app"],
    ],
    objectives: [
      [
        "Người dân tìm chỗ đỗ và thanh toán không dùng tiền mặt; chính quyền quản lý nguồn thu minh bạch.",
        "Drivers find spaces and pay cashless; the city collects fees transparently.",
      ],
    ],
    scopes: [
      [
        "Triển khai tại {n:20-200} điểm đỗ xe với khoảng {n:1000-12000} chỗ.",
        "Deployed at {n:20-200} car parks with about {n:1000-12000} spaces.",
      ],
    ],
    budget: [2, 30],
    nodes: ["DA950.4.1"],
    hosting: { commercial_cloud: 50, government_cloud: 30, hybrid: 20 },
    personalData: ["vehicle", "financial", "contact"],
    categories: ["hardware", "software", "services"],
    weight: 1.5,
    owners: "province",
  },
  {
    key: "public-transport",
    domain: "transport",
    components: ["public-transport", "gps", "open-data", "e-ticket"],
    objects: [
      [
        "Hệ thống quản lý, giám sát vận tải hành khách công cộng",
        "public transport management and monitoring",
      ],
      ["Vé điện tử liên thông cho xe buýt", "integrated electronic bus ticketing"],
      ["Hệ thống thông tin hành khách xe buýt thời gian thực", "real-time bus passenger information"],
    ],
    objectives: [
      [
        "Nâng cao chất lượng dịch vụ xe buýt, khuyến khích người dân sử dụng giao thông công cộng.",
        "Better bus service to attract people to public transport.",
      ],
    ],
    scopes: [
      [
        "Áp dụng cho {n:10-120} tuyến xe buýt và {n:100-1500} phương tiện.",
        "Covers {n:10-120} bus routes and {n:100-1500} vehicles.",
      ],
    ],
    budget: [5, 80],
    nodes: ["DA950.4.1"],
    hosting: { commercial_cloud: 40, government_cloud: 40, hybrid: 20 },
    personalData: ["financial", "location"],
    personalDataChance: 0.5,
    categories: ["hardware", "software", "services"],
    weight: 1.5,
    owners: "province",
  },
  {
    key: "citizen-app",
    domain: "governance",
    components: ["citizen-app", "public-services", "feedback"],
    extraComponents: ["e-payment", "notifications", "e-id"],
    objects: [
      ["Ứng dụng công dân số", "digital citizen app"],
      ["Ứng dụng đô thị thông minh trên thiết bị di động", "smart city mobile app"],
      ["Hệ thống tiếp nhận, xử lý phản ánh hiện trường", "citizen field-report system"],
      ["Ứng dụng công dân số (Citizen App)", "Citizen App"],
    ],
    objectives: [
      [
        "Người dân phản ánh hiện trường, tra cứu thông tin và nhận thông báo của chính quyền trên một ứng dụng.",
        "Residents report issues, look up information and receive notices in one app.",
      ],
      [
        "Tăng tương tác hai chiều giữa chính quyền và người dân, doanh nghiệp.",
        "Two-way interaction between government, residents and businesses.",
      ],
    ],
    scopes: [
      [
        "Ứng dụng gồm {n:8-25} tiện ích: phản ánh hiện trường, tra cứu hồ sơ, thanh toán, thông báo khẩn.",
        "The app offers {n:8-25} services: field reports, case tracking, payments, emergency alerts.",
      ],
      [
        "Mục tiêu {n:50-600} nghìn lượt cài đặt sau hai năm.",
        "Target {n:50-600} thousand installs within two years.",
      ],
    ],
    budget: [1, 15],
    nodes: ["DA950.4.5", "DA950.6.3"],
    hosting: { government_cloud: 40, commercial_cloud: 40, hybrid: 20 },
    personalData: ["identity", "contact", "location"],
    citizenApp: true,
    categories: ["software", "services", "security"],
    indicator: {
      nameVi: "Tỷ lệ phản ánh hiện trường được xử lý đúng hạn",
      nameEn: "Citizen reports resolved on time",
      unit: "%",
      baseline: [40, 70],
      target: [85, 98],
      strategyNode: "DA950.6.3",
    },
    weight: 4,
    owners: "province",
  },
  {
    key: "data-centre",
    domain: "digital_infrastructure",
    components: ["data-centre", "servers", "storage", "backup"],
    extraComponents: ["cloud", "disaster-recovery"],
    objects: [
      ["Trung tâm dữ liệu", "data centre"],
      ["Trung tâm dữ liệu và hạ tầng điện toán đám mây", "data centre and cloud infrastructure"],
      ["Trung tâm tích hợp dữ liệu", "data integration centre"],
    ],
    objectives: [
      [
        "Bảo đảm hạ tầng máy chủ, lưu trữ cho các hệ thống thông tin dùng chung của địa phương.",
        "Server and storage capacity for the locality's shared information systems.",
      ],
      [
        "Tập trung hạ tầng công nghệ thông tin thay cho phòng máy phân tán tại các sở, ngành.",
        "Consolidates IT infrastructure scattered across departments.",
      ],
    ],
    scopes: [
      [
        "Đầu tư {n:40-400} máy chủ, hệ thống lưu trữ {n:200-3000} TB và hệ thống sao lưu dự phòng.",
        "{n:40-400} servers, {n:200-3000} TB of storage and backup.",
      ],
    ],
    budget: [30, 400],
    nodes: ["DA950.3.2", "DA950.3.1"],
    hosting: { on_premise: 55, hybrid: 30, government_cloud: 15 },
    categories: ["hardware", "software", "services", "security"],
    indicator: {
      nameVi: "Tỷ lệ hệ thống thông tin vận hành trên điện toán đám mây",
      nameEn: "Systems running on the cloud",
      unit: "%",
      baseline: [5, 30],
      target: [50, 90],
      strategyNode: "DA950.3.2",
    },
    weight: 2.5,
    owners: "province",
  },
  {
    key: "lgsp",
    domain: "data_platform",
    components: ["lgsp", "data-sharing", "api-gateway"],
    objects: [
      ["Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)", "local government service platform (LGSP)"],
      ["Nền tảng tích hợp, chia sẻ dữ liệu dùng chung", "shared data-integration platform"],
      ["Kho dữ liệu dùng chung", "shared data warehouse"],
    ],
    objectives: [
      [
        "Kết nối, chia sẻ dữ liệu giữa các hệ thống của địa phương và với các nền tảng quốc gia (NDXP).",
        "Connects local systems with each other and with the national data exchange platform (NDXP).",
      ],
    ],
    scopes: [
      [
        "Kết nối {n:10-45} hệ thống thông tin và {n:3-9} cơ sở dữ liệu quốc gia.",
        "Connects {n:10-45} information systems and {n:3-9} national databases.",
      ],
    ],
    budget: [3, 30],
    nodes: ["DA950.3.1"],
    hosting: { government_cloud: 50, hybrid: 30, on_premise: 20 },
    categories: ["software", "services", "security"],
    indicator: {
      nameVi: "Số hệ thống thông tin kết nối nền tảng LGSP",
      nameEn: "Systems connected to the LGSP",
      unit: "hệ thống",
      baseline: [0, 5],
      target: [15, 45],
      strategyNode: "DA950.3.1",
    },
    weight: 3,
    owners: "any",
    ministries: ["MOST", "GO"],
  },
  {
    key: "open-data",
    domain: "data_platform",
    components: ["open-data", "data-catalogue"],
    objects: [
      ["Cổng dữ liệu mở", "open data portal"],
      ["Danh mục dữ liệu mở và cổng dữ liệu", "open data catalogue and portal"],
    ],
    objectives: [
      [
        "Công bố dữ liệu mở phục vụ người dân, doanh nghiệp và nhà nghiên cứu.",
        "Publishes open data for residents, businesses and researchers.",
      ],
    ],
    scopes: [
      ["Công bố {n:40-300} bộ dữ liệu theo chuẩn mở.", "{n:40-300} datasets published in open formats."],
    ],
    budget: [1, 10],
    nodes: ["DA950.3.1", "DA950.6.3"],
    hosting: { government_cloud: 60, commercial_cloud: 40 },
    categories: ["software", "services"],
    weight: 1,
    owners: "any",
    ministries: ["MOST"],
  },
  {
    key: "gis",
    domain: "planning",
    components: ["gis", "urban-database"],
    extraComponents: ["3d-model", "open-data"],
    objects: [
      ["Hệ thống thông tin địa lý (GIS) quản lý đô thị", "urban management GIS"],
      ["Cơ sở dữ liệu quy hoạch đô thị trên nền GIS", "GIS urban planning database"],
      ["Bản đồ số 3D khu vực đô thị trung tâm", "3D digital map of the urban core"],
    ],
    objectives: [
      [
        "Số hóa dữ liệu quy hoạch, hạ tầng kỹ thuật để quản lý và công khai thông tin quy hoạch.",
        "Digitises planning and utility data to manage and publish it.",
      ],
    ],
    scopes: [
      [
        "Số hóa {n:20-160} đồ án quy hoạch và {n:5-12} lớp dữ liệu hạ tầng.",
        "Digitises {n:20-160} planning schemes and {n:5-12} utility layers.",
      ],
    ],
    budget: [3, 60],
    nodes: ["DA950.2.1"],
    hosting: { government_cloud: 50, hybrid: 30, on_premise: 20 },
    categories: ["software", "services"],
    indicator: {
      nameVi: "Tỷ lệ đồ án quy hoạch được số hóa trên GIS",
      nameEn: "Planning schemes digitised in GIS",
      unit: "%",
      baseline: [5, 30],
      target: [70, 100],
      strategyNode: "DA950.2.1",
    },
    weight: 2.5,
    owners: "any",
    ministries: ["MOC"],
  },
  {
    key: "construction-permits",
    domain: "planning",
    components: ["e-permit", "gis", "public-services"],
    objects: [
      ["Hệ thống cấp phép xây dựng trực tuyến", "online construction permits"],
      ["Hệ thống quản lý trật tự xây dựng", "building-control management system"],
    ],
    objectives: [
      [
        "Rút ngắn thời gian cấp phép xây dựng và công khai tiến độ giải quyết hồ sơ.",
        "Shortens building-permit times and publishes case progress.",
      ],
    ],
    scopes: [
      ["Tiếp nhận khoảng {n:2-30} nghìn hồ sơ mỗi năm.", "About {n:2-30} thousand applications a year."],
    ],
    budget: [2, 20],
    nodes: ["DA950.2.2"],
    hosting: { government_cloud: 60, hybrid: 40 },
    personalData: ["identity", "contact"],
    categories: ["software", "services"],
    weight: 1.5,
    owners: "province",
  },
  {
    key: "env-monitoring",
    domain: "environment",
    components: ["iot-sensors", "air-quality", "open-data"],
    objects: [
      ["Hệ thống quan trắc môi trường không khí tự động", "automatic air-quality monitoring"],
      ["Hệ thống quan trắc môi trường nước tự động", "automatic water-quality monitoring"],
      ["Mạng lưới trạm quan trắc chất lượng không khí", "air-quality monitoring network"],
    ],
    objectives: [
      [
        "Cảnh báo sớm ô nhiễm và công khai chỉ số chất lượng môi trường cho người dân.",
        "Early pollution warnings and public environmental indices.",
      ],
    ],
    scopes: [
      [
        "Lắp đặt {n:4-40} trạm quan trắc tự động, truyền dữ liệu liên tục về Sở.",
        "{n:4-40} automatic stations streaming data to the department.",
      ],
    ],
    budget: [5, 60],
    nodes: ["DA950.4.2"],
    hosting: { government_cloud: 50, commercial_cloud: 25, hybrid: 25 },
    categories: ["hardware", "software", "services"],
    indicator: {
      nameVi: "Số trạm quan trắc tự động truyền dữ liệu trực tuyến",
      nameEn: "Automatic monitoring stations online",
      unit: "trạm",
      baseline: [0, 6],
      target: [8, 40],
      strategyNode: "DA950.4.2",
    },
    weight: 2.5,
    owners: "any",
    ministries: ["MAE"],
  },
  {
    key: "flood-warning",
    domain: "environment",
    components: ["iot-sensors", "early-warning", "gis"],
    objects: [
      ["Hệ thống cảnh báo ngập lụt đô thị", "urban flood warning"],
      ["Hệ thống cảnh báo sớm thiên tai, sạt lở đất", "early warning for landslides and disasters"],
      ["Hệ thống giám sát xâm nhập mặn", "salinity intrusion monitoring"],
    ],
    objectives: [
      [
        "Giúp chính quyền và người dân chủ động ứng phó với thiên tai, biến đổi khí hậu.",
        "Helps government and residents prepare for disasters and climate change.",
      ],
    ],
    scopes: [
      [
        "Lắp đặt {n:10-120} cảm biến mực nước, đo mưa tại các điểm xung yếu.",
        "{n:10-120} water-level and rain sensors at vulnerable points.",
      ],
    ],
    budget: [5, 80],
    nodes: ["DA950.4.2"],
    hosting: { government_cloud: 50, hybrid: 30, commercial_cloud: 20 },
    categories: ["hardware", "software", "services"],
    weight: 2,
    owners: "any",
    ministries: ["MAE"],
  },
  {
    key: "waste",
    domain: "environment",
    components: ["iot-sensors", "fleet-tracking"],
    objects: [
      ["Hệ thống quản lý thu gom, vận chuyển chất thải rắn thông minh", "smart solid-waste collection"],
    ],
    objectives: [
      [
        "Giám sát lộ trình xe thu gom, tối ưu tần suất thu gom và giảm điểm tồn đọng rác.",
        "Tracks collection trucks and optimises rounds.",
      ],
    ],
    scopes: [
      [
        "Gắn thiết bị giám sát hành trình cho {n:30-400} xe thu gom.",
        "GPS trackers on {n:30-400} collection trucks.",
      ],
    ],
    budget: [3, 40],
    nodes: ["DA950.4.2"],
    hosting: { commercial_cloud: 50, government_cloud: 50 },
    categories: ["hardware", "software", "services"],
    weight: 1,
    owners: "province",
  },
  {
    key: "street-lighting",
    domain: "energy",
    components: ["smart-lighting", "iot-sensors"],
    objects: [
      ["Hệ thống chiếu sáng công cộng thông minh", "smart public lighting"],
      [
        "Chuyển đổi đèn chiếu sáng công cộng sang LED điều khiển từ xa",
        "LED street lighting with remote control",
      ],
    ],
    objectives: [
      [
        "Tiết kiệm điện năng chiếu sáng công cộng và điều khiển tập trung theo khung giờ.",
        "Saves street-lighting power with central, scheduled control.",
      ],
    ],
    scopes: [
      [
        "Thay thế {n:2000-40000} bộ đèn và lắp {n:50-600} tủ điều khiển.",
        "Replaces {n:2000-40000} lamps and installs {n:50-600} control cabinets.",
      ],
    ],
    budget: [10, 200],
    nodes: ["DA950.4.7"],
    hosting: { commercial_cloud: 40, government_cloud: 30, hybrid: 30 },
    categories: ["hardware", "software", "services"],
    indicator: {
      nameVi: "Tỷ lệ đèn chiếu sáng công cộng được điều khiển thông minh",
      nameEn: "Street lights under smart control",
      unit: "%",
      baseline: [0, 15],
      target: [40, 90],
      strategyNode: "DA950.4.7",
    },
    weight: 2,
    owners: "province",
  },
  {
    key: "smart-water",
    domain: "water",
    components: ["smart-meter", "scada", "leak-detection"],
    objects: [
      ["Hệ thống đồng hồ nước thông minh và giám sát thất thoát", "smart water meters and leak monitoring"],
      ["Hệ thống SCADA giám sát mạng lưới cấp nước", "water-network SCADA"],
    ],
    objectives: [
      [
        "Giảm tỷ lệ thất thoát nước sạch và ghi chỉ số tự động.",
        "Reduces water losses and automates meter reading.",
      ],
    ],
    scopes: [["Lắp đặt {n:5-80} nghìn đồng hồ thông minh.", "{n:5-80} thousand smart meters installed."]],
    budget: [10, 150],
    nodes: ["DA950.4.7"],
    hosting: { hybrid: 40, commercial_cloud: 30, on_premise: 30 },
    personalData: ["contact", "financial"],
    categories: ["hardware", "software", "services"],
    weight: 1.5,
    owners: "province",
  },
  {
    key: "drainage",
    domain: "water",
    components: ["scada", "iot-sensors", "early-warning"],
    objects: [
      ["Hệ thống giám sát, vận hành thoát nước và chống ngập", "drainage and flood-control operations"],
    ],
    objectives: [
      [
        "Vận hành trạm bơm, cửa phai theo dữ liệu mưa, triều thời gian thực.",
        "Pumps and gates run on real-time rain and tide data.",
      ],
    ],
    scopes: [
      [
        "Kết nối {n:5-60} trạm bơm và {n:20-200} điểm đo.",
        "Connects {n:5-60} pumping stations and {n:20-200} gauges.",
      ],
    ],
    budget: [20, 300],
    nodes: ["DA950.4.7", "DA950.4.2"],
    hosting: { hybrid: 50, on_premise: 30, government_cloud: 20 },
    categories: ["hardware", "software", "services"],
    weight: 1,
    owners: "province",
  },
  {
    key: "e-health",
    domain: "health",
    components: ["health-records", "telemedicine"],
    extraComponents: ["citizen-app", "e-payment"],
    objects: [
      ["Hồ sơ sức khỏe điện tử", "electronic health records"],
      ["Hệ thống khám, chữa bệnh từ xa (Telehealth)", "telehealth system"],
      ["Bệnh án điện tử tại các bệnh viện tuyến tỉnh", "electronic medical records in provincial hospitals"],
    ],
    objectives: [
      [
        "Lưu trữ, liên thông dữ liệu khám chữa bệnh giữa các cơ sở y tế và với Sổ sức khỏe điện tử.",
        "Shares treatment data between facilities and with the national e-health book.",
      ],
    ],
    scopes: [
      [
        "Triển khai tại {n:5-40} bệnh viện và {n:30-300} trạm y tế.",
        "Rolled out in {n:5-40} hospitals and {n:30-300} health stations.",
      ],
    ],
    budget: [5, 120],
    nodes: ["DA950.4.3"],
    hosting: { government_cloud: 40, hybrid: 40, on_premise: 20 },
    personalData: ["identity", "health", "contact"],
    categories: ["hardware", "software", "services", "security"],
    indicator: {
      nameVi: "Tỷ lệ dân số có hồ sơ sức khỏe điện tử",
      nameEn: "Population with an electronic health record",
      unit: "%",
      baseline: [20, 50],
      target: [80, 98],
      strategyNode: "DA950.4.3",
    },
    weight: 2.5,
    owners: "any",
    ministries: ["MOH"],
  },
  {
    key: "e-education",
    domain: "education",
    components: ["e-learning", "school-management"],
    objects: [
      ["Mô hình trường học thông minh", "smart schools"],
      ["Nền tảng học tập trực tuyến", "online learning platform"],
      ["Hệ thống quản lý giáo dục dùng chung", "shared education management system"],
    ],
    objectives: [
      [
        "Số hóa quản lý trường học, học bạ và hỗ trợ dạy học trực tuyến.",
        "Digitises school management and records and supports online teaching.",
      ],
    ],
    scopes: [["Áp dụng cho {n:20-600} trường học.", "Covers {n:20-600} schools."]],
    budget: [3, 80],
    nodes: ["DA950.4.4"],
    hosting: { government_cloud: 40, commercial_cloud: 40, hybrid: 20 },
    personalData: ["identity", "contact"],
    categories: ["hardware", "software", "training"],
    weight: 2,
    owners: "any",
    ministries: ["MOET"],
  },
  {
    key: "public-safety",
    domain: "safety",
    components: ["camera", "emergency-response", "ioc"],
    extraComponents: ["face-recognition"],
    objects: [
      [
        "Hệ thống tiếp nhận, điều phối cuộc gọi khẩn cấp 113, 114, 115",
        "emergency call handling (113, 114, 115)",
      ],
      ["Hệ thống camera giám sát an ninh trật tự khu dân cư", "neighbourhood security cameras"],
      [
        "Hệ thống cảnh báo cháy cho khu dân cư và cơ sở kinh doanh",
        "fire alarms for residential and business premises",
      ],
    ],
    objectives: [
      [
        "Rút ngắn thời gian phản ứng của lực lượng chức năng và bảo đảm an ninh trật tự.",
        "Shorter response times and better public order.",
      ],
    ],
    scopes: [
      [
        "Kết nối {n:100-3000} điểm giám sát về trung tâm chỉ huy.",
        "Connects {n:100-3000} monitoring points to the command centre.",
      ],
    ],
    budget: [5, 100],
    nodes: ["DA950.4.6"],
    hosting: { on_premise: 40, hybrid: 40, government_cloud: 20 },
    personalData: ["camera_images", "location", "biometric"],
    categories: ["hardware", "software", "services", "security"],
    indicator: {
      nameVi: "Số camera kết nối về trung tâm chỉ huy",
      nameEn: "Cameras connected to the command centre",
      unit: "camera",
      baseline: [0, 300],
      target: [500, 3000],
      strategyNode: "DA950.4.6",
    },
    weight: 2,
    owners: "any",
    ministries: ["MPS"],
  },
  {
    key: "smart-tourism",
    domain: "tourism",
    components: ["tourism-portal", "citizen-app", "wifi"],
    objects: [
      ["Hệ thống du lịch thông minh", "smart tourism system"],
      ["Ứng dụng du lịch thông minh", "smart tourism app"],
      ["Wi-Fi công cộng miễn phí tại khu du lịch", "free public Wi-Fi in tourist areas"],
    ],
    objectives: [
      [
        "Quảng bá điểm đến, hỗ trợ du khách và thu thập dữ liệu phục vụ quản lý du lịch.",
        "Promotes destinations, helps visitors and collects tourism data.",
      ],
    ],
    scopes: [
      [
        "Số hóa {n:20-200} điểm đến và {n:5-60} điểm phát Wi-Fi.",
        "Digitises {n:20-200} sites and {n:5-60} Wi-Fi hotspots.",
      ],
    ],
    budget: [2, 30],
    nodes: ["DA950.4.8"],
    hosting: { commercial_cloud: 60, government_cloud: 40 },
    personalData: ["contact", "location"],
    personalDataChance: 0.4,
    categories: ["software", "services"],
    weight: 1.5,
    owners: "any",
    ministries: ["MCST"],
  },
  {
    key: "smart-agriculture",
    domain: "agriculture",
    components: ["iot-sensors", "traceability"],
    objects: [
      ["Hệ thống truy xuất nguồn gốc nông sản", "farm-produce traceability"],
      ["Mô hình nông nghiệp thông minh ứng dụng IoT", "IoT smart farming"],
    ],
    objectives: [
      [
        "Hỗ trợ nông dân, hợp tác xã quản lý sản xuất và nâng giá trị nông sản.",
        "Helps farmers and cooperatives manage production and add value.",
      ],
    ],
    scopes: [
      [
        "Áp dụng cho {n:10-120} hợp tác xã, vùng trồng.",
        "Used by {n:10-120} cooperatives and growing areas.",
      ],
    ],
    budget: [2, 40],
    nodes: ["DA950.5.3"],
    hosting: { commercial_cloud: 60, government_cloud: 40 },
    categories: ["hardware", "software", "training"],
    weight: 1.5,
    owners: "any",
    ministries: ["MAE", "MERA"],
  },
  {
    key: "public-services",
    domain: "governance",
    components: ["public-services", "one-stop-shop", "e-payment"],
    objects: [
      ["Hệ thống thông tin giải quyết thủ tục hành chính", "administrative procedures information system"],
      ["Bộ phận Một cửa điện tử liên thông", "electronic one-stop shop"],
      ["Thanh toán trực tuyến phí, lệ phí dịch vụ công", "online payment of public-service fees"],
    ],
    objectives: [
      [
        "Cung cấp dịch vụ công trực tuyến toàn trình, giảm giấy tờ và thời gian đi lại của người dân.",
        "End-to-end online public services, less paperwork and travel.",
      ],
    ],
    scopes: [
      [
        "Cung cấp {n:200-1500} thủ tục trực tuyến, kết nối Cổng Dịch vụ công quốc gia.",
        "{n:200-1500} procedures online, connected to the national portal.",
      ],
    ],
    budget: [3, 40],
    nodes: ["DA950.4.5"],
    hosting: { government_cloud: 60, hybrid: 40 },
    personalData: ["identity", "contact", "financial"],
    categories: ["software", "services", "security"],
    indicator: {
      nameVi: "Tỷ lệ thủ tục hành chính cung cấp trực tuyến toàn trình",
      nameEn: "Procedures offered fully online",
      unit: "%",
      baseline: [10, 40],
      target: [60, 90],
      strategyNode: "DA950.4.5",
    },
    weight: 2.5,
    owners: "any",
    ministries: ["GO", "MOJ", "MOHA"],
  },
  {
    key: "connectivity",
    domain: "digital_infrastructure",
    components: ["fibre", "wifi", "5g"],
    objects: [
      ["Hạ tầng mạng truyền số liệu chuyên dùng", "dedicated government data network"],
      ["Hệ thống Wi-Fi công cộng", "public Wi-Fi"],
      ["Hạ tầng cáp quang kết nối xã, phường", "fibre links to communes and wards"],
    ],
    objectives: [
      [
        "Bảo đảm kết nối băng rộng cho cơ quan nhà nước và điểm công cộng.",
        "Broadband for public offices and public places.",
      ],
    ],
    scopes: [["Kết nối {n:50-700} điểm.", "Connects {n:50-700} sites."]],
    budget: [5, 80],
    nodes: ["DA950.3.1"],
    hosting: { hybrid: 60, on_premise: 40 },
    categories: ["hardware", "services"],
    weight: 1.5,
    owners: "province",
  },
  {
    key: "soc",
    domain: "digital_infrastructure",
    components: ["soc", "security"],
    objects: [
      ["Trung tâm giám sát an toàn thông tin (SOC)", "security operations centre (SOC)"],
      ["Hệ thống bảo đảm an toàn thông tin theo mô hình 4 lớp", "four-layer information security"],
    ],
    objectives: [
      [
        "Giám sát, phát hiện sớm tấn công mạng vào các hệ thống thông tin của địa phương.",
        "Detects cyber attacks on local systems early.",
      ],
    ],
    scopes: [["Giám sát {n:20-120} hệ thống thông tin.", "Monitors {n:20-120} information systems."]],
    budget: [3, 40],
    nodes: ["DA950.3.3"],
    hosting: { hybrid: 50, government_cloud: 30, on_premise: 20 },
    categories: ["hardware", "software", "services", "security"],
    weight: 1.5,
    owners: "any",
    ministries: ["MPS", "MOST"],
  },
  {
    key: "training",
    domain: "governance",
    components: ["training"],
    objects: [
      ["Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức", "digital-skills training for civil servants"],
      ["Nâng cao nhận thức về đô thị thông minh cho cộng đồng", "smart-city awareness for communities"],
    ],
    objectives: [
      [
        "Nâng cao năng lực vận hành, khai thác các hệ thống đô thị thông minh.",
        "Builds the skills to run and use smart-city systems.",
      ],
    ],
    scopes: [["Đào tạo khoảng {n:200-5000} lượt cán bộ.", "About {n:200-5000} trainees."]],
    budget: [0.3, 5],
    nodes: ["DA950.6.1"],
    hosting: { government_cloud: 70, commercial_cloud: 30 },
    categories: ["training", "services"],
    weight: 1.5,
    owners: "any",
    ministries: ["MOHA", "MOST"],
  },
  {
    key: "energy-management",
    domain: "energy",
    components: ["smart-meter", "solar", "energy-management"],
    objects: [
      ["Hệ thống quản lý năng lượng tại trụ sở cơ quan nhà nước", "energy management in public buildings"],
      ["Điện mặt trời mái nhà tại công sở", "rooftop solar on public offices"],
    ],
    objectives: [
      [
        "Giảm chi phí điện năng và phát thải của khu vực công.",
        "Cuts public-sector power bills and emissions.",
      ],
    ],
    scopes: [["Áp dụng tại {n:10-150} công sở.", "In {n:10-150} public buildings."]],
    budget: [5, 60],
    nodes: ["DA950.4.7"],
    hosting: { commercial_cloud: 60, government_cloud: 40 },
    categories: ["hardware", "services"],
    weight: 1,
    owners: "any",
    ministries: ["MOIT"],
  },
  {
    key: "digital-twin",
    domain: "planning",
    components: ["digital-twin", "3d-model", "gis", "iot-sensors"],
    objects: [["Mô hình bản sao số (digital twin) khu đô thị", "urban digital twin"]],
    objectives: [
      [
        "Mô phỏng kịch bản quy hoạch, giao thông, ngập lụt trước khi ra quyết định đầu tư.",
        "Simulates planning, traffic and flood scenarios before investing.",
      ],
    ],
    scopes: [["Mô hình hóa {n:5-60} km² khu vực trung tâm.", "Models {n:5-60} km² of the centre."]],
    budget: [10, 100],
    nodes: ["DA950.2.1"],
    hosting: { commercial_cloud: 40, hybrid: 40, government_cloud: 20 },
    categories: ["software", "services"],
    weight: 0.8,
    owners: "province",
  },
  {
    key: "land-database",
    domain: "planning",
    components: ["land-database", "gis"],
    objects: [["Cơ sở dữ liệu đất đai", "land database"]],
    objectives: [
      [
        "Hoàn thiện, vận hành cơ sở dữ liệu đất đai kết nối với cơ sở dữ liệu quốc gia.",
        "Completes the land database and links it to the national one.",
      ],
    ],
    scopes: [
      [
        "Số hóa hồ sơ địa chính của {n:20-300} xã, phường.",
        "Digitises cadastral records of {n:20-300} communes and wards.",
      ],
    ],
    budget: [20, 200],
    nodes: ["DA950.2.1"],
    hosting: { government_cloud: 50, hybrid: 30, on_premise: 20 },
    personalData: ["identity", "financial"],
    categories: ["software", "services", "hardware"],
    weight: 1,
    owners: "any",
    ministries: ["MAE"],
  },
  {
    key: "standards",
    domain: "governance",
    components: ["standards", "guidance"],
    objects: [
      ["Bộ tiêu chí, chỉ số đánh giá đô thị thông minh", "smart-city assessment criteria and indicators"],
      ["Khung tham chiếu ICT phát triển đô thị thông minh", "ICT reference framework for smart cities"],
      [
        "Hướng dẫn kiến trúc và quy chuẩn kỹ thuật về đô thị thông minh",
        "smart-city architecture guidance and technical regulations",
      ],
    ],
    objectives: [
      [
        "Thống nhất tiêu chí, chuẩn kết nối để các địa phương triển khai đồng bộ, tránh trùng lặp.",
        "Common criteria and interfaces so localities build compatible systems without duplication.",
      ],
    ],
    scopes: [
      ["Ban hành {n:3-12} tiêu chuẩn, hướng dẫn kỹ thuật.", "{n:3-12} standards and technical guides."],
    ],
    budget: [1, 10],
    nodes: ["DA950.1.2", "DA950.1.1"],
    hosting: { government_cloud: 100 },
    categories: ["services"],
    weight: 0,
    owners: "ministry",
    ministries: ["MOC", "MOST"],
  },
  {
    key: "national-platform",
    domain: "data_platform",
    components: ["national-database", "data-sharing", "api-gateway"],
    objects: [
      ["Cơ sở dữ liệu quốc gia", "national database"],
      ["Nền tảng dữ liệu đô thị dùng chung", "shared urban data platform"],
      [
        "Hệ thống thông tin giám sát, đánh giá đô thị thông minh",
        "smart-city monitoring and evaluation information system",
      ],
    ],
    objectives: [
      [
        "Tạo nền tảng dùng chung để các bộ, ngành, địa phương khai thác thay vì đầu tư riêng lẻ.",
        "A shared platform for ministries and localities instead of separate investments.",
      ],
    ],
    scopes: [
      [
        "Kết nối dữ liệu từ {n:20-63} địa phương và {n:5-17} bộ, ngành.",
        "Data from {n:20-63} localities and {n:5-17} ministries.",
      ],
    ],
    budget: [30, 500],
    nodes: ["DA950.3.1", "DA950.2.1"],
    hosting: { government_cloud: 70, hybrid: 30 },
    personalData: ["identity"],
    personalDataChance: 0.3,
    categories: ["software", "hardware", "services", "security"],
    weight: 0,
    owners: "ministry",
    ministries: ["MOST", "MOC", "MPS", "MOF", "GO", "MOH", "MAE", "MOET", "SBV", "MOIT", "MCST", "MERA"],
  },
  {
    key: "government-cloud",
    domain: "digital_infrastructure",
    components: ["cloud", "data-centre"],
    objects: [
      ["Nền tảng điện toán đám mây Chính phủ", "government cloud platform"],
      ["Hạ tầng điện toán đám mây dùng chung", "shared cloud infrastructure"],
    ],
    objectives: [
      [
        "Cung cấp hạ tầng dùng chung để các cơ quan thuê thay vì tự đầu tư phòng máy.",
        "Shared infrastructure to rent instead of each agency building server rooms.",
      ],
    ],
    scopes: [["Đáp ứng khoảng {n:200-3000} máy chủ ảo.", "About {n:200-3000} virtual servers."]],
    budget: [100, 1500],
    nodes: ["DA950.3.2"],
    hosting: { government_cloud: 100 },
    categories: ["hardware", "software", "services", "security"],
    weight: 0,
    owners: "ministry",
    ministries: ["MOST", "MPS"],
  },
];

/** National sector wording for ministry projects (keyed by ministry key). */
export const MINISTRY_SECTORS: Record<string, Pair> = {
  MOD: ["ngành Quốc phòng", "the defence sector"],
  MPS: ["lực lượng Công an nhân dân", "the public-security sector"],
  MOFA: ["ngành Ngoại giao", "the foreign-affairs sector"],
  MOHA: ["ngành Nội vụ", "the home-affairs sector"],
  MOJ: ["ngành Tư pháp", "the justice sector"],
  MOF: ["ngành Tài chính", "the finance sector"],
  MOIT: ["ngành Công Thương", "the industry and trade sector"],
  MAE: ["ngành Nông nghiệp và Môi trường", "the agriculture and environment sector"],
  MOC: ["ngành Xây dựng", "the construction sector"],
  MCST: ["ngành Văn hóa, Thể thao và Du lịch", "the culture, sports and tourism sector"],
  MOST: ["ngành Khoa học và Công nghệ", "the science and technology sector"],
  MOET: ["ngành Giáo dục", "the education sector"],
  MOH: ["ngành Y tế", "the health sector"],
  MERA: ["vùng đồng bào dân tộc thiểu số và miền núi", "ethnic-minority and mountain areas"],
  SBV: ["ngành Ngân hàng", "the banking sector"],
  GI: ["ngành Thanh tra", "the inspection sector"],
  GO: ["hệ thống hành chính nhà nước", "the state administration"],
  MIC: ["ngành Thông tin và Truyền thông", "the information and communications sector"],
  MPI: ["ngành Kế hoạch và Đầu tư", "the planning and investment sector"],
  MOT: ["ngành Giao thông vận tải", "the transport sector"],
  MONRE: ["ngành Tài nguyên và Môi trường", "the natural resources and environment sector"],
  MARD: ["ngành Nông nghiệp", "the agriculture sector"],
  MOLISA: ["ngành Lao động - Thương binh và Xã hội", "the labour and social affairs sector"],
  CEMA: ["vùng đồng bào dân tộc thiểu số", "ethnic-minority areas"],
};

/** Relative project volume per current ministry key (ministry share of projects). */
export const MINISTRY_WEIGHTS: Record<string, number> = {
  MOST: 10,
  MOC: 9,
  MPS: 7,
  MOH: 6,
  MAE: 6,
  MOF: 5,
  GO: 5,
  MOET: 4,
  MOIT: 3,
  MCST: 3,
  MOHA: 3,
  MOJ: 2,
  MERA: 2,
  SBV: 1.5,
  MOD: 0.5,
  MOFA: 0.5,
  GI: 0.5,
};

/** Legacy ministries that owned projects before March 2025. */
export const LEGACY_MINISTRY_WEIGHTS: Record<string, number> = {
  MIC: 8,
  MPI: 3,
  MOT: 4,
  MONRE: 4,
  MARD: 2,
  MOLISA: 1,
  MOC: 3,
  MOST: 2,
  MOH: 2,
};

export const CONTEXTS: Pair[] = [
  [
    "Thực hiện Đề án phát triển đô thị thông minh bền vững Việt Nam (Quyết định 950/QĐ-TTg) và kế hoạch chuyển đổi số của {short}.",
    "Implements the national smart-city scheme (Decision 950/QĐ-TTg) and the digital-transformation plan of {shortEn}.",
  ],
  [
    "Hiện nay dữ liệu chuyên ngành của {short} còn phân tán ở nhiều sở, ngành, chưa được kết nối, chia sẻ.",
    "Sector data in {shortEn} is still scattered across departments and not shared.",
  ],
  [
    "Qua khảo sát hiện trạng năm {y0}, {short} còn thiếu công cụ giám sát tập trung phục vụ chỉ đạo, điều hành.",
    "A {y0} survey found {shortEn} lacked central monitoring tools for decision-makers.",
  ],
  [
    "Tiếp nối kết quả giai đoạn trước, {short} đề xuất mở rộng phạm vi và nâng cấp chức năng.",
    "Building on the previous stage, {shortEn} proposes a wider scope and new functions.",
  ],
  [
    "Theo kế hoạch phát triển đô thị thông minh của {short} đến năm 2030, tầm nhìn 2045.",
    "Part of {shortEn}'s smart-city plan to 2030 with a vision to 2045.",
  ],
  [
    "Nhu cầu của người dân và doanh nghiệp về dịch vụ số tại {short} tăng nhanh trong những năm gần đây.",
    "Demand for digital services from residents and businesses in {shortEn} has grown fast.",
  ],
];

export const MINISTRY_CONTEXTS: Pair[] = [
  [
    "Thực hiện nhiệm vụ được giao tại Đề án 950 về phát triển đô thị thông minh bền vững, {short} chủ trì xây dựng giải pháp dùng chung cho các địa phương.",
    "Under the national smart-city scheme (Decision 950), the {shortEn} leads a solution shared by all localities.",
  ],
  [
    "Nhiều địa phương đang đầu tư riêng lẻ cùng một loại hệ thống; {short} đề xuất nền tảng dùng chung để tránh trùng lặp.",
    "Many localities are building the same system separately; the {shortEn} proposes a shared platform to avoid duplication.",
  ],
  [
    "Theo kế hoạch chuyển đổi số của {short} và chỉ đạo của Ban Chỉ đạo liên ngành.",
    "Part of the {shortEn}'s digital-transformation plan, as directed by the task force.",
  ],
  [
    "Dữ liệu chuyên ngành hiện được các địa phương báo cáo thủ công, chậm và thiếu thống nhất.",
    "Sector data still reaches the ministry through slow, inconsistent manual reports.",
  ],
];

export const CONTEXTS_2025: Pair[] = [
  [
    "Triển khai Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.",
    "Implements Resolution 57-NQ/TW on breakthroughs in science, technology, innovation and digital transformation.",
  ],
  [
    "Sau khi sắp xếp đơn vị hành chính, {short} cần thống nhất hệ thống của các địa phương trước đây trên một nền tảng dùng chung.",
    "After the 2025 merger, {shortEn} must bring the former provinces' systems onto one shared platform.",
  ],
];

export const HOSTING_SENTENCES: Record<HostingModel, Pair[]> = {
  government_cloud: [
    [
      "Hệ thống được triển khai trên nền tảng điện toán đám mây Chính phủ, không đầu tư phòng máy riêng.",
      "It runs on the government cloud, with no separate server room.",
    ],
    [
      "Hạ tầng thuê trên đám mây dùng chung của tỉnh theo hình thức thuê dịch vụ công nghệ thông tin.",
      "Infrastructure is rented on the shared provincial cloud as an IT service.",
    ],
  ],
  commercial_cloud: [
    [
      "Thuê dịch vụ điện toán đám mây của doanh nghiệp trong nước đáp ứng tiêu chí của Bộ Khoa học và Công nghệ.",
      "Rents cloud services from a domestic provider meeting the ministry's criteria.",
    ],
    [
      "Hệ thống được triển khai theo hình thức thuê dịch vụ trọn gói.",
      "Delivered as a fully managed rented service.",
    ],
  ],
  on_premise: [
    [
      "Đầu tư trang thiết bị máy chủ, lưu trữ đặt tại phòng máy của cơ quan chủ trì.",
      "Servers and storage are bought and housed in the lead agency's own server room.",
    ],
    [
      "Toàn bộ hạ tầng phần cứng do chủ đầu tư mua sắm và tự vận hành.",
      "All hardware is procured and operated by the project owner.",
    ],
  ],
  hybrid: [
    [
      "Dữ liệu nhạy cảm lưu tại trung tâm dữ liệu của tỉnh, các phân hệ khác chạy trên đám mây.",
      "Sensitive data stays in the provincial data centre; other modules run in the cloud.",
    ],
    [
      "Kết hợp thiết bị tại hiện trường với nền tảng xử lý trên đám mây.",
      "Field equipment combined with cloud processing.",
    ],
  ],
};

export const OUTCOMES: Pair[] = [
  [
    "Kết quả sẽ được đánh giá sau 12 tháng vận hành thí điểm trước khi quyết định nhân rộng.",
    "Results will be evaluated after 12 months of piloting before any scale-up.",
  ],
  [
    "Dự kiến rút ngắn thời gian xử lý công việc và nâng cao chất lượng phục vụ người dân.",
    "Expected to speed up casework and improve services to residents.",
  ],
  [
    "Dữ liệu của dự án được chia sẻ qua nền tảng tích hợp, chia sẻ dữ liệu của tỉnh.",
    "Project data is shared through the provincial data platform.",
  ],
  [
    "Sản phẩm được xây dựng theo kiến trúc Chính phủ điện tử, Chính quyền số của địa phương.",
    "Built to the local e-government architecture.",
  ],
  ["", ""],
];

export const PERSONAL_DATA_LABELS: Record<PersonalDataCategory, Pair> = {
  identity: ["thông tin định danh", "identity data"],
  contact: ["thông tin liên hệ", "contact details"],
  location: ["vị trí", "location"],
  health: ["dữ liệu sức khỏe", "health data"],
  camera_images: ["hình ảnh camera", "camera images"],
  biometric: ["dữ liệu sinh trắc học", "biometric data"],
  financial: ["thông tin thanh toán", "payment data"],
  vehicle: ["biển số, thông tin phương tiện", "vehicle plates and data"],
};

export const PERSONAL_DATA_PURPOSES: Record<PersonalDataCategory, Pair> = {
  identity: ["Xác thực người dùng và giải quyết hồ sơ", "User authentication and case handling"],
  contact: ["Thông báo kết quả, liên hệ với người dân", "Notifying residents of outcomes"],
  location: ["Xác định vị trí sự việc được phản ánh", "Locating reported incidents"],
  health: ["Lưu trữ, liên thông hồ sơ khám chữa bệnh", "Storing and sharing treatment records"],
  camera_images: ["Giám sát giao thông, an ninh trật tự", "Traffic and public-order monitoring"],
  biometric: [
    "Nhận diện đối tượng theo yêu cầu của cơ quan điều tra",
    "Identification at the request of investigators",
  ],
  financial: ["Thu phí, lệ phí và đối soát thanh toán", "Fee collection and reconciliation"],
  vehicle: ["Phát hiện, xử lý vi phạm giao thông", "Detecting and handling traffic violations"],
};

export const RETENTIONS = ["30 ngày", "90 ngày", "12 tháng", "5 năm", "10 năm", "Đến khi hết mục đích xử lý"];
export const DATA_LEGAL_BASES = [
  "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân",
  "Luật Giao dịch điện tử 2023",
  "Luật Căn cước 2023",
  "Nghị định 13/2023/NĐ-CP; quy chế khai thác dữ liệu của tỉnh",
];

export const MILESTONES: Pair[] = [
  ["Phê duyệt chủ trương đầu tư", "Investment policy approved"],
  ["Hoàn thành khảo sát hiện trạng", "Baseline survey completed"],
  ["Phê duyệt báo cáo kinh tế - kỹ thuật", "Techno-economic report approved"],
  ["Lựa chọn nhà thầu", "Contractor selected"],
  ["Ký hợp đồng triển khai", "Implementation contract signed"],
  ["Lắp đặt thiết bị", "Equipment installed"],
  ["Triển khai phần mềm, tích hợp dữ liệu", "Software deployed and data integrated"],
  ["Vận hành thử nghiệm", "Trial operation"],
  ["Đánh giá an toàn thông tin theo cấp độ", "Security level assessment"],
  ["Đào tạo, chuyển giao cho người sử dụng", "User training and handover"],
  ["Đánh giá kết quả thí điểm", "Pilot evaluated"],
  ["Nghiệm thu, bàn giao đưa vào sử dụng", "Accepted and handed over"],
  ["Quyết toán dự án hoàn thành", "Final accounts settled"],
];

export const LESSONS: Pair[] = [
  [
    "Cần chuẩn hóa dữ liệu đầu vào trước khi tích hợp; nhiều sở, ngành còn lưu dữ liệu rời rạc, khác định dạng.",
    "Standardise input data before integration; many departments keep data in silos and different formats.",
  ],
  [
    "Thuê dịch vụ thay vì mua thiết bị giúp rút ngắn thời gian triển khai khoảng 6 tháng.",
    "Renting the service instead of buying equipment saved about six months.",
  ],
  [
    "Người dân chỉ dùng ứng dụng khi phản ánh được xử lý nhanh; cần quy chế phối hợp xử lý trước khi ra mắt.",
    "Residents only use the app if reports are handled fast; agree the handling rules before launch.",
  ],
  [
    "Chi phí vận hành, bảo trì hằng năm bị đánh giá thấp trong dự toán ban đầu.",
    "Annual running and maintenance costs were underestimated in the first estimate.",
  ],
  [
    "Thiếu cán bộ chuyên trách vận hành; cần đào tạo trước khi nghiệm thu.",
    "Not enough dedicated operators; train staff before acceptance.",
  ],
  [
    "Kết nối với các hệ thống quốc gia (VNeID, Cổng Dịch vụ công quốc gia) giúp tránh xây dựng lại chức năng đã có.",
    "Linking to national systems (VNeID, the national portal) avoided rebuilding existing functions.",
  ],
  [
    "Camera chỉ phát huy hiệu quả khi có quy trình xử lý vi phạm rõ ràng giữa Công an và chính quyền.",
    "Cameras only help when police and city agree a clear enforcement procedure.",
  ],
  [
    "Thí điểm ở phạm vi nhỏ (một phường) giúp phát hiện sớm lỗi trước khi mở rộng.",
    "Piloting in one ward surfaced problems before scale-up.",
  ],
  [
    "Cần đánh giá tác động bảo vệ dữ liệu cá nhân ngay từ khi thiết kế.",
    "Carry out the personal-data impact assessment at design time.",
  ],
  [
    "Đường truyền tại khu vực miền núi không ổn định; cần phương án hoạt động ngoại tuyến.",
    "Connectivity in the mountains is unreliable; plan for offline operation.",
  ],
  [
    "Hợp đồng cần quy định rõ quyền sở hữu dữ liệu thuộc về cơ quan nhà nước.",
    "Contracts must state that the data belongs to the government.",
  ],
  [
    "Phối hợp giữa các tỉnh sau sáp nhập đòi hỏi hợp nhất danh mục dữ liệu dùng chung.",
    "After the merger the former provinces had to merge their shared data catalogues.",
  ],
  [
    "Chỉ số đo lường cần được thống nhất từ đầu để so sánh giữa các địa phương.",
    "Agree the indicators up front so localities can be compared.",
  ],
  [
    "Doanh nghiệp đối tác cam kết nhưng tiến độ phụ thuộc vào việc bố trí vốn đối ứng của địa phương.",
    "The partner committed, but progress hinged on local counterpart funding.",
  ],
];

export const CANCELLATION_REASONS = [
  "Trùng lặp với nền tảng dùng chung của quốc gia",
  "Không bố trí được vốn đối ứng",
  "Điều chỉnh sau sắp xếp đơn vị hành chính",
  "Nhà thầu không đáp ứng tiến độ, chấm dứt hợp đồng",
  "Chuyển sang hình thức thuê dịch vụ",
];

export const PRIVATE_CONTRACTORS = [
  "Công ty Cổ phần Công nghệ Đô thị Sao Việt",
  "Công ty TNHH Giải pháp Số Minh Phát",
  "Công ty Cổ phần Hệ thống Thông minh Phương Đông",
  "Công ty TNHH Dữ liệu và Tích hợp Trường An",
  "Công ty Cổ phần Camera An Toàn Việt",
  "Liên danh Công nghệ Đô thị Xanh – Hà Thành",
  "Công ty Cổ phần Phần mềm Nam Sơn",
  "Công ty TNHH Kỹ thuật Số Bình Minh",
];

export const STATE_ENTERPRISES = [
  "Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)",
  "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT)",
  "Tổng công ty Viễn thông MobiFone",
];

export const DOCUMENT_PREFIXES = {
  commitment: ["HĐ", "QĐ"],
  disbursement: ["UNC", "GRV"],
  expenditure: ["PC", "BBNT"],
} as const;

export const REVISION_REASONS = [
  "Điều chỉnh tổng mức đầu tư do bổ sung hạng mục",
  "Bổ sung vốn theo Nghị quyết HĐND",
  "Trượt giá thiết bị",
  "Điều chỉnh phạm vi sau khảo sát chi tiết",
];

export const RETURN_COMMENTS = [
  "Đề nghị làm rõ sự trùng lặp với nền tảng dùng chung của quốc gia trước khi phê duyệt.",
  "Bổ sung phương án thuê dịch vụ đám mây thay cho đầu tư phần cứng riêng.",
  "Chưa có chỉ số đo lường kết quả cho các dự án thí điểm.",
  "Đề nghị bổ sung đánh giá tác động bảo vệ dữ liệu cá nhân.",
  "Cơ cấu nguồn vốn chưa phù hợp với khả năng cân đối ngân sách địa phương.",
];

/** Plan summary wording. */
export const PLAN_SUMMARIES: Pair[] = [
  [
    "Kế hoạch xác định các nhiệm vụ trọng tâm: hạ tầng số, dữ liệu dùng chung, tiện ích đô thị thông minh và đào tạo nguồn nhân lực.",
    "Priorities: digital infrastructure, shared data, smart urban services and training.",
  ],
  [
    "Ưu tiên các giải pháp dùng chung, thuê dịch vụ và kết nối nền tảng quốc gia; thí điểm trước khi nhân rộng.",
    "Prefers shared solutions, rented services and national platforms; pilot before scale-up.",
  ],
  [
    "Kế hoạch tổng hợp nhiệm vụ của các đơn vị trước sắp xếp và bổ sung nhiệm vụ mới theo Nghị quyết 57-NQ/TW.",
    "Consolidates the former units' tasks and adds new ones under Resolution 57-NQ/TW.",
  ],
];
