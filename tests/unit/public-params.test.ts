/** Public list filters in the URL, and the feedback and moderation form schemas (pure). */
import { describe, expect, it } from "vitest";
import { feedbackSchema, ModerationSchema } from "~/modules/feedback/schema";
import { parsePublicQuery, publicQueryString } from "~/modules/public/params";

describe("public list query", () => {
  it("reads known filters and drops junk", () => {
    expect(parsePublicQuery("province=12&domain=transport&phase=pilot&page=3")).toEqual({
      province: 12,
      domain: "transport",
      phase: "pilot",
      page: 3,
    });
    expect(parsePublicQuery("province=-1&domain=cars&phase=x&page=0")).toEqual({
      province: null,
      domain: null,
      phase: null,
      page: 1,
    });
    expect(parsePublicQuery("province=1e3&page=99999999999")).toMatchObject({ province: null, page: 1 });
  });

  it("round-trips through the URL, leaving defaults out", () => {
    const q = parsePublicQuery("province=7&domain=health&page=2");
    expect(parsePublicQuery(publicQueryString(q).slice(1))).toEqual(q);
    expect(publicQueryString({ page: 1 })).toBe("");
  });
});

describe("feedback schema", () => {
  const schema = feedbackSchema(2026);
  const base = { kind: "support", citizenId: "079085123456", provinceId: 5 };
  const issues = (v: unknown) => {
    const r = schema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  it("accepts a stance without text, and a comment with text", () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, kind: "comment", body: "Nên mở rộng ra các xã" })).toEqual([]);
  });

  it("needs text for a comment, at least 5 characters, at most 2,000", () => {
    expect(issues({ ...base, kind: "comment" })).toEqual(["body:feedback.error.bodyRequired"]);
    expect(issues({ ...base, body: "ok" })).toEqual(["body:feedback.error.bodyTooShort"]);
    expect(issues({ ...base, body: "x".repeat(2001) })).toEqual(["body:feedback.error.bodyTooLong"]);
  });

  it("explains the citizen ID problem with its i18n key", () => {
    expect(issues({ ...base, citizenId: "079215123456" })).toEqual([
      "citizenId:feedback.error.citizenId.tooYoung",
    ]);
    expect(issues({ ...base, citizenId: undefined })).toEqual([
      "citizenId:feedback.error.citizenId.required",
    ]);
    expect(issues({ ...base, kind: "like" })).toEqual(["kind:feedback.error.kindRequired"]);
    expect(issues({ ...base, provinceId: undefined })).toEqual([
      "provinceId:feedback.error.provinceRequired",
    ]);
  });
});

describe("moderation schema", () => {
  it("needs a selection, a decision, and a reason to reject", () => {
    expect(ModerationSchema.safeParse({ decision: "publish", ids: [1, 2] }).success).toBe(true);
    const noReason = ModerationSchema.safeParse({ decision: "reject", ids: [1] });
    expect(noReason.success ? [] : noReason.error.issues.map((i) => i.message)).toEqual([
      "feedback.moderation.error.reasonRequired",
    ]);
    const none = ModerationSchema.safeParse({ decision: "publish", ids: [] });
    expect(none.success ? [] : none.error.issues.map((i) => i.message)).toEqual([
      "feedback.moderation.error.noneSelected",
    ]);
  });
});
