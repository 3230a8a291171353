/**
 * Session tokens as in the current Lucia guide: `<id>.<secret>`, both random
 * base32 strings of 120 bits. Only SHA-256(secret) is stored; comparison is
 * constant-time.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0, 1, l, o

export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ALPHABET[b >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export interface ParsedToken {
  id: string;
  secret: string;
}

const PART = /^[a-km-np-z2-9]{24}$/;

/** Split a token; null for anything not shaped like `id.secret`. */
export function parseToken(token: string | null | undefined): ParsedToken | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!PART.test(id) || !PART.test(secret)) return null;
  return { id, secret };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === storedHash.length && constantTimeEqual(candidate, storedHash);
}

export const SESSION_COOKIE = "cp_session";
/** A session dies after this long without a request. */
export const INACTIVITY_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** lastVerifiedAt is refreshed at most this often (fewer writes). */
export const ACTIVITY_CHECK_INTERVAL_MS = 5 * 60 * 1000;
/** Absolute lifetime, however active the session. */
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;

export type SessionTimes = { createdAt: number; lastVerifiedAt: number };

export function isSessionExpired(s: SessionTimes, now: number): boolean {
  return now - s.lastVerifiedAt >= INACTIVITY_TIMEOUT_MS || now - s.createdAt >= ABSOLUTE_TIMEOUT_MS;
}

export function needsActivityRefresh(s: SessionTimes, now: number): boolean {
  return now - s.lastVerifiedAt >= ACTIVITY_CHECK_INTERVAL_MS;
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function cookieSecure(): boolean {
  return process.env.COOKIE_SECURE !== "false";
}

export function sessionCookie(token: string): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(ABSOLUTE_TIMEOUT_MS / 1000)}`,
    cookieSecure() ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function clearSessionCookie(): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", cookieSecure() ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}
