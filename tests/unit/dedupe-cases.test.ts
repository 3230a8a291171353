/**
 * Focused cases of duplicate detection: each must-match case of issue 5
 * (same_project and same_solution), each must-not-match look-alike,
 * normalisation, abbreviations, English equivalents, legacy provinces,
 * explanations and the sub-quadratic candidate generation.
 */
import { describe, expect, it } from "vitest";
import {
  createAnalyser,
  DEDUPE_CONFIG,
  defaultPlaceResolver,
  describeProposal,
  detectDuplicates,
  forEachCandidate,
  forEachPairNaive,
  normaliseText,
  prepareCorpus,
  streamDuplicates,
  syllables,
  type Proposal,
} from "~/modules/dedupe";

const analyser = createAnalyser();
const concepts = (text: string) => new Set(analyser.analyse(text).concepts);
const kindOf = (a: Proposal, b: Proposal) => {
  const { pairs } = detectDuplicates([a, b]);
  return pairs.length === 0 ? null : pairs[0].kind;
};
const typesOf = (p: Proposal) => describeProposal(prepareCorpus([p]), 0).types;

describe("normalisation", () => {
  it("folds case, diacritics, đ and punctuation", () => {
    expect(normaliseText("ĐÀ NẴNG, Đà Nẵng!")).toBe("da nang da nang");
    expect(normaliseText("Trung tâm giám sát, điều hành")).toBe("trung tam giam sat dieu hanh");
    expect(syllables("Hệ thống  camera (AI)")).toEqual(["he", "thong", "camera", "ai"]);
  });

  it("keeps content syllables and syllable pairs, drops stop words", () => {
    const a = createAnalyser().analyse("Cửa khẩu số Hữu Nghị của tỉnh");
    expect(a.words).toContain("khau");
    expect(a.words).not.toContain("cua");
    expect(a.bigrams).toContain("huu nghi");
  });

  it("drops place names from the text (the place is compared apart)", () => {
    const places = defaultPlaceResolver();
    const a = createAnalyser(places.placeNames()).analyse("Trung tâm dữ liệu tỉnh Quảng Ninh");
    expect(a.words).not.toContain("quang");
    expect(a.concepts).toContain("data-centre");
  });
});

describe("abbreviations, expansions and English equivalents", () => {
  it.each([
    ["IOC", "Trung tâm giám sát, điều hành đô thị thông minh", "ioc"],
    ["IOC", "intelligent operations centre", "ioc"],
    ["LGSP", "Nền tảng tích hợp, chia sẻ dữ liệu", "lgsp"],
    ["CSDL", "cơ sở dữ liệu", "database"],
    ["DVC", "dịch vụ công trực tuyến", "public-service"],
    ["TTHC", "thủ tục hành chính", "admin-procedure"],
    ["GIS", "hệ thống thông tin địa lý", "gis"],
    ["IoT", "Internet vạn vật", "iot"],
    ["CCTV", "camera", "camera"],
    ["AI", "trí tuệ nhân tạo", "ai"],
    ["traffic", "giao thông", "traffic"],
    ["street lighting", "chiếu sáng công cộng", "lighting"],
    ["data centre", "trung tâm dữ liệu", "data-centre"],
    ["forest fire", "cháy rừng", "fire"],
  ])("%s and %s both mean #%s", (x, y, concept) => {
    expect(concepts(x).has(concept)).toBe(true);
    expect(concepts(y).has(concept)).toBe(true);
  });

  it("reads a system after 'kết nối' / 'connected to' as a reference, not as what is built", () => {
    expect(concepts("Camera giao thông kết nối IOC").has("ioc")).toBe(false);
    expect(concepts("Camera giao thông kết nối IOC").has("~ioc")).toBe(true);
    expect(concepts("cameras connected to the operations centre").has("~ioc")).toBe(true);
    expect(concepts("Kết nối, chia sẻ dữ liệu").has("sharing")).toBe(true);
    expect(
      typesOf({
        id: "x",
        title: "Hệ thống camera giám sát giao thông kết nối IOC tỉnh Lào Cai",
        description: "",
        province: "Lào Cai",
      }),
    ).toEqual(["camera-traffic"]);
  });

  it("does not read 'nhà nước' (the state) as water", () => {
    expect(concepts("cơ quan nhà nước").has("water")).toBe(false);
  });
});

