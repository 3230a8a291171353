import { z } from "zod";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { memberships, organisations, users } from "#db/schema";
import { ROLES } from "#db/enums";
import { hashPassword } from "~/auth/password.server";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organisation: z.string().trim().min(1),
  password: z.string().min(12, "password must be at least 12 characters").max(1024),
  locale: z.enum(["vi", "en"]).default("vi"),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

/** Create a user with one membership (by organisation code), audited, in one transaction. */
export async function createUser(db: Db, input: CreateUserInput, actor: Actor): Promise<number> {
  const v = CreateUserSchema.parse(input);
  const org = db
    .select({ id: organisations.id, validTo: organisations.validTo })
    .from(organisations)
    .where(eq(organisations.code, v.organisation))
    .get();
  if (!org) throw new Error(`Unknown organisation code: ${v.organisation}`);
  if (org.validTo) throw new Error(`Organisation ${v.organisation} has been dissolved; use its successor`);
  if (db.select({ id: users.id }).from(users).where(eq(users.email, v.email)).get()) {
    throw new Error(`A user with email ${v.email} already exists`);
  }
  const passwordHash = await hashPassword(v.password);
  return db.transaction((tx) => {
    const id = tx
      .insert(users)
      .values({ email: v.email, name: v.name, passwordHash, locale: v.locale })
      .returning({ id: users.id })
      .get().id;
    tx.insert(memberships).values({ userId: id, organisationId: org.id, role: v.role }).run();
    recordAudit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: id,
      organisationId: org.id,
      after: { email: v.email, name: v.name, role: v.role, organisation: v.organisation },
    });
    return id;
  });
}
