// The `geopoint` type: "lon, lat" (default), [lon, lat] (array) or {"lon": …, "lat": …} (object).
import type { Field } from '../schema/types.js';
import { formatOf, ok, type Caster, type FieldPlanWarning } from './caster.js';
import { isJsonObject, parseJson } from './json-value.js';

// Python's Decimal, as Frictionless reads each coordinate (NaN and infinities fail the range checks).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function coordinate(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    return DECIMAL.test(s) ? Number(s) : undefined;
  }
  return undefined;
}

/** [lon, lat] when both are numbers within −180..180 and −90..90. */
function point(lonRaw: unknown, latRaw: unknown): [number, number] | undefined {
  const lon = coordinate(lonRaw);
  const lat = coordinate(latRaw);
  if (lon === undefined || lat === undefined) return undefined;
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return undefined;
  return [lon, lat];
}

function readDefault(text: string): [number, number] | undefined {
  const comma = text.indexOf(',');
  if (comma < 0 || text.indexOf(',', comma + 1) >= 0) return undefined;
  return point(text.slice(0, comma), text.slice(comma + 1));
}

function readArray(text: string): [number, number] | undefined {
  const v = parseJson(text);
  return Array.isArray(v) && v.length === 2 ? point(v[0], v[1]) : undefined;
}

function readObject(text: string): [number, number] | undefined {
  const v = parseJson(text);
  if (!isJsonObject(v) || Object.keys(v).length !== 2) return undefined;
  return point(v.lon, v.lat);
}

const READERS: Record<string, (text: string) => [number, number] | undefined> = {
  default: readDefault,
  array: readArray,
  object: readObject,
};

/**
 * Compiles the caster of a `geopoint` field. Values are `[lon, lat]` numbers; canonical texts are the
 * text. As Frictionless, the default format trims each coordinate (`2.35, 48.85` is valid).
 */
export function compileGeopoint(field: Field): Caster {
  const warnings: FieldPlanWarning[] = [];
  let format = formatOf(field);
  if (READERS[format] === undefined) {
    warnings.push({ code: 'unknown-format', params: { type: 'geopoint', format } });
    format = 'default';
  }
  const read = READERS[format]!;
  return {
    format,
    cast(text) {
      const p = read(text);
      return p && ok(p, text);
    },
    fromJson: (json) => (Array.isArray(json) && json.length === 2 ? point(json[0], json[1]) : undefined),
    key: (v) => (v as number[]).join(','),
    warnings,
  };
}
