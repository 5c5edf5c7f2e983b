// Columns that hold two values (a coordinate pair, a date with its time): read their parts, decide a pair's order, propose splits.
import { fieldContent, type SampleContent } from './content.js';
import { splitDateTime } from './date-time-text.js';
import { labelTokens } from './tokens.js';
import { foldLabel } from '../text/fold.js';
import { mappingFileError, type ResolvedSplit } from '../schema/mapping-file.js';
import type {
  ColumnSample,
  CoordinateOrder,
  FieldMatch,
  OrderEvidence,
  SplitPart,
  SplitProposal,
} from '../schema/mapping-types.js';
import type { TableSchema } from '../schema/types.js';

/** A coordinate pair as written in one value: its two numbers in the order written, and its form. */
export interface WrittenPair {
  first: string;
  second: string;
  /** `wkt`: `POINT(x y)`; `geojson`: `[x, y]`; `plain`: `x, y`, `x;y`, `(x, y)` or `x y`. */
  form: 'wkt' | 'geojson' | 'plain';
}

const NUM = String.raw`[+-]?\d{1,3}(?:\.\d+)?`;
/** With `;` between the numbers, a comma may be their decimal separator (`48,8566;2,3522`). */
const NUM_OR_COMMA = String.raw`[+-]?\d{1,3}(?:[.,]\d+)?`;

const PAIR_FORMS: readonly [RegExp, WrittenPair['form']][] = [
  // WKT, or EWKT in WGS 84 (another SRID is projected: metres, not degrees).
  [new RegExp(String.raw`^(?:SRID=4326;\s*)?POINT\s*\(\s*(${NUM})\s+(${NUM})\s*\)$`, 'i'), 'wkt'],
  [new RegExp(String.raw`^\[\s*(${NUM})\s*,\s*(${NUM})\s*\]$`), 'geojson'],
  [new RegExp(String.raw`^\(?\s*(${NUM})\s*,\s*(${NUM})\s*\)?$`), 'plain'],
  [new RegExp(String.raw`^\(?\s*(${NUM_OR_COMMA})\s*;\s*(${NUM_OR_COMMA})\s*\)?$`), 'plain'],
  [new RegExp(String.raw`^(${NUM})\s+(${NUM})$`), 'plain'],
];

/** A number as the output writes it: a decimal point, no `+`. */
function decimal(text: string): string {
  const t = text.startsWith('+') ? text.slice(1) : text;
  return t.includes(',') ? t.replace(',', '.') : t;
}

/**
 * The coordinate pair a value writes, when it is one in degrees: two numbers within ±180, at most one
 * beyond ±90 (two longitudes make no point). Undefined for anything else.
 */
export function readPair(value: string): WrittenPair | undefined {
  const v = value.trim();
  for (const [re, form] of PAIR_FORMS) {
    const m = re.exec(v);
    if (!m) continue;
    const first = decimal(m[1]!);
    const second = decimal(m[2]!);
    const a = Math.abs(Number(first));
    const b = Math.abs(Number(second));
    if (a > 180 || b > 180 || (a > 90 && b > 90)) return undefined;
    return { first, second, form };
  }
  return undefined;
}

const inFranceLat = (x: number): boolean => x >= 41 && x <= 51.5;
const inFranceLon = (x: number): boolean => x >= -5.5 && x <= 10;

/** An order and what told it. */
interface ToldOrder {
  readonly order: CoordinateOrder;
  readonly evidence: OrderEvidence;
}
/** The four answers of valuesOrder, made once (it runs on every cell of a split column). */
const TOLD = {
  lonLatRange: { order: 'lon-lat', evidence: 'range' },
  latLonRange: { order: 'lat-lon', evidence: 'range' },
  latLonFrance: { order: 'lat-lon', evidence: 'france' },
  lonLatFrance: { order: 'lon-lat', evidence: 'france' },
} as const satisfies Record<string, ToldOrder>;

/**
 * The order one pair's numbers tell by themselves: a number beyond ±90 is the longitude (`range`);
 * a pair in mainland France fits one order only, its latitude and longitude ranges being apart
 * (`france`). Undefined when the numbers could be either (overseas, or near 0).
 */