describe("legacy provinces resolve to the current one", () => {
  const places = defaultPlaceResolver();
  it.each([
    ["Bình Dương", "P-HCM"],
    ["binh duong", "P-HCM"],
    ["BÌNH DƯƠNG", "P-HCM"],
    ["Binh Duong Province", "P-HCM"],
    ["Bà Rịa - Vũng Tàu", "P-HCM"],
    ["TP.HCM", "P-HCM"],
    ["Ho Chi Minh City", "P-HCM"],
    ["Quảng Nam", "P-DNG"],
    ["Thừa Thiên Huế", "P-HUE"],
    ["Hà Giang", "P-TQG"],
    ["Hanoi", "P-HN"],
    ["Hà Nội", "P-HN"],
  ])("%s → %s", (name, code) => {
    expect(places.resolve(name).province).toBe(code);
  });

  it("places a city in its current province when no province is given", () => {
    expect(places.resolve("", "Thủ Dầu Một").province).toBe("P-HCM");
    expect(places.resolve("", "Hội An").province).toBe("P-DNG");
  });

  it("keeps an unknown province as its own place", () => {
    expect(places.resolve("Atlantis").province).toBe("?atlantis");
  });
});

const HCM_IOC: Proposal = {
  id: "a",
  title: "Trung tâm giám sát, điều hành đô thị thông minh Thành phố Hồ Chí Minh",
  description:
    "Tập hợp dữ liệu giao thông, an ninh và phản ánh của người dân để lãnh đạo chỉ đạo, điều hành.",
  province: "Hồ Chí Minh",
  components: ["ioc", "dashboard"],
};

describe("same_project: must match", () => {
  it("a province and its city both proposing it", () => {
    expect(
      kindOf(HCM_IOC, {
        id: "b",
        title: "Xây dựng IOC thành phố Thủ Đức",
        description: "Trung tâm điều hành thông minh kết nối camera các phường.",
        province: "TP.HCM",
        city: "Thủ Đức",
      }),
    ).toBe("same_project");
  });

  it("a resubmission with a rephrased title", () => {
    expect(
      kindOf(
        {
          id: "a",
          title: "Lắp đặt camera giám sát, xử phạt vi phạm trật tự an toàn giao thông Hà Nội",
          description: "Mở rộng camera phạt nguội trên vành đai 3.",
          province: "Hà Nội",
        },
        {
          id: "b",
          title: "Triển khai hệ thống camera AI xử lý vi phạm giao thông Hà Nội (đề xuất lại)",
          description: "Camera nhận diện vi phạm trên vành đai 3 và các cửa ngõ.",
          province: "Hà Nội",
        },
      ),
    ).toBe("same_project");
  });

  it("a ministry proposing it for a province that also does", () => {
    expect(
      kindOf(
        {
          id: "a",
          title: "Xây dựng Trung tâm dữ liệu tỉnh Quảng Ninh",
          description: "Tập trung máy chủ của các sở về một trung tâm dữ liệu.",
          province: "Quảng Ninh",
        },
        {
          id: "b",
          title: "Bộ Khoa học và Công nghệ hỗ trợ xây dựng trung tâm dữ liệu dùng chung cho tỉnh Quảng Ninh",
          description: "Bộ đầu tư hạ tầng máy chủ, lưu trữ cho tỉnh theo mô hình dùng chung.",
          province: "Quảng Ninh",
        },
      ),
    ).toBe("same_project");
  });

  it("a copy typed without diacritics", () => {
    expect(
      kindOf(HCM_IOC, {
        id: "b",
        title: "TRUNG TAM GIAM SAT DIEU HANH DO THI THONG MINH TP HO CHI MINH",
        description: "tap hop du lieu giao thong, an ninh va phan anh cua nguoi dan",
        province: "ho chi minh",
      }),
    ).toBe("same_project");
  });

  it("a copy in English", () => {
    expect(
      kindOf(
        {
          id: "a",
          title: "Hệ thống camera cảnh báo cháy rừng tỉnh Lâm Đồng",
          description: "Camera trên chòi canh tự động phát hiện khói, cảnh báo kiểm lâm.",
          province: "Lâm Đồng",
        },
        {
          id: "b",
          title: "Forest fire detection cameras for Lam Dong province",
          description: "Cameras on watchtowers detect smoke automatically and alert forest rangers.",
          province: "Lam Dong",
        },
      ),
    ).toBe("same_project");
  });

  it("an English copy for the legacy province (Kiên Giang → An Giang), traffic lights in English", () => {
    expect(
      kindOf(
        {
          id: "a",
          title: "Cổng thông tin điện tử tỉnh Kiên Giang",
          description: "Nâng cấp cổng thông tin điện tử.",
          province: "Kiên Giang",
        },
        {
          id: "b",
          title: "Provincial web portal of An Giang",
          description: "Upgrade the web portal.",
          province: "An Giang",
        },
      ),
    ).toBe("same_project");
    expect(
      kindOf(
        {
          id: "a",
          title: "Smart traffic light system for Can Tho",
          description: "Adaptive signal timing at intersections.",
          province: "Can Tho",
        },
        {
          id: "b",
          title: "Đèn tín hiệu giao thông thông minh thành phố Cần Thơ",
          description: "Chu kỳ đèn theo lưu lượng tại nút giao.",
          province: "Cần Thơ",
        },
      ),
    ).toBe("same_project");
  });

  it('"IOC" vs "Trung tâm giám sát, điều hành đô thị thông minh"', () => {
    expect(
      kindOf(HCM_IOC, { id: "b", title: "IOC TP.HCM", description: "Dự án IOC.", province: "Hồ Chí Minh" }),
    ).toBe("same_project");
  });

  it("a legacy province is the same place as its successor (Bình Dương → Hồ Chí Minh)", () => {
    expect(
      kindOf(HCM_IOC, {
        id: "b",
        title: "Trung tâm điều hành thông minh tỉnh Bình Dương",
        description: "Giám sát tập trung, phân tích dữ liệu cho lãnh đạo tỉnh.",
        province: "Bình Dương",
      }),
    ).toBe("same_project");
  });
});

