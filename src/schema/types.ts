// Types of a Frictionless Table Schema (v1) as odf reads it, with the catalogue's extra keys.

export type FieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'date'
  | 'time'
  | 'datetime'
  | 'year'
  | 'yearmonth'
  | 'duration'
  | 'geopoint'
  | 'geojson'
  | 'any';

export interface Constraints {
  required?: boolean;
  unique?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number | string;
  maximum?: number | string;
  exclusiveMinimum?: number | string;
  exclusiveMaximum?: number | string;
  pattern?: string;
  enum?: unknown[];
}

export interface Field {
  name: string;
  type?: FieldType | string;
  format?: string;
  title?: string;
  description?: string;
  example?: unknown;
  constraints?: Constraints;
  missingValues?: string[];
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  arrayItem?: Partial<Field>;
  [key: string]: unknown;
}

export interface ForeignKey {
  fields: string | string[];
  reference: { resource?: string; fields: string | string[] };
}

export interface CustomCheckSpec {
  name: string;
  params?: Record<string, unknown>;
}

export interface TableSchema {
  fields: Field[];
  primaryKey?: string | string[];
  foreignKeys?: ForeignKey[];
  missingValues?: string[];
  custom_checks?: CustomCheckSpec[];
  name?: string;
  title?: string;
  description?: string;
  version?: string;
  homepage?: string;
  path?: string;
  licenses?: unknown[];
  [key: string]: unknown;
}

/** A schema once loaded: its content plus where it came from. */
export interface LoadedSchema {
  schema: TableSchema;
  /** Catalogue name (`scdl/budget`) when it came from the catalogue. */
  name?: string;
  version?: string;
  /**
   * A catalogue schema named without its version (`scdl/budget`): loaded at the latest, and read at the
   * version each file fits best (issue 11). Absent when the version was given, and for other schemas.
   */
  versionByFit?: boolean;
  /** Where it was read: catalogue URL on schema.data.gouv.fr, local path or the URL given. */
  source: string;
  /** Findings about the schema itself (schema-error, warnings on examples…). */
  findings: import('../findings/types.js').Finding[];
}
