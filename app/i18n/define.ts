/**
 * A message namespace: Vietnamese is the source, English must have exactly the
 * same keys (checked by the type system). Placeholders use `{name}`.
 */
export function defineMessages<const V extends Record<string, string>>(messages: {
  vi: V;
  en: { [K in keyof V]: string };
}) {
  return messages;
}