describe("same_solution: must match across provinces", () => {
  it.each([
    [
      "each its own IOC",
      "Trung tâm IOC Hà Nội phục vụ chỉ đạo, điều hành",
      "Hà Nội",
      "Đề án IOC cấp tỉnh Nghệ An",
      "Nghệ An",
    ],
    [
      "each its own citizen app",
      "Ứng dụng công dân số Đà Nẵng",
      "Đà Nẵng",
      "Citizen mobile app for Hai Phong residents",
      "Hải Phòng",
    ],
    [
      "each its own data centre",
      "Trung tâm dữ liệu tỉnh Thanh Hóa",
      "Thanh Hóa",
      "Provincial data centre for Can Tho",
      "Cần Thơ",
    ],
  ])("%s", (_name, t1, p1, t2, p2) => {
    expect(
      kindOf(
        { id: "a", title: t1, description: "", province: p1 },
        { id: "b", title: t2, description: "", province: p2 },
      ),
    ).toBe("same_solution");
  });

  it("groups provinces building the same solution into one cluster", () => {
    const { clusters } = detectDuplicates([
      { id: 1, title: "Trung tâm IOC tỉnh Lào Cai", description: "", province: "Lào Cai" },
      { id: 2, title: "Intelligent operations centre for Hue", description: "", province: "Huế" },
      {
        id: 3,
        title: "Trung tâm giám sát, điều hành thông minh tỉnh Cà Mau",
        description: "",
        province: "Cà Mau",
      },
      { id: 4, title: "Cổng dịch vụ công trực tuyến tỉnh Sơn La", description: "", province: "Sơn La" },
    ]);
    expect(clusters).toEqual([{ kind: "same_solution", members: [1, 2, 3], types: ["ioc"] }]);
  });
});

