import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { translator, type Translate } from "./i18n";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import * as fmt from "./format";

/** The active locale, from the root loader. */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

/** Translation function and formatters bound to the active locale. */
export function useT(): {
  t: Translate;
  locale: Locale;
  money: (amount: number) => string;
  moneyExact: (amount: number) => string;
  date: (v: string | number | null | undefined) => string;
  dateTime: (v: number) => string;
  num: (v: number, digits?: number) => string;
  pct: (ratio: number, digits?: number) => string;
} {
  const locale = useLocale();
  return useMemo(
    () => ({
      t: translator(locale),
      locale,
      money: (a: number) => fmt.formatVnd(a, locale),
      moneyExact: (a: number) => fmt.formatVndExact(a, locale),
      date: (v: string | number | null | undefined) => fmt.formatDate(v, locale),
      dateTime: (v: number) => fmt.formatDateTime(v, locale),
      num: (v: number, digits = 0) => fmt.formatNumber(v, locale, digits),
      pct: (r: number, digits = 1) => fmt.formatPercent(r, locale, digits),
    }),
    [locale],
  );
}