function valuesOrder(p: WrittenPair): ToldOrder | undefined {
  const a = Number(p.first);
  const b = Number(p.second);
  if (Math.abs(a) > 90) return TOLD.lonLatRange;
  if (Math.abs(b) > 90) return TOLD.latLonRange;
  if (inFranceLat(a) && inFranceLon(b)) return TOLD.latLonFrance;
  if (inFranceLon(a) && inFranceLat(b)) return TOLD.lonLatFrance;
  return undefined;
}

const LAT_TOKEN = /^y?(?:lat|latitude)$/;
const LON_TOKEN = /^x?(?:lon|long|lng|longitude)$/;

/**
 * The order a column's name tells: OpenDataSoft's `geo_point_2d` (and `geo_point`) are « lat, lon »;
 * a name that says both, in an order (`lat_lon`, `latLng`, `lonlat`, `XY`), says it.
 */
export function nameOrder(label: string): CoordinateOrder | undefined {
  const folded = foldLabel(label);
  if (folded === 'geopoint2d' || folded === 'geopoint') return 'lat-lon';
  if (/(?:lat|latitude)(?:lon|lng|long|longitude)/.test(folded)) return 'lat-lon';
  if (/(?:lon|lng|long|longitude)(?:lat|latitude)/.test(folded)) return 'lon-lat';
  const tokens = labelTokens(label);
  if (tokens.includes('xy')) return 'lon-lat';
  if (tokens.includes('yx')) return 'lat-lon';
  const lat = tokens.findIndex((t) => LAT_TOKEN.test(t));
  const lon = tokens.findIndex((t) => LON_TOKEN.test(t));
  if (lat < 0 || lon < 0) return undefined;
  return lat < lon ? 'lat-lon' : 'lon-lat';
}

/** The order of a column's pairs, what decided it, or why nothing did. */
export interface OrderDecision {
  order?: CoordinateOrder;
  evidence?: OrderEvidence;
  undecided?: 'no-evidence' | 'conflict';
}

/** Share of the pairs telling an order that must tell the same one (the others are wrong cells). */
const MAJORITY = 0.9;

/**
 * Decide the order of a column's coordinate pairs from its sampled values and its name. The numbers
 * decide first (a value beyond ±90, then mainland France's ranges), when nine in ten of the pairs that
 * tell an order tell the same (the others are wrong cells, reported when the column is split); when
 * they do not, the form (WKT and GeoJSON write longitude first) and the name (`geo_point_2d`: latitude
 * first). Values that tell both orders, or clues that disagree with nothing in the numbers to settle
 * them, decide nothing (`conflict`); no clue at all is `no-evidence`. Never a default order.
 */
export function decideOrder(pairs: readonly WrittenPair[], label: string): OrderDecision {
  const votes = { 'lon-lat': 0, 'lat-lon': 0 };
  let range = false;
  for (const p of pairs) {
    const v = valuesOrder(p);
    if (!v) continue;
    votes[v.order]++;
    if (v.evidence === 'range') range = true;
  }
  const told = votes['lon-lat'] + votes['lat-lon'];
  if (told > 0) {
    const order: CoordinateOrder = votes['lon-lat'] > votes['lat-lon'] ? 'lon-lat' : 'lat-lon';
    if (votes[order] < MAJORITY * told) return { undecided: 'conflict' };
    return { order, evidence: range ? 'range' : 'france' };
  }
  const clues: { order: CoordinateOrder; evidence: OrderEvidence }[] = [];
  const forms = new Set(pairs.map((p) => p.form));
  if (forms.size === 1 && forms.has('wkt')) clues.push({ order: 'lon-lat', evidence: 'wkt' });
  if (forms.size === 1 && forms.has('geojson')) clues.push({ order: 'lon-lat', evidence: 'geojson' });
  const byName = nameOrder(label);
  if (byName) clues.push({ order: byName, evidence: 'name' });
  if (clues.length === 0) return { undecided: 'no-evidence' };
  if (clues.some((c) => c.order !== clues[0]!.order)) return { undecided: 'conflict' };
  return clues[0]!;
}

