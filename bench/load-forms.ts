/**
 * Read a rendered HTML form the way a browser would submit it: text, hidden,
 * number and date inputs with their value, checked checkboxes and radios,
 * the selected options of each select, textareas. Enough for the load driver
 * to re-post an edit form with the version it read.
 */
import { attr, decodeHtml } from "../tests/integration/helpers/html";

const has = (tag: string, name: string) => new RegExp(`\\s${name}(=|\\s|/?>)`).test(tag);

/** The fields of the form whose id or one of whose classes is `name`. */
export function formFields(html: string, name: string): [string, string][] {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find(
    (f) => attr(f[1]!, "id") === name || (attr(f[1]!, "class") ?? "").split(/\s+/).includes(name),
  );
  if (!form) return [];
  const body = form[2]!;
  const out: [string, string][] = [];
  for (const m of body.matchAll(
    /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g,
  )) {
    const chunk = m[0];
    const tag = /^<\w+\b[^>]*>/.exec(chunk)![0];
    const name = attr(tag, "name");
    if (!name || has(tag, "disabled")) continue;
    if (chunk.startsWith("<input")) {
      const type = (attr(tag, "type") ?? "text").toLowerCase();
      if (type === "submit" || type === "button" || type === "file") continue;
      if ((type === "checkbox" || type === "radio") && !has(tag, "checked")) continue;
      out.push([name, attr(tag, "value") ?? (type === "checkbox" ? "on" : "")]);
    } else if (chunk.startsWith("<select")) {
      const options = [...chunk.matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
      const selected = options.filter((o) => has(o, "selected"));
      const chosen = selected.length ? selected : has(tag, "multiple") ? [] : options.slice(0, 1);
      for (const o of chosen) out.push([name, attr(o, "value") ?? ""]);
    } else {
      out.push([name, decodeHtml(/^<textarea\b[^>]*>([\s\S]*?)<\/textarea>$/.exec(chunk)?.[1] ?? "")]);
    }
  }
  return out;
}

/**
 * The ledger's entry form as a browser posts it to /projects/:code/transactions:
 * a commitment on one budget line with its own document reference (the
 * out-of-window override on, so any date today is accepted). The server
 * answers a recorded entry with a redirect to `?saved=created` after its commit.
 */
export function entryForm(entry: {
  budgetLineId: number;
  date: string;
  amount: number;
  documentRef: string;
  overrideReason: string;
}): URLSearchParams {
  return new URLSearchParams({
    intent: "record",
    budgetLineId: String(entry.budgetLineId),
    kind: "commitment",
    date: entry.date,
    amount: String(entry.amount),
    documentRef: entry.documentRef,
    override: "on",
    overrideReason: entry.overrideReason,
  });
}