describe("must not match: look-alikes with another scope", () => {
  const cases: [string, Proposal, Proposal][] = [
    [
      "traffic cameras vs forest-fire cameras",
      {
        id: "a",
        title: "Camera giám sát giao thông tỉnh Lâm Đồng",
        description: "Giám sát vi phạm tốc độ trên đèo.",
        province: "Lâm Đồng",
      },
      {
        id: "b",
        title: "Camera giám sát cháy rừng tỉnh Lâm Đồng",
        description: "Phát hiện khói trong rừng thông.",
        province: "Lâm Đồng",
      },
    ],
    [
      "water vs air monitoring",
      {
        id: "a",
        title: "Quan trắc chất lượng nước tự động tỉnh Đồng Tháp",
        description: "Trạm đo trên sông Tiền.",
        province: "Đồng Tháp",
      },
      {
        id: "b",
        title: "Quan trắc chất lượng không khí tự động tỉnh Đồng Tháp",
        description: "Trạm đo bụi mịn.",
        province: "Đồng Tháp",
      },
    ],
    [
      "street lighting vs traffic signals",
      {
        id: "a",
        title: "Hệ thống điều khiển chiếu sáng công cộng thông minh Đà Nẵng",
        description: "Đèn LED bật tắt từ xa.",
        province: "Đà Nẵng",
      },
      {
        id: "b",
        title: "Hệ thống điều khiển đèn tín hiệu giao thông thông minh Đà Nẵng",
        description: "Chu kỳ đèn theo lưu lượng.",
        province: "Đà Nẵng",
      },
    ],
    [
      "an IOC vs a security operations centre (SOC)",
      {
        id: "a",
        title: "Trung tâm giám sát, điều hành thông minh tỉnh Nghệ An",
        description: "",
        province: "Nghệ An",
      },
      {
        id: "b",
        title: "Trung tâm giám sát an toàn thông tin (SOC) tỉnh Nghệ An",
        description: "",
        province: "Nghệ An",
      },
    ],
    [
      "traffic cameras vs forest-fire cameras in different provinces",
      { id: "a", title: "Traffic enforcement cameras, Dong Nai", description: "", province: "Đồng Nai" },
      { id: "b", title: "Hệ thống camera cảnh báo cháy rừng Đắk Lắk", description: "", province: "Đắk Lắk" },
    ],
    [
      "unrelated projects in one province",
      {
        id: "a",
        title: "Cửa khẩu số Lạng Sơn",
        description: "Xếp hàng điện tử cho xe chở hàng.",
        province: "Lạng Sơn",
      },
      {
        id: "b",
        title: "Chữ ký số cho cán bộ tỉnh Lạng Sơn",
        description: "Cấp chứng thư số.",
        province: "Lạng Sơn",
      },
    ],
  ];
  it.each(cases)("%s", (_name, a, b) => {
    expect(kindOf(a, b)).toBeNull();
  });

  it("classifies the look-alikes into different solution types", () => {
    expect(typesOf(cases[0][1])).toEqual(["camera-traffic"]);
    expect(typesOf(cases[0][2])).toEqual(["camera-forest-fire"]);
    expect(typesOf(cases[1][1])).toEqual(["water-quality"]);
    expect(typesOf(cases[1][2])).toEqual(["air-monitoring"]);
    expect(typesOf(cases[2][1])).toEqual(["street-lighting"]);
    expect(typesOf(cases[2][2])).toEqual(["traffic-signals"]);
  });
});

