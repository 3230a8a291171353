/**
 * Keyed hashes of citizen ID numbers (and of client IP addresses for rate
 * limits): HMAC-SHA-256 with a server secret, so the database holds nothing
 * from which a number can be read back or checked by brute force (the ID
 * space is small: without the secret every key could be recomputed).
 *
 * The secret comes from `CITIZEN_ID_SECRET` (at least 32 characters) or, when
 * that is unset, from the file `citizen-id.secret` next to the database file
 * (created once on first use with 32 random bytes, mode 0600). It is never
 * written into the database. Losing it means old feedback can no longer be
 * matched to new submissions by the same person (one-support rule, limits).
 */
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultDatabasePath, type Db } from "#db/client.server";

export const SECRET_FILE_NAME = "citizen-id.secret";
const MIN_SECRET_LENGTH = 32;

const cache = new Map<string, Buffer>();

/** Where the secret file lives for a database file (`:memory:` → next to the default path). */
export function secretFilePath(databaseFile: string): string {
  const file = databaseFile && databaseFile !== ":memory:" ? databaseFile : defaultDatabasePath();
  return path.join(path.dirname(path.resolve(file)), SECRET_FILE_NAME);
}

/** Read the secret file, creating it (0600) when missing; concurrent creators agree on one. */
function fileSecret(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const text = fs.readFileSync(file, "utf8").trim();
  if (text.length < MIN_SECRET_LENGTH) throw new Error(`${file}: citizen ID secret is too short`);
  return Buffer.from(text, "utf8");
}

/** The HMAC secret for this database (environment first, then the file beside it). */
export function citizenIdSecret(db: Db): Buffer {
  const fromEnv = process.env.CITIZEN_ID_SECRET;
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`CITIZEN_ID_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return Buffer.from(fromEnv, "utf8");
  }
  const file = secretFilePath(db.$client.name);
  let secret = cache.get(file);
  if (!secret) cache.set(file, (secret = fileSecret(file)));
  return secret;
}

function hmac(secret: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}\u0000${value}`).digest("hex");
}

/** The stored key of a (normalised, already checked) citizen ID number. */
export function citizenKey(db: Db, normalisedId: string): string {
  return hmac(citizenIdSecret(db), "citizen-id", normalisedId);
}

/** The key of a client address for rate limits (never the address itself). */
export function networkKey(db: Db, ip: string): string {
  return hmac(citizenIdSecret(db), "client-ip", ip).slice(0, 32);
}
