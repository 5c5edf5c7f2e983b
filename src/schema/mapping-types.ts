// Types of a column mapping: which input column feeds which schema field, and how it was matched.

/** How a header was matched to a field, in decreasing order of confidence (issue 6). */
export type MatchKind = 'exact' | 'folded' | 'title' | 'synonym' | 'mapping' | 'suggestion';

/** One schema field and the input column that feeds it (if any). */
export interface FieldMatch {
  fieldName: string;
  /** Index of the field in schema.fields. */
  fieldIndex: number;
  /** 0-based index of the input column, when one feeds the field (not set for a suggestion only). */
  column?: number;
  /** The input header label of that column. */
  label?: string;
  kind?: MatchKind;
  /** A constant value for every row (from a mapping file), when the export lacks the column. */
  constant?: string;
  /** A suggestion (level 5): never applied unless accepted (normalize --accept-suggestions, a mapping file). */
  suggestion?: FieldSuggestion;
  /**
   * A proposal to build the field from several input columns, detected from their names and content
   * (`coordonneesXY` = `[Xlongitude, Ylatitude]`): never applied by matching, only offered.
   */
  composed?: ComposedProposal;
  /**
   * A proposal to read the field from a part of one input column that holds two values (a coordinate
   * pair, a date and its time): never applied by matching, only offered (src/match/split.ts).
   */
  split?: SplitProposal;
}

/**
 * What a suggestion rests on: the column's name alone (similar words, reordered, abbreviated or
 * contained), its content alone (its values fit a field specific enough), both, or a name match
 * (synonym, title) that its content contradicts, so it was not applied.
 */
export type SuggestionEvidence = 'name' | 'content' | 'name+content' | 'content-mismatch';

/** A column suggested for a field, with why. */
export interface FieldSuggestion {
  column: number;
  label: string;
  /** 0..1: how close the name is, raised by supporting content. */
  score: number;
  /** Absent for name-only suggestions made without a sample (the historical kind). */
  evidence?: SuggestionEvidence;
  /** For `content-mismatch`: how the name matched (`synonym`, `title`). */
  nameKind?: MatchKind;
  /** For `content-mismatch`: up to three sampled values the field refuses. */
  refused?: string[];
}

/** How several columns make one field (see FieldMatch.composed). */
export interface ComposedProposal {
  /** Input columns, 0-based, in the order the field takes them. */
  columns: number[];
  labels: string[];
  /**
   * `lon-lat`: a coordinate pair from a longitude and a latitude column, in the form the field
   * takes (`[lon,lat]`, `lon, lat`…: see `example`).
   */
  how: 'lon-lat' | 'date-time';
  /** The field's value for the first sampled row, as it would be written. */
  example?: string;
  /** The form of the value, `{0}` and `{1}` standing for the columns' values (`[{0},{1}]`). */
  template?: string;
  /** Asked for by a mapping file (`{ compose: [A, B] }`): applied without --accept-suggestions. */
  fromMapping?: boolean;
}

/** A part of a value that holds two: a coordinate of a pair, or the date or the time of a datetime. */
export type SplitPart = 'lon' | 'lat' | 'date' | 'time';

/** The order of a coordinate pair written in one value: longitude first (GeoJSON, WKT) or latitude first. */
export type CoordinateOrder = 'lon-lat' | 'lat-lon';

/**
 * What decided the order of a coordinate pair: a value beyond ±90, which only a longitude can be
 * (`range`); values that fall in mainland France in one order only (`france`: latitudes 41–51.5,
 * longitudes −5.5–10); WKT `POINT(lon lat)` (`wkt`); GeoJSON brackets `[lon, lat]` (`geojson`); the
 * column's name (`name`: OpenDataSoft's `geo_point_2d` is « lat, lon », `lat_lon` says it); a mapping
 * file's `order:` (`mapping`).
 */
export type OrderEvidence = 'range' | 'france' | 'wkt' | 'geojson' | 'name' | 'mapping';

/** How a field is read from a part of one column (see FieldMatch.split). */
export interface SplitProposal {
  /** The input column, 0-based, and its label. */
  column: number;
  label: string;
  part: SplitPart;
  /** For `lon` and `lat`: the order of the column's pairs; absent when nothing decides it. */
  order?: CoordinateOrder;
  orderEvidence?: OrderEvidence;
  /**
   * For `lon` and `lat` without an order: why. `no-evidence`: nothing in the sample or the name tells
   * which number comes first; `conflict`: the sampled values or the clues disagree. Such a proposal is
   * never applied: a mapping file must give the order.
   */
  undecided?: 'no-evidence' | 'conflict';
  /** The part in the first sampled row, as it would be written. */
  example?: string;
  /** Asked for by a mapping file (`{ split: A, part: lon }`): applied without --accept-suggestions. */
  fromMapping?: boolean;
}

/** The whole mapping of a header onto a schema. */
export interface ColumnMapping {
  /** One entry per schema field, in schema order. */
  fields: FieldMatch[];
  /** Input columns that feed no field. */
  extra: { column: number; label: string }[];
  /** Columns that matched several fields (or fields several columns) equally well: reported, not guessed. */
  ties: { label: string; column: number; fieldNames: string[]; kind?: MatchKind }[];
}

/** A schema candidate when recognising a file's schema from its header. */
export interface SchemaCandidate {
  name: string;
  version: string;
  /** 0..1 */
  score: number;
  matchedFields: number;
  totalFields: number;
  matchedRequired: number;
  totalRequired: number;
  /** Non-blank input columns that feed a field, and all non-blank input columns. */
  matchedColumns?: number;
  totalColumns?: number;
  /** Fields found by their content alone (values typical of the field under an unknown name). */
  contentFields?: number;
  /** Fields found by a similar name only (words reordered or abbreviated, a typo): counted at half weight. */
  similarFields?: number;
  /** Fields matched by name whose content contradicts them. */
  contradictedFields?: number;
  /**
   * With a sample: the share of sampled values valid for this schema's fields, averaged over the fields
   * matched by name whose definition constrains values. Tells apart versions with the same field names.
   */
  contentFit?: number;
  /** The latest version of the schema, when it is not this one. */
  latestVersion?: string;
  /** Other versions of the schema that fit exactly as well (this candidate is the latest of them). */
  equalVersions?: string[];
}

/**
 * A bounded sample of a table's first data rows, read before its columns are matched: content-aware
 * matching and schema recognition weigh these values against each candidate field (issue 11). The
 * engine reads it from the head of the file and replays the same rows to the validation pass.
 */
export interface ColumnSample {
  /** The first data rows as read (header excluded), each the cells of every input column. */
  rows: readonly (readonly string[])[];
}
