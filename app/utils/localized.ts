import type { Locale } from "~/i18n/locales";

/** The text in the active locale, falling back to Vietnamese (the source language). */
export function localized(locale: Locale, vi: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : vi;
}
