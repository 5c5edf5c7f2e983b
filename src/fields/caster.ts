// The per-type caster contract shared by the field type modules and the plan compiler.
import type { CellResult } from './types.js';
import type { Field } from '../schema/types.js';

/** A successful cast: the typed value and the canonical text `normalize` writes. */
export type OkResult = Extract<CellResult, { kind: 'ok' }>;

/** Something wrong or doubtful in a field definition, found while compiling its plan (never thrown). */
export interface FieldPlanWarning {
  /**
   * - `unknown-type`: the type is not a Table Schema v1 type (the field is read as `any`);
   * - `unknown-format`: the format is unknown for the type (read as `default`);
   * - `unsupported-constraint`: Frictionless ignores this constraint for this type, so does odf;
   * - `bad-constraint`: the constraint value cannot be read in the field's type (ignored);
   * - `bad-pattern`: the pattern is not a regular expression odf can run (ignored);
   * - `misplaced-constraint`: a constraint written beside `constraints` (ignored, as Frictionless does).
   */
  code:
    | 'unknown-type'
    | 'unknown-format'
    | 'unsupported-constraint'
    | 'bad-constraint'
    | 'bad-pattern'
    | 'misplaced-constraint';
  params: Record<string, unknown>;
}

/** How one Table Schema type reads cell text, compiled once per field. */
export interface Caster {
  /** The format in effect ('default' when absent or unknown). */
  format: string;
  /** Strict reading of a non-missing cell, as Frictionless does; undefined when the text is not of the type. */
  cast(text: string): OkResult | undefined;
  /**
   * Reads a constraint value written as JSON (a number for `minimum`, `true` in an `enum`…).
   * Strings are always read with `cast`. Undefined when the JSON value cannot be of the type.
   */
  fromJson?(json: unknown): unknown;
  /**
   * Reads a constraint value written as text when `cast` refuses it (a date bound written in ISO form
   * for a `%d/%m/%Y` field). Undefined when it cannot be read either.
   */
  castConstraint?(text: string): unknown;
  /** Equality key of a value, for `enum` (identity when absent). */
  key?(value: unknown): unknown;
  /** Ordering key of a value, for minimum/maximum (the value itself when absent). */
  order?(value: unknown): number | string | bigint;
  /**
   * Lenient readings of a text that failed, each written as this field would accept it (`3,5` → `3.5`,
   * `15/09/2020` → `2020-09-15`). Called only after a failure; every candidate is checked strictly again.
   */
  candidates?(text: string): string[];
  /** Extra params for `type-error` findings (e.g. trueValues for booleans). */
  typeParams?: Record<string, unknown>;
  /** Problems found in the field definition while compiling. */
  warnings: FieldPlanWarning[];
}

/** A function compiling a caster for one field. */
export type CasterCompiler = (field: Field) => Caster;

/** Builds an ok result. */
export function ok(value: unknown, canonical: string): OkResult {
  return { kind: 'ok', value, canonical };
}

/** The format of a field after defaults, with the deprecated Table Schema `fmt:` prefix removed. */
export function formatOf(field: Field): string {
  const f = field.format;
  if (typeof f !== 'string' || f === '') return 'default';
  return f.startsWith('fmt:') ? f.slice(4) : f;
}

/** Whitespace odf trims in repairs: ASCII spaces and tabs, NBSP (U+00A0), narrow NBSP (U+202F) and the like. */
export const SPACE_CHARS = ' \t\r\n\u00a0\u202f\u2007\u2009\u3000\ufeff';

/** `text` without surrounding spaces (SPACE_CHARS); the same string when there is nothing to trim. */
export function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && SPACE_CHARS.includes(text[start])) start++;
  while (end > start && SPACE_CHARS.includes(text[end - 1])) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
