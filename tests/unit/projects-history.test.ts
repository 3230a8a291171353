import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { describeEvent, describeHistory, type HistoryEvent } from "~/modules/projects/history";

const AT = Date.UTC(2026, 2, 12, 3, 0); // 12/03/2026 10:00 in Vietnam (vi dd/mm/yyyy, en "12 Mar 2026")

function fmt(locale: Locale) {
  return { t: translator(locale), locale, date: (v: string | number) => formatDate(v, locale) };
}

function ev(
  action: string,
  before: unknown,
  after: unknown,
  extra: Partial<HistoryEvent> = {},
): HistoryEvent {
  return { id: 1, at: AT, action, actorName: "Nguyễn Văn A", before, after, ...extra };
}

describe("project history in plain language", () => {
  it("a phase change with its reason", () => {
    const e = ev(
      "project.phase",
      { phase: "pilot" },
      { phase: "evaluation", reason: "Hết 12 tháng thí điểm", changedOn: "2026-03-12" },
    );
    expect(describeEvent(e, fmt("vi"))).toBe(
      "Nguyễn Văn A đã chuyển giai đoạn từ Thí điểm sang Đánh giá ngày 12/03/2026 — lý do: Hết 12 tháng thí điểm",
    );
    expect(describeEvent(e, fmt("en"))).toBe(
      "Nguyễn Văn A changed the phase from Pilot to Evaluation on 12 Mar 2026 — reason: Hết 12 tháng thí điểm",
    );
  });

  it("a phase change without a reason uses the date it took effect", () => {
    const e = ev(
      "project.phase",
      { phase: "proposed" },
      { phase: "approved", reason: null, changedOn: "2026-01-05" },
    );
    expect(describeEvent(e, fmt("en"))).toBe(
      "Nguyễn Văn A changed the phase from Proposed to Approved on 5 Jan 2026.",
    );
  });

  it("an edit names the changed fields once each, grouped as people say them", () => {
    const e = ev(
      "project.update",
      { titleVi: "A", titleEn: null, hostingModel: "on_premise" },
      { titleVi: "B", titleEn: "B", hostingModel: "government_cloud" },
    );
    expect(describeEvent(e, fmt("en"))).toBe(
      "Nguyễn Văn A changed the title and hosting model on 12 Mar 2026.",
    );
    expect(describeEvent(e, fmt("vi"))).toBe(
      "Nguyễn Văn A đã thay đổi tên dự án và mô hình lưu trữ ngày 12/03/2026.",
    );
    const many = ev(
      "project.update",
      {},
      { provinceId: 1, cityId: 2, cooperatorIds: [], personalDataCategories: [] },
    );
    expect(describeEvent(many, fmt("en"))).toBe(
      "Nguyễn Văn A changed the location, cooperating organisations, and personal data on 12 Mar 2026.",
    );
  });

  it("creation, replication, lessons and plan membership", () => {
    expect(describeEvent(ev("project.create", null, { code: "HCM-2026-001" }), fmt("en"))).toBe(
      "Nguyễn Văn A created the project on 12 Mar 2026.",
    );
    expect(describeEvent(ev("project.replicate", null, { replicatesCode: "HN-2023-003" }), fmt("vi"))).toBe(
      "Nguyễn Văn A đã tạo dự án ngày 12/03/2026, nhân rộng từ dự án thí điểm HN-2023-003.",
    );
    expect(describeEvent(ev("project.lesson.add", null, { recordedOn: "2026-03-01" }), fmt("en"))).toBe(
      "Nguyễn Văn A recorded a lesson learned on 1 Mar 2026.",
    );
    expect(
      describeEvent(
        ev("project.addToPlan", { planId: null }, { planId: 4, planCode: "KH-HCM-2026" }),
        fmt("en"),
      ),
    ).toBe("Nguyễn Văn A added the project to plan KH-HCM-2026 on 12 Mar 2026.");
    expect(
      describeEvent(
        ev("project.removeFromPlan", { planId: 4, planCode: "KH-HCM-2026" }, { planId: null }),
        fmt("en"),
      ),
    ).toBe("Nguyễn Văn A took the project out of plan KH-HCM-2026 on 12 Mar 2026.");
  });

  it("tolerates unknown actions, missing actors and malformed payloads", () => {
    expect(describeEvent(ev("project.archive", null, null, { actorName: "" }), fmt("en"))).toBe(
      "A user: project.archive on 12 Mar 2026.",
    );
    expect(describeEvent(ev("project.phase", "garbage", { phase: "nonsense" }), fmt("en"))).toBe(
      "Nguyễn Văn A changed the phase from (unknown) to (unknown) on 12 Mar 2026.",
    );
    expect(describeEvent(ev("project.update", null, {}), fmt("en"))).toBe(
      "Nguyễn Văn A saved the project on 12 Mar 2026 (no change of content).",
    );
  });

  it("lists newest first", () => {
    const lines = describeHistory(
      [
        ev("project.create", null, {}, { id: 1, at: AT }),
        ev("project.lesson.add", null, {}, { id: 3, at: AT + 2000 }),
        ev("project.update", {}, { domain: "x" }, { id: 2, at: AT + 1000 }),
      ],
      fmt("en"),
    );
    expect(lines.map((l) => l.id)).toEqual([3, 2, 1]);
    expect(lines[1].text).toBe("Nguyễn Văn A changed the domain on 12 Mar 2026.");
  });
});