describe("must not match: demo-shaped look-alikes sharing boilerplate", () => {
  // The demo's shape (DNG-2025-004 vs DNG-2024-003 at scale 1, seed 42): a water
  // monitoring project carrying an "air-quality" component and the same template
  // sentences as an air monitoring project of the same city scored 0.63 same_project.
  const BOILER =
    "Hệ thống xử lý dữ liệu cá nhân (hình ảnh camera, vị trí) theo Nghị định 13/2023/NĐ-CP. " +
    "Kết hợp thiết bị tại hiện trường với nền tảng xử lý trên đám mây. " +
    "Dữ liệu của dự án được chia sẻ qua nền tảng tích hợp, chia sẻ dữ liệu của tỉnh.";
  const WATER: Proposal = {
    id: "DNG-2025-004",
    title: "Hệ thống quan trắc môi trường nước tự động thành phố Đà Nẵng",
    description:
      "Cảnh báo sớm ô nhiễm và công khai chỉ số chất lượng môi trường cho người dân. " +
      "Lắp đặt 5 trạm quan trắc tự động, truyền dữ liệu liên tục về Sở. " +
      BOILER,
    province: "P-DNG",
    domain: "environment",
    components: ["iot-sensors", "air-quality", "open-data"],
  };
  const AIR: Proposal = {
    ...WATER,
    id: "DNG-2024-003",
    title: "Hoàn thiện mạng lưới trạm quan trắc chất lượng không khí thành phố Đà Nẵng năm 2024",
    description: WATER.description!.replace("5 trạm", "4 trạm"),
  };
  const shapes: [string, Proposal, Proposal][] = [
    ["water vs air monitoring (same components, same template text)", WATER, AIR],
    [
      "traffic vs forest-fire cameras (same components, same template text)",
      {
        id: "t",
        title: "Camera giám sát giao thông và xử lý vi phạm tỉnh Quảng Ngãi",
        description: `Lắp 120 camera, phân tích hình ảnh bằng trí tuệ nhân tạo. ${BOILER}`,
        province: "Quảng Ngãi",
        components: ["camera", "ai-analytics"],
      },
      {
        id: "f",
        title: "Camera phát hiện sớm cháy rừng tỉnh Quảng Ngãi",
        description: `Lắp 30 camera, phân tích hình ảnh bằng trí tuệ nhân tạo. ${BOILER}`,
        province: "Quảng Ngãi",
        components: ["camera", "ai-analytics"],
      },
    ],
    [
      "street lighting vs traffic signals (same template text)",
      {
        id: "l",
        title: "Chiếu sáng công cộng thông minh thành phố Huế",
        description: `Điều khiển từ xa qua bộ điều khiển kết nối 4G. ${BOILER}`,
        province: "Huế",
        components: ["iot-sensors"],
      },
      {
        id: "s",
        title: "Điều khiển đèn tín hiệu giao thông thông minh thành phố Huế",
        description: `Điều khiển từ xa qua bộ điều khiển kết nối 4G. ${BOILER}`,
        province: "Huế",
        components: ["iot-sensors"],
      },
    ],
  ];
  it.each(shapes)("%s", (_name, a, b) => {
    expect(kindOf(a, b)).toBeNull();
  });

  it("lets the title's scope win over a contradicting component", () => {
    expect(typesOf(WATER)).toEqual(["water-quality"]);
    expect(typesOf(AIR)).toEqual(["air-monitoring"]);
  });

  it("still finds the water project's own resubmission and other cities' water monitoring", () => {
    const again: Proposal = {
      ...WATER,
      id: "again",
      title: "Quan trắc tự động chất lượng nước thành phố Đà Nẵng",
    };
    expect(kindOf(WATER, again)).toBe("same_project");
    const elsewhere: Proposal = {
      id: "hue",
      title: "Quan trắc chất lượng nước sông Hương tự động thành phố Huế",
      description: "Trạm đo tự động trên sông.",
      province: "Huế",
    };
    expect(kindOf(WATER, elsewhere)).toBe("same_solution");
  });
});

describe("results", () => {
  it("shows shared terms as the proposals write them (Vietnamese for Vietnamese text)", () => {
    const { pairs } = detectDuplicates([
      {
        id: 1,
        title: "Quan trắc chất lượng không khí tự động tỉnh Đồng Tháp",
        description: "Trạm đo bụi mịn, cảnh báo ô nhiễm cho người dân.",
        province: "Đồng Tháp",
        components: ["air-quality", "iot-sensors"],
      },
      {
        id: 2,
        title: "Mạng lưới trạm quan trắc không khí tỉnh Đồng Tháp",
        description: "Cảnh báo ô nhiễm không khí cho người dân.",
        province: "Đồng Tháp",
        components: ["air-quality"],
      },
      {
        id: 3,
        title: "Air quality monitoring stations for Hai Phong",
        description: "Pollution warnings for residents.",
        province: "Hải Phòng",
      },
    ]);
    const vi = pairs.find((p) => p.a === 1 && p.b === 2)!;
    expect(vi.kind).toBe("same_project");
    expect(vi.explanation?.sharedTerms).toContain("#air");
    expect(vi.explanation?.sharedLabels).toContain("không khí");
    expect(vi.explanation?.sharedLabels).not.toContain("air");
    expect(vi.explanation?.sharedLabels?.some((l) => l.startsWith("#") || l.startsWith("domain:"))).toBe(
      false,
    );
    // The first proposal's wording: Vietnamese beside English.
    const mixed = pairs.find((p) => p.a === 1 && p.b === 3)!;
    expect(mixed.explanation?.sharedLabels).toContain("không khí");
    expect(createAnalyser().labels("Air quality monitoring").get("#air")).toBe("air");
  });

  it("orders ids, scores within 0..1 and explains the match", () => {
    const { pairs } = detectDuplicates([
      { ...HCM_IOC, id: "z" },
      { id: "m", title: "IOC Bình Dương", description: "trung tâm điều hành", province: "Bình Dương" },
    ]);
    expect(pairs).toHaveLength(1);
    const p = pairs[0];
    expect([p.a, p.b]).toEqual(["m", "z"]);
    expect(p.score).toBeGreaterThan(0);
    expect(p.score).toBeLessThanOrEqual(1);
    expect(p.explanation?.sharedTerms).toContain("#ioc");
    expect(p.explanation?.types.shared).toEqual(["ioc"]);
    expect(p.explanation?.place).toEqual({ a: "Hồ Chí Minh", b: "Hồ Chí Minh", same: true });
    expect(p.explanation?.fields).toContain("title");
  });

  it("sorts numeric ids numerically", () => {
    const { pairs } = detectDuplicates([
      { ...HCM_IOC, id: 10 },
      { ...HCM_IOC, id: 9, title: "IOC TP.HCM" },
    ]);
    expect([pairs[0].a, pairs[0].b]).toEqual([9, 10]);
  });
});

