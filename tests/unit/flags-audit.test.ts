import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { describeFlagEvent, flagEventText } from "~/modules/flags/audit";

const vi = translator("vi");
const en = translator("en");
const text = (e: { action: string; entityId?: string | null; before?: unknown; after?: unknown }, t = en) => {
  const d = describeFlagEvent({
    action: e.action,
    entityId: e.entityId ?? "12",
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  });
  return d ? flagEventText(d, t) : null;
};

describe("flag events in the audit log", () => {
  it("names the rule and the project of a raised or cleared flag", () => {
    expect(text({ action: "flag.raise", after: { rule: "stalled_spending", project: "HCM-2026-001", state: "open" } })).toBe(
      "New flag “Spending while delivery is stalled”: project HCM-2026-001",
    );
    expect(text({ action: "flag.clear", before: { rule: "zombie_project", project: "HN-2025-003" } }, vi)).toBe(
      "Điều kiện của cảnh báo “Dự án không có hoạt động” không còn đúng: dự án HN-2025-003",
    );
  });

  it("gives the reason of a dismissal and the members of a group", () => {
    expect(
      text({ action: "flag.dismiss", after: { rule: "same_project", members: ["A-2026-001", "B-2026-002"], reason: "Hai giai đoạn" } }),
    ).toBe("Flag “Same project proposed more than once” dismissed: 2 projects (A-2026-001, B-2026-002). Reason: Hai giai đoạn");
    expect(
      text({ action: "flag.members", after: { rule: "same_solution", members: ["A", "B", "C"], added: ["C"], removed: [] } }),
    ).toBe("Group flag “Provinces each building the same solution” changed: added C; removed none");
  });

  it("summarises a recompute, and falls back on the flag id for old events", () => {
    expect(
      text({ action: "flags.recompute", entityId: null, after: { scope: "all", counts: { a: 3, b: 4 }, created: 2, cleared: 1 } }),
    ).toBe("Flags recomputed (everything): 7 active, 2 new, 1 no longer holding");
    expect(text({ action: "flag.acknowledge", after: { state: "acknowledged" } })).toBe("Flag “” acknowledged: flag #12");
  });

  it("leaves other events alone", () => {
    expect(text({ action: "project.update", after: {} })).toBeNull();
  });
});
