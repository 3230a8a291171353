/**
 * Demo login accounts (one per role, plus planners of a big city, a mountain
 * province and a ministry). Passwords are hashed with argon2id.
 */
import type { Db } from "#db/client.server";
import type { Role } from "#db/enums";
import { hashPassword } from "~/auth/password.server";
import { recordAudit } from "~/modules/audit/audit.server";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  organisationCode: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.citypilot.vn", name: "Nguyễn Quốc Trung", role: "admin", organisationCode: "TF" },
  {
    email: "coordinator@demo.citypilot.vn",
    name: "Trần Thị Thu Hà",
    role: "coordinator",
    organisationCode: "TF",
  },
  { email: "leader@demo.citypilot.vn", name: "Phạm Minh Tuấn", role: "leader", organisationCode: "TF" },
  { email: "auditor@demo.citypilot.vn", name: "Lê Thị Hồng Nhung", role: "auditor", organisationCode: "TF" },
  {
    email: "planner.hcm@demo.citypilot.vn",
    name: "Võ Thanh Phong",
    role: "planner",
    organisationCode: "P-HCM",
  },
  {
    email: "planner.laichau@demo.citypilot.vn",
    name: "Lò Văn Thắng",
    role: "planner",
    organisationCode: "P-LCU",
  },
  {
    email: "planner.most@demo.citypilot.vn",
    name: "Đỗ Hải Yến",
    role: "planner",
    organisationCode: "M-MOST",
  },
];

export const DEFAULT_DEMO_PASSWORD = "citypilot-demo";

/** Fixed creation instant of the demo accounts (2026-01-05T01:00Z). */
const ACCOUNTS_CREATED_AT = Date.UTC(2026, 0, 5, 1);

/**
 * Create the demo accounts that do not exist yet (by email). Needs the
 * reference organisations. Returns the number of accounts created.
 */
export async function seedDemoAccounts(db: Db, password: string = DEFAULT_DEMO_PASSWORD): Promise<number> {
  const c = db.$client;
  const exists = c.prepare("SELECT 1 FROM users WHERE email = ?");
  const todo = DEMO_ACCOUNTS.filter((a) => !exists.get(a.email));
  if (todo.length === 0) return 0;
  const orgId = c.prepare("SELECT id FROM organisations WHERE code = ?");
  const orgIds = todo.map((a) => {
    const row = orgId.get(a.organisationCode) as { id: number } | undefined;
    if (!row) throw new Error(`Organisation ${a.organisationCode} missing: seed reference data first`);
    return row.id;
  });
  const hashes = await Promise.all(todo.map(() => hashPassword(password)));

  const insUser = c.prepare(
    `INSERT INTO users (email, name, password_hash, locale, active, password_changed_at, created_at, updated_at)
     VALUES (?, ?, ?, 'vi', 1, ?, ?, ?)`,
  );
  const insMember = c.prepare(
    "INSERT INTO memberships (user_id, organisation_id, role, created_at) VALUES (?, ?, ?, ?)",
  );
  c.transaction(() => {
    todo.forEach((a, i) => {
      const at = ACCOUNTS_CREATED_AT + i * 60_000;
      const userId = Number(insUser.run(a.email, a.name, hashes[i], at, at, at).lastInsertRowid);
      insMember.run(userId, orgIds[i], a.role, at);
    });
    recordAudit(
      db,
      { userId: null, label: "seed" },
      {
        action: "seed.accounts",
        entityType: "user",
        after: { emails: todo.map((a) => a.email) },
      },
    );
  })();
  return todo.length;
}
