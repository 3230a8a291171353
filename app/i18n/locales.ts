export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const LOCALE_COOKIE = "cp_lang";

export function isLocale(v: unknown): v is Locale {
  return v === "vi" || v === "en";
}

/** Locale chosen in this browser (`cp_lang` cookie), if any. */
export function cookieLocale(request: Request): Locale | null {
  const cookie = request.headers.get("Cookie") ?? "";
  const m = /(?:^|;\s*)cp_lang=(vi|en)(?:;|$)/.exec(cookie);
  return m ? (m[1] as Locale) : null;
}

/** Locale from the cookie, else the user's saved choice, else Vietnamese (the product default). */
export function localeFromRequest(request: Request, userLocale?: string | null): Locale {
  return cookieLocale(request) ?? (isLocale(userLocale) ? userLocale : DEFAULT_LOCALE);
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
