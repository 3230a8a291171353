import { namespaces } from "./messages";
import type { Locale } from "./locales";

type Namespaces = typeof namespaces;
type KeysOf<NS extends keyof Namespaces> = Extract<keyof Namespaces[NS]["vi"], string>;
export type MessageKey = { [NS in keyof Namespaces]: `${NS}.${KeysOf<NS>}` }[keyof Namespaces];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

function build(locale: Locale): Map<string, string> {
  const map = new Map<string, string>();
  for (const [ns, messages] of Object.entries(namespaces)) {
    for (const [key, value] of Object.entries(messages[locale] as Record<string, string>)) {
      map.set(`${ns}.${key}`, value);
    }
  }
  return map;
}

const tables: Record<Locale, Map<string, string>> = { vi: build("vi"), en: build("en") };

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export function translator(locale: Locale): Translate {
  const table = tables[locale];
  return (key, params) => interpolate(table.get(key) ?? key, params);
}

/** For keys computed at run time (enum values): falls back to the raw value. */
export function hasMessage(locale: Locale, key: string): boolean {
  return tables[locale].has(key);
}