/** Why a cell could not be split (the `split-error` finding's `reason`). */
export type SplitFailure =
  /** Not a coordinate pair in degrees, or not a date with a time. */
  | 'form'
  /** Its numbers are in mainland France in the other order than the column's. */
  | 'order'
  /** The column's order is not known and nothing in the value tells it. */
  | 'undecided';

/**
 * The two parts of one cell: `[lon, lat]` for coordinates (in the column's order, or, when it is not
 * known, the order the value itself tells), `[date, time]` for a date with its time. Empty parts for an
 * empty cell; a failure when the value cannot be split or contradicts the column's order.
 */
export function splitCell(
  text: string,
  kind: 'coordinates' | 'date-time',
  order: CoordinateOrder | undefined,
  label: string,
): [string, string] | SplitFailure {
  if (text.trim() === '') return ['', ''];
  if (kind === 'date-time') {
    const dt = splitDateTime(text);
    return dt ? [dt.date, dt.time] : 'form';
  }
  const p = readPair(text);
  if (!p) return 'form';
  const own = valuesOrder(p);
  if (order !== undefined && own !== undefined && own.order !== order) return 'order';
  const o = order ?? own?.order ?? decideOrder([p], label).order;
  if (o === undefined) return 'undecided';
  return o === 'lon-lat' ? [p.first, p.second] : [p.second, p.first];
}

/** Whether a part is a coordinate (`lon`, `lat`) or a date/time part. */
export function splitKind(part: SplitPart): 'coordinates' | 'date-time' {
  return part === 'lon' || part === 'lat' ? 'coordinates' : 'date-time';
}

/** The index of a part in what splitCell returns. */
export function partIndex(part: SplitPart): 0 | 1 {
  return part === 'lon' || part === 'date' ? 0 : 1;
}

/** Words of a column name that say it holds a location. */
const PLACE_WORDS = new Set([
  'geo',
  'geopoint',
  'point',
  'coord',
  'coords',
  'coordonnee',
  'coordonnees',
  'coordinate',
  'coordinates',
  'gps',
  'position',
  'localisation',
  'geolocalisation',
  'geoloc',
  'location',
  'wgs',
  'geom',
  'geometry',
  'geometrie',
  'xy',
]);

/** A column's name says it holds a place (`geo_point_2d`, `coordonnées GPS`, `lat_lon`, `position`). */
function namedPlace(label: string): boolean {
  return (
    labelTokens(label).some((t) => PLACE_WORDS.has(t)) ||
    /coord|geo|gps|latlon|latlng|lonlat|lnglat/.test(foldLabel(label)) ||
    nameOrder(label) !== undefined
  );
}

/** A field's name says it is a longitude (`lon`, `long`, `lng`, `longitude`, `Xlong`, `EQUIP_LONG`) or a latitude. */
function coordinateField(name: string): 'lon' | 'lat' | undefined {
  const tokens = labelTokens(name);
  if (tokens.some((t) => LON_TOKEN.test(t))) return tokens.some((t) => LAT_TOKEN.test(t)) ? undefined : 'lon';
  return tokens.some((t) => LAT_TOKEN.test(t)) ? 'lat' : undefined;
}

/** A field no column, suggestion, constant or proposal feeds. */
function free(m: FieldMatch): boolean {
  return (
    m.column === undefined &&
    !m.suggestion &&
    m.constant === undefined &&
    !m.composed &&
    !m.split &&
    m.kind !== 'mapping'
  );
}

/** Columns that feed a field or are offered for one. */
function usedColumns(fields: readonly FieldMatch[]): Set<number> {
  const used = new Set<number>();
  for (const m of fields) {
    if (m.column !== undefined) used.add(m.column);
    if (m.suggestion) used.add(m.suggestion.column);
    for (const c of m.composed?.columns ?? []) used.add(c);
    if (m.split) used.add(m.split.column);
  }
  return used;
}

