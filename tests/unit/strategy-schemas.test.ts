import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  CreateNodeSchema,
  EditNodeSchema,
  MoveNodeSchema,
  NodeCommandSchema,
  TargetSchema,
} from "~/modules/strategy/schemas";

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("node form schemas (as Conform parses the form)", () => {
  it("accepts a complete new node and normalises empty optional fields to null", () => {
    const s = parseWithZod(
      form([
        ["parent", "DA950.1"],
        ["code", " DA950.1.9 "],
        ["titleVi", "  Nhiệm vụ mới "],
        ["titleEn", ""],
        ["periodStart", "2026"],
        ["periodEnd", "2030"],
        ["lead", "12"],
        ["cooperators", "3"],
        ["cooperators", "4"],
        ["cooperators", "3"],
      ]),
      { schema: CreateNodeSchema },
    );
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toMatchObject({
      parent: "DA950.1",
      code: "DA950.1.9",
      titleVi: "Nhiệm vụ mới",
      titleEn: null,
      descriptionVi: null,
      periodStart: 2026,
      periodEnd: 2030,
      lead: 12,
      cooperators: [3, 4],
    });
  });

  it("reports each problem beside its field with an i18n key", () => {
    const s = parseWithZod(
      form([
        ["code", "bad code!"],
        ["titleVi", "   "],
        ["periodStart", "2030"],
        ["periodEnd", "2026"],
        ["lead", "5"],
        ["cooperators", "5"],
      ]),
      { schema: CreateNodeSchema },
    );
    expect(s.status).toBe("error");
    const errors = s.reply().error!;
    expect(errors.code).toEqual(["strategy.error.codeFormat"]);
    expect(errors.titleVi).toEqual(["strategy.error.titleViRequired"]);
    expect(errors.periodEnd).toEqual(["strategy.error.periodOrder"]);
    expect(errors.cooperators).toEqual(["strategy.error.leadIsCooperator"]);
  });

  it("refuses reserved codes, non-numeric and out-of-range years", () => {
    const s = parseWithZod(
      form([
        ["code", "NEW"],
        ["titleVi", "x"],
        ["periodStart", "hai nghìn"],
        ["periodEnd", "3000"],
      ]),
      { schema: CreateNodeSchema },
    );
    const errors = s.reply().error!;
    expect(errors.code).toEqual(["strategy.error.codeReserved"]);
    expect(errors.periodStart).toEqual(["strategy.error.yearInvalid"]);
    expect(errors.periodEnd).toEqual(["strategy.error.yearRange"]);
  });

  it("requires the version on edits", () => {
    const s = parseWithZod(form([["titleVi", "x"]]), { schema: EditNodeSchema });
    expect(s.reply().error!.version).toEqual(["strategy.error.version"]);
    const ok = parseWithZod(
      form([
        ["titleVi", "x"],
        ["version", "3"],
      ]),
      { schema: EditNodeSchema },
    );
    expect(ok.status).toBe("success");
  });

  it("parses moves and node commands", () => {
    const move = parseWithZod(
      form([
        ["version", "1"],
        ["parent", "_top"],
        ["position", "first"],
      ]),
      {
        schema: MoveNodeSchema,
      },
    );
    expect(move.status).toBe("success");
    const bad = parseWithZod(
      form([
        ["version", "1"],
        ["position", "middle"],
      ]),
      { schema: MoveNodeSchema },
    );
    expect(bad.reply().error).toMatchObject({
      parent: ["strategy.error.parentRequired"],
      position: ["strategy.error.positionRequired"],
    });
    const cmd = parseWithZod(
      form([
        ["intent", "reorder"],
        ["child", "A.1"],
        ["version", "2"],
        ["direction", "up"],
      ]),
      {
        schema: NodeCommandSchema,
      },
    );
    expect(cmd.status === "success" && cmd.value).toEqual({
      intent: "reorder",
      child: "A.1",
      version: 2,
      direction: "up",
    });
  });
});

describe("target schema", () => {
  it("accepts decimal commas and points and keeps optional values null", () => {
    const s = parseWithZod(
      form([
        ["version", "1"],
        ["nameVi", "Tỷ lệ dịch vụ công trực tuyến"],
        ["unit", "%"],
        ["baseline", "12,5"],
        ["target", "80.25"],
        ["targetYear", ""],
      ]),
      { schema: TargetSchema },
    );
    expect(s.status === "success" && s.value).toMatchObject({
      baseline: 12.5,
      target: 80.25,
      targetYear: null,
      nameEn: null,
    });
  });

  it("requires name, unit and target value, and numbers", () => {
    const s = parseWithZod(
      form([
        ["version", "1"],
        ["baseline", "nhiều"],
      ]),
      { schema: TargetSchema },
    );
    expect(s.reply().error).toMatchObject({
      nameVi: ["strategy.error.targetNameRequired"],
      unit: ["strategy.error.unitRequired"],
      target: ["strategy.error.targetRequired"],
      baseline: ["strategy.error.numberInvalid"],
    });
  });
});
