/**
 * Localised document titles. Route `meta` functions get the root loader's
 * locale from `matches`, so titles follow the language switch.
 */
import { translator, type MessageKey, type Params } from "~/i18n/i18n";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";

interface MatchLike {
  id: string;
  data?: unknown;
}

export function localeFromMatches(matches: readonly MatchLike[] | undefined): Locale {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** `[{ title: "<page> · CityPilot" }]` in the active locale. */
export function pageTitle(
  matches: readonly MatchLike[] | undefined,
  key: MessageKey,
  params?: Params,
): { title: string }[] {
  const t = translator(localeFromMatches(matches));
  return [{ title: `${t(key, params)} · ${t("common.appName")}` }];
}

/** Same, with a ready-made subject (e.g. an organisation's name). */
export function titleWith(
  matches: readonly MatchLike[] | undefined,
  subject: string | null | undefined,
  fallback: MessageKey,
) {
  const t = translator(localeFromMatches(matches));
  return [{ title: `${subject ?? t(fallback)} · ${t("common.appName")}` }];
}