/** The only element, or undefined when there are none or several. */
function single<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/**
 * Proposals to read two fields from one column (FieldMatch.split), from the column's values and name:
 * - a column of coordinate pairs (`48.8566, 2.3522`, `[2.3522, 48.8566]`, `POINT(2.3522 48.8566)`,
 *   `48,8566;2,3522`), named for a place or written in WKT, for a schema's free longitude and latitude
 *   fields (`EQUIP_LONG` and `EQUIP_LAT`, `Xlong` and `Ylat`), each taking its part. The order of the
 *   pair is decided from the values, then the form and the name (decideOrder); when nothing decides,
 *   the proposal says so and has no example;
 * - a column of dates with their time (`2024-03-01T08:30:00`, `01/03/2024 08:30`), not all at
 *   midnight, for a schema's only free `date` field and only free `time` field (and no free `datetime`).
 * Each needs exactly one such column and one field of each part, whose first sampled value it accepts.
 * Matching never applies a proposal.
 */
export function proposeSplits(
  labels: readonly string[],
  schema: TableSchema,
  fields: FieldMatch[],
  content: SampleContent,
): void {
  const used = usedColumns(fields);
  const open = fields.filter(free);
  const values = (c: number): readonly string[] => content.columns[c]?.values ?? [];
  const candidates = (test: (c: number) => boolean): number[] => {
    const out: number[] = [];
    for (let c = 0; c < labels.length; c++) if (!used.has(c) && values(c).length > 0 && test(c)) out.push(c);
    return out;
  };

  const lon = single(open.filter((m) => coordinateField(m.fieldName) === 'lon'));
  const lat = single(open.filter((m) => coordinateField(m.fieldName) === 'lat'));
  if (lon && lat) {
    // The column's pairs; one value in ten may be something else (a wrong cell, reported when split).
    const pairsOf = (c: number): WrittenPair[] | undefined => {
      const all = values(c);
      const allowed = Math.floor(all.length / 10);
      const out: WrittenPair[] = [];
      let others = 0;
      for (const v of all) {
        const p = readPair(v);
        if (p) out.push(p);
        else if (++others > allowed) return undefined;
      }
      return out.length > 0 ? out : undefined;
    };
    const column = single(
      candidates((c) => {
        const pairs = pairsOf(c);
        return pairs !== undefined && (namedPlace(labels[c]!) || pairs.every((p) => p.form === 'wkt'));
      }),
    );
    if (column !== undefined) {
      const pairs = pairsOf(column)!;
      const decision = decideOrder(pairs, labels[column]!);
      const first = pairs[0]!;
      const fits = (m: FieldMatch, text: string): boolean =>
        fieldContent(schema, m.fieldIndex).fit(text) === 'ok';
      const base = { column, label: labels[column]! };
      if (decision.order) {
        const [x, y] =
          decision.order === 'lon-lat' ? [first.first, first.second] : [first.second, first.first];
        if (fits(lon, x) && fits(lat, y)) {
          const how = { order: decision.order, orderEvidence: decision.evidence! };
          lon.split = { ...base, part: 'lon', ...how, example: x };
          lat.split = { ...base, part: 'lat', ...how, example: y };
        }
      } else if ([first.first, first.second].every((v) => fits(lon, v) && fits(lat, v))) {
        lon.split = { ...base, part: 'lon', undecided: decision.undecided! };
        lat.split = { ...base, part: 'lat', undecided: decision.undecided! };
      }
      if (lon.split) used.add(column);
    }
  }

  const type = (m: FieldMatch): string => schema.fields[m.fieldIndex]?.type ?? 'string';
  const dateField = single(open.filter((m) => !m.split && type(m) === 'date'));
  const timeField = single(open.filter((m) => !m.split && type(m) === 'time'));
  if (!dateField || !timeField || open.some((m) => type(m) === 'datetime')) return;
  const column = single(
    candidates((c) => {
      // One value in ten may be something else, as for coordinates; not all at midnight (a date).
      const parts = values(c).map(splitDateTime);
      const read = parts.filter((p) => p !== undefined);
      return (
        parts.length - read.length <= Math.floor(parts.length / 10) &&
        read.some((p) => !p.time.startsWith('00:00:00'))
      );
    }),
  );
  if (column === undefined) return;
  const first = values(column)
    .map(splitDateTime)
    .find((p) => p !== undefined)!;
  const dc = fieldContent(schema, dateField.fieldIndex);
  const tc = fieldContent(schema, timeField.fieldIndex);
  if (dc.fit(first.date) !== 'ok' || tc.fit(first.time) !== 'ok') return;
  const base = { column, label: labels[column]! };
  dateField.split = { ...base, part: 'date', example: first.date };
  timeField.split = { ...base, part: 'time', example: first.time };
}