describe("candidate generation", () => {
  // A corpus larger than a type block: the same 12 solutions in every province.
  const PROVINCES = [
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Lào Cai",
    "Sơn La",
    "Cà Mau",
    "Gia Lai",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Ninh",
    "Lâm Đồng",
    "Khánh Hòa",
    "Đồng Nai",
    "Tây Ninh",
    "An Giang",
    "Vĩnh Long",
    "Đồng Tháp",
    "Bắc Ninh",
    "Phú Thọ",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Trị",
    "Quảng Ngãi",
    "Đắk Lắk",
    "Tuyên Quang",
    "Thái Nguyên",
    "Lạng Sơn",
    "Cao Bằng",
  ];
  const TITLES = [
    "Trung tâm giám sát, điều hành thông minh",
    "Ứng dụng công dân số",
    "Trung tâm dữ liệu",
    "Camera giám sát vi phạm giao thông",
    "Camera cảnh báo cháy rừng",
    "Quan trắc chất lượng nước",
    "Quan trắc chất lượng không khí",
    "Chiếu sáng công cộng thông minh",
    "Đèn tín hiệu giao thông thích ứng",
    "Nền tảng LGSP",
    "Cổng dịch vụ công trực tuyến",
    "Bệnh án điện tử",
  ];
  const EXTRA = ["giai đoạn 2026-2030", "mở rộng", "cho các sở ngành", "kết nối quốc gia", "thí điểm", ""];
  const big: Proposal[] = [];
  PROVINCES.forEach((prov, i) =>
    TITLES.forEach((t, j) =>
      big.push({
        id: `${i}-${j}`,
        title: `${t} tỉnh ${prov} ${EXTRA[(i + j) % EXTRA.length]}`,
        description: `${t} ${EXTRA[(i * 7 + j) % EXTRA.length]}`,
        province: prov,
      }),
    ),
  );

  it("compares far fewer pairs than all pairs, each at most once, and loses nothing the naive scan finds", () => {
    const config = {
      ...DEDUPE_CONFIG,
      candidates: { ...DEDUPE_CONFIG.candidates, blockLimit: 10 },
    } as unknown as typeof DEDUPE_CONFIG;
    const corpus = prepareCorpus(big, { config });
    const seen = new Set<string>();
    let dup = 0;
    forEachCandidate(corpus, (i, j) => {
      expect(i).toBeLessThan(j);
      const k = `${i},${j}`;
      if (seen.has(k)) dup++;
      seen.add(k);
    });
    const all = (big.length * (big.length - 1)) / 2;
    expect(dup).toBe(0);
    expect(seen.size).toBeLessThan(all / 5);
    const naive = new Set<string>();
    forEachPairNaive(
      corpus,
      corpus.docs.map((_, i) => i),
      (i, j) => naive.add(`${i},${j}`),
    );
    const fast = new Set<string>();
    streamDuplicates(corpus, (_p, i, j) => fast.add(`${Math.min(i, j)},${Math.max(i, j)}`));
    let found = 0;
    for (const k of naive) if (fast.has(k)) found++;
    expect(naive.size).toBeGreaterThan(1000);
    expect(found / naive.size).toBeGreaterThanOrEqual(0.95);
    for (const k of fast) expect(naive.has(k)).toBe(true);
  });
});
