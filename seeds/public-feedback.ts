/**
 * Demo data of the public portal: residents' feedback on a handful of the
 * published running projects (publishing more if the demo has too few) — supports, oppositions
 * and comments waiting, published or rejected (with a reason). Deterministic
 * for a seed (the rows, states and texts; the stored citizen keys depend on
 * this installation's secret, as real ones do). The demo ID numbers are
 * synthetic and valid in format; only their keyed hashes are written.
 */
import type { Db } from "#db/client.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { CCCD_PROVINCE_CODES } from "~/modules/citizen-id/provinces";
import { citizenKey } from "~/modules/citizen-id/key.server";
import { addDays, DEMO_TODAY, isoAt } from "./demo/dates";
import { Rng } from "./demo/prng";

const COMMENTS_VI = [
  "Dự án rất thiết thực, mong sớm triển khai rộng hơn.",
  "Ứng dụng còn chậm vào giờ cao điểm, đề nghị cải thiện.",
  "Cần công khai thêm kết quả đo lường sau thí điểm.",
  "Người cao tuổi khó sử dụng, nên có hướng dẫn tại phường.",
  "Tôi lo ngại về việc lưu trữ hình ảnh camera, mong có quy định rõ ràng.",
  "Đề nghị kết nối với Cổng dịch vụ công quốc gia để không phải khai lại thông tin.",
  "Thông tin giao thông cập nhật nhanh, rất hữu ích.",
  "Kinh phí lớn nhưng chưa thấy hiệu quả rõ rệt ở khu vực ngoại thành.",
  "Mong dự án mở rộng ra các xã vùng sâu.",
  "Nên có kênh phản hồi trực tiếp trong ứng dụng.",
];

const REJECTED = [
  { body: "Quảng cáo dịch vụ vay tiền nhanh, liên hệ 09xx", reason: "Quảng cáo, không liên quan đến dự án." },
  { body: "Nội dung có lời lẽ xúc phạm cán bộ.", reason: "Lời lẽ xúc phạm." },
];

export interface PublicSeedResult {
  /** Projects this seed published (besides those the demo generator did). */
  published: number;
  feedback: number;
}

/** A synthetic, format-valid citizen ID (adult, born 1950–2005). */
function demoCitizenId(rng: Rng, codes: readonly string[]): string {
  const year = rng.int(1950, 2005);
  const g = (year >= 2000 ? 2 : 0) + rng.int(0, 1);
  const tail = String(rng.int(0, 999_999)).padStart(6, "0");
  return `${rng.pick(codes)}${g}${String(year % 100).padStart(2, "0")}${tail}`;
}

export function seedPublicFeedback(db: Db, { seed }: { seed: number }): PublicSeedResult {
  const c = db.$client;
  const rng = new Rng(seed).fork("public-feedback");
  // The demo generator already publishes some running projects; feedback goes to a handful of
  // them, and more running projects are published first if there are too few.
  const running = c
    .prepare(
      `SELECT id, published FROM projects
        WHERE phase IN ('pilot', 'evaluation', 'scaling', 'operational') AND province_id IS NOT NULL
        ORDER BY code`,
    )
    .all() as { id: number; published: number }[];
  if (running.length === 0) return { published: 0, feedback: 0 };
  const total = (c.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n;
  const target = Math.min(running.length, Math.max(6, Math.min(40, Math.round(total / 50))));
  const already = running.filter((p) => p.published === 1);
  const toPublish =
    already.length >= target
      ? []
      : rng.sample(
          running.filter((p) => p.published !== 1),
          target - already.length,
        );
  const chosen = already.length >= target ? rng.sample(already, target) : [...already, ...toPublish];
  const newlyPublished = new Set(toPublish.map((p) => p.id));
  const provinces = (
    c
      .prepare("SELECT id FROM organisations WHERE kind = 'province' AND valid_to IS NULL ORDER BY id")
      .all() as {
      id: number;
    }[]
  ).map((r) => r.id);
  const coordinator =
    (
      c.prepare("SELECT id FROM users WHERE email = 'coordinator@demo.citypilot.vn'").get() as
        { id: number } | undefined
    )?.id ?? null;
  const codes = Object.keys(CCCD_PROVINCE_CODES);

  const publish = c.prepare("UPDATE projects SET published = 1, published_at = ? WHERE id = ?");
  const insert = c.prepare(
    `INSERT INTO feedback (project_id, kind, body, citizen_key, province_id, state, moderation_reason, moderated_by,
       moderated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let feedback = 0;
  const run = c.transaction(() => {
    chosen.forEach((p, i) => {
      const publishedOn = addDays(DEMO_TODAY, -rng.int(20, 200));
      if (newlyPublished.has(p.id)) publish.run(isoAt(publishedOn), p.id);
      const at = () => isoAt(addDays(DEMO_TODAY, -rng.int(0, 19)), rng.int(1, 14), rng.int(0, 59));
      const home = rng.pick(provinces);
      const stances = rng.int(3, 24);
      for (let s = 0; s < stances; s++) {
        const kind = rng.chance(0.75) ? "support" : "oppose";
        const key = citizenKey(db, demoCitizenId(rng, codes));
        insert.run(
          p.id,
          kind,
          null,
          key,
          rng.chance(0.7) ? home : rng.pick(provinces),
          "published",
          null,
          null,
          null,
          at(),
        );
        feedback++;
      }
      const comments = rng.int(2, 5);
      for (let k = 0; k < comments; k++) {
        const key = citizenKey(db, demoCitizenId(rng, codes));
        const created = at();
        // The first comment of every other project still waits for moderation.
        if (k === 0 && i % 2 === 0) {
          insert.run(p.id, "comment", rng.pick(COMMENTS_VI), key, home, "pending", null, null, null, created);
        } else if (k === 1 && i % 3 === 0) {
          const r = rng.pick(REJECTED);
          insert.run(
            p.id,
            "comment",
            r.body,
            key,
            home,
            "rejected",
            r.reason,
            coordinator,
            created + 3_600_000,
            created,
          );
        } else {
          insert.run(
            p.id,
            "comment",
            rng.pick(COMMENTS_VI),
            key,
            home,
            "published",
            null,
            coordinator,
            created + 7_200_000,
            created,
          );
        }
        feedback++;
      }
    });
    recordAudit(
      db,
      { userId: null, label: "seed" },
      {
        action: "seed.public",
        entityType: "database",
        entityId: null,
        after: { seed, published: toPublish.length, withFeedback: chosen.length, feedback },
      },
    );
  });
  run();
  return { published: toPublish.length, feedback };
}