/**
 * The split a mapping file asks for, applied without --accept-suggestions: the order of a coordinate
 * column is the file's `order:`, else the one the sample decides (decideOrder).
 *
 * @throws OdfError('mapping-invalid') citing the entry's line when the sampled values of a coordinate
 * column do not decide its order and the file does not give it.
 */
export function splitByMapping(
  labels: readonly string[],
  spec: ResolvedSplit,
  sample: ColumnSample | undefined,
): SplitProposal {
  const label = labels[spec.column]!;
  const p: SplitProposal = { column: spec.column, label, part: spec.part, fromMapping: true };
  const firstValue = (sample?.rows ?? []).map((r) => (r[spec.column] ?? '').trim()).find((v) => v !== '');
  if (splitKind(spec.part) === 'date-time') {
    const dt = firstValue === undefined ? undefined : splitDateTime(firstValue);
    if (dt) p.example = spec.part === 'date' ? dt.date : dt.time;
    return p;
  }
  if (spec.order) {
    p.order = spec.order;
    p.orderEvidence = 'mapping';
  } else {
    const pairs: WrittenPair[] = [];
    for (const r of sample?.rows ?? []) {
      const pair = readPair(r[spec.column] ?? '');
      if (pair) pairs.push(pair);
    }
    const decision = decideOrder(pairs, label);
    if (decision.order) {
      p.order = decision.order;
      p.orderEvidence = decision.evidence!;
    } else if (pairs.length > 0) {
      const why =
        decision.undecided === 'conflict'
          ? {
              fr: 'ses premières lignes donnent leurs coordonnées dans les deux ordres',
              en: 'its first rows write their coordinates in both orders',
            }
          : {
              fr: 'ses premières lignes ne disent pas laquelle des deux coordonnées vient en premier',
              en: 'its first rows do not tell which coordinate comes first',
            };
      throw mappingFileError(
        spec.source,
        spec.line,
        `l'ordre des coordonnées de la colonne « ${label} » reste à préciser : ${why.fr} ; ajoutez order: lat-lon ou order: lon-lat.`,
        `the order of the coordinates of column "${label}" must be given: ${why.en}; add order: lat-lon or order: lon-lat.`,
        { label, reason: decision.undecided },
      );
    }
  }
  const cell = firstValue === undefined ? undefined : splitCell(firstValue, 'coordinates', p.order, label);
  if (Array.isArray(cell)) p.example = cell[partIndex(spec.part)];
  return p;
}

/** A proposal odf can apply: a date or time part, or a coordinate whose column's order is known. */
export function splitApplicable(p: SplitProposal): boolean {
  return splitKind(p.part) === 'date-time' || p.order !== undefined;
}

/**
 * The params a missing field's finding carries for a split proposal: the column (`splitFrom`), the part,
 * the order and what decided it (or why nothing did), and the first row's part (`example`).
 */
export function splitParams(p: SplitProposal): Record<string, unknown> {
  const out: Record<string, unknown> = { splitFrom: p.label, part: p.part };
  if (p.order !== undefined) out.order = p.order;
  if (p.orderEvidence !== undefined) out.orderEvidence = p.orderEvidence;
  if (p.undecided !== undefined) out.undecided = p.undecided;
  if (p.example !== undefined) out.example = p.example;
  return out;
}
