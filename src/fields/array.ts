// The `array` type: a JSON array (its `arrayItem` is checked by the plan compiler, item by item).
import type { Field } from '../schema/types.js';
import { ok, type Caster } from './caster.js';
import { parseJson, stableKey } from './json-value.js';

/** Item types whose items a list writes as JSON literals (`1`, `true`) rather than strings. */
const LITERAL_ITEMS = new Set(['number', 'integer', 'boolean']);

/**
 * A list written the way people write one — `lsf,lpc,sts`, `a; b`, `[a, b]`, `['a', 'b']` — as the
 * JSON array Table Schema expects (`["lsf","lpc","sts"]`), or undefined when the text is no such list.
 * Items are split on `;` when there is one, else `|`, else `,`; trimmed, unquoted; empty ones dropped.
 * With a number, integer or boolean `arrayItem`, items that are JSON literals stay literals.
 */
export function listAsJsonArray(text: string, itemType?: string): string | undefined {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (t.trim() === '') return undefined;
  const separator = t.includes(';') ? ';' : t.includes('|') ? '|' : ',';
  const items: unknown[] = [];
  for (const part of t.split(separator)) {
    let item = part.trim();
    if (item.length >= 2 && (item[0] === '"' || item[0] === "'") && item.at(-1) === item[0])
      item = item.slice(1, -1).trim();
    if (item === '') continue;
    if (itemType !== undefined && LITERAL_ITEMS.has(itemType)) {
      const literal = parseJson(item);
      if (typeof literal === 'number' || typeof literal === 'boolean') {
        items.push(literal);
        continue;
      }
    }
    items.push(item);
  }
  return items.length === 0 ? undefined : JSON.stringify(items);
}

/**
 * Compiles the caster of an `array` field. Values are parsed arrays; canonical texts are the text. A
 * list that is not JSON (`lsf,lpc,sts`) is repaired into the JSON array (issue 11), when every item then
 * passes the field's `arrayItem`.
 */
export function compileArray(field: Field): Caster {
  const itemType =
    typeof field.arrayItem === 'object' &&
    field.arrayItem !== null &&
    typeof field.arrayItem.type === 'string'
      ? field.arrayItem.type
      : undefined;
  return {
    format: 'default',
    cast(text) {
      const v = parseJson(text);
      return Array.isArray(v) ? ok(v, text) : undefined;
    },
    fromJson: (json) => (Array.isArray(json) ? json : undefined),
    key: stableKey,
    candidates(text) {
      const json = parseJson(text);
      // A JSON array fails on its items (repaired item by item elsewhere); a JSON object is no list.
      if (typeof json === 'object' && json !== null) return [];
      const list = listAsJsonArray(text, itemType);
      return list === undefined ? [] : [list];
    },
    warnings: [],
  };
}
