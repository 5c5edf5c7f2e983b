// The `geojson` type: a GeoJSON (RFC 7946) object, or a TopoJSON topology with format `topojson`.
import type { Field } from '../schema/types.js';
import { formatOf, ok, type Caster, type FieldPlanWarning } from './caster.js';
import { isJsonObject, parseJson, stableKey } from './json-value.js';

const GEOMETRIES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]);

function isPosition(v: unknown): boolean {
  return Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Coordinates nested `depth` levels around positions (Point 0, LineString 1, Polygon 2, MultiPolygon 3). */
function isCoordinates(v: unknown, depth: number): boolean {
  if (depth === 0) return isPosition(v);
  return Array.isArray(v) && v.every((c) => isCoordinates(c, depth - 1));
}

const DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function isGeometry(v: unknown): boolean {
  if (!isJsonObject(v) || typeof v.type !== 'string') return false;
  if (v.type === 'GeometryCollection') return Array.isArray(v.geometries) && v.geometries.every(isGeometry);
  return GEOMETRIES.has(v.type) && isCoordinates(v.coordinates, DEPTH[v.type]!);
}

function isFeature(v: unknown): boolean {
  return (
    isJsonObject(v) &&
    v.type === 'Feature' &&
    (v.geometry === null || isGeometry(v.geometry)) &&
    (v.properties === null || isJsonObject(v.properties))
  );
}

/**
 * The structure the GeoJSON profile of Frictionless checks: a known `type`, coordinates nested as the
 * type says (positions of 2 or more numbers), features with a geometry (or null) and properties (or null).
 */
export function isGeoJson(v: unknown): boolean {
  if (!isJsonObject(v)) return false;
  if (v.type === 'Feature') return isFeature(v);
  if (v.type === 'FeatureCollection') return Array.isArray(v.features) && v.features.every(isFeature);
  return isGeometry(v);
}

function isTopoJson(v: unknown): boolean {
  return isJsonObject(v) && v.type === 'Topology' && isJsonObject(v.objects);
}

/** Compiles the caster of a `geojson` field. Values are parsed objects; canonical texts are the text. */
export function compileGeojson(field: Field): Caster {
  const warnings: FieldPlanWarning[] = [];
  let format = formatOf(field);
  if (format !== 'default' && format !== 'topojson') {
    warnings.push({ code: 'unknown-format', params: { type: 'geojson', format } });
    format = 'default';
  }
  const valid = format === 'topojson' ? isTopoJson : isGeoJson;
  return {
    format,
    cast(text) {
      const v = parseJson(text);
      return valid(v) ? ok(v, text) : undefined;
    },
    fromJson: (json) => (valid(json) ? json : undefined),
    key: stableKey,
    warnings,
  };
}
