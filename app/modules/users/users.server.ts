import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { users } from "#db/schema";
import type { Locale } from "~/i18n/locales";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";

export function setUserLocale(db: Db, userId: number, locale: Locale, actor: Actor): void {
  db.transaction((tx) => {
    const before = tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get();
    tx.update(users).set({ locale, updatedAt: Date.now() }).where(eq(users.id, userId)).run();
    recordAudit(tx, actor, {
      action: "user.locale",
      entityType: "user",
      entityId: userId,
      before,
      after: { locale },
    });
  });
}
