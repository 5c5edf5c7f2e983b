// Checks a schema against the Table Schema v1 profile (ajv lives only here) and what ajv cannot see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type addFormatsModule from 'ajv-formats';
import type { Finding } from '../findings/types.js';
import { compilePattern as compileFieldPattern, type CompiledPattern } from '../text/pattern.js';
import { schemasDir } from './catalogue.js';
import type { Field } from './types.js';
import { finding } from '../findings/catalogue.js';

/** The field types of Table Schema v1. */
export const FIELD_TYPES: readonly string[] = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'date',
  'time',
  'datetime',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
];

interface Validators {
  /** The profile without per-field rules (fields are checked one by one, against the branch of their type). */
  top: ValidateFunction;
  /** The validator of a field of a type, compiled when a schema first uses the type; undefined for no type. */
  byType(type: string): ValidateFunction | undefined;
}

let validators: Validators | undefined;

/**
 * A new ajv instance with the standard formats. ajv and ajv-formats are CommonJS and take about 0.2 s
 * to load: they are required here, on first use, not when odf starts.
 */
function newAjv(options: ConstructorParameters<typeof Ajv>[0]): Ajv {
  const require = createRequire(import.meta.url);
  const { Ajv: AjvClass } = require('ajv') as { Ajv: typeof Ajv };
  const addFormats = require('ajv-formats') as typeof addFormatsModule.default;
  const ajv = new AjvClass(options);
  addFormats(ajv);
  return ajv;
}

/**
 * Compile the profile once per process (each field type's branch when a schema first uses it): loading
 * the 160 bundled schemas then costs one compile.
 */
function getValidators(): Validators {
  if (validators) return validators;
  const profile = JSON.parse(
    readFileSync(path.join(schemasDir(), 'profiles', '1.0', 'tableschema.json'), 'utf8'),
  ) as { properties: { fields: { items: { oneOf: Record<string, unknown>[] } } } } & Record<string, unknown>;
  const ajv = newAjv({ strict: false, allErrors: true, validateSchema: false });
  const branches = new Map<string, Record<string, unknown>>();
  for (const branch of profile.properties.fields.items.oneOf) {
    const props = { ...(branch.properties as Record<string, { enum?: string[] }>) };
    const type = props.type?.enum?.[0];
    if (!type) continue;
    // A non-string example is common in the catalogue and accepted by the national portal: a warning, below.
    delete props.example;
    branches.set(type, { ...branch, properties: props });
  }
  const compiled = new Map<string, ValidateFunction>();
  const byType = (type: string): ValidateFunction | undefined => {
    const branch = branches.get(type);
    if (!branch) return undefined;
    let validate = compiled.get(type);
    if (!validate) compiled.set(type, (validate = ajv.compile(branch)));
    return validate;
  };
  // The profile only says `required: ['fields']`, which a non-object passes.
  const top = ajv.compile({
    ...profile,
    type: 'object',
    properties: { ...profile.properties, fields: { type: 'array', minItems: 1, items: { type: 'object' } } },
  });
  validators = { top, byType };
  return validators;
}

/** Result of reading a Table Schema `pattern` (XML Schema / Python flavoured) as odf runs it. */
export type PatternResult =
  | {
      ok: true;
      /** Anchored on both ends: a value matches when the whole of it matches (XML Schema semantics). */
      regex: CompiledPattern;
      /** What had to be rewritten from Python syntax (`(?i)`, `(?P<name>…)`, `\A`, `\Z` …), empty when nothing. */
      changes: string[];
    }
  | { ok: false; reason: string };

/** Python-only forms odf rewrites, and how it says so. */
const PYTHON_FORMS: [RegExp, string][] = [
  [/^\(\?[imsu]+\)/, 'inline flags → RegExp flags'],
  [/\(\?P</, '(?P<name>…) → (?<name>…)'],
  [/\(\?P=/, '(?P=name) → \\k<name>'],
  [/\\A/, '\\A → ^'],
  [/\\Z/, '\\Z → $'],
  [/\(\?#/, '(?#…) comment dropped'],
  [/\[\^?\]/, 'leading ] in a class escaped'],
];

/**
 * Read a `constraints.pattern` as odf evaluates it (src/text/pattern.ts, the one reading of patterns,
 * anchored on both ends), and list the Python-only forms it had to rewrite. Forms JavaScript lacks
 * (possessive quantifiers, atomic groups, `(?x)`, inline flags elsewhere) fail with a reason.
 */
export function compilePattern(pattern: string): PatternResult {
  const regex = compileFieldPattern(pattern);
  if (typeof regex === 'string') return { ok: false, reason: regex };
  const changes = PYTHON_FORMS.filter(([re]) => re.test(pattern)).map(([, what]) => what);
  return { ok: true, regex, changes };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldLoc(fields: unknown[], i: number): Finding['loc'] {
  const f = fields[i];
  const name = isObject(f) && typeof f.name === 'string' ? f.name : undefined;
  return name === undefined ? { fieldNumber: i + 1 } : { fieldName: name, fieldNumber: i + 1 };
}

/** Turn ajv errors into findings; a failed oneOf keeps only its own error, not one per branch tried. */
function ajvFindings(errors: ErrorObject[], prefix: string, loc: Finding['loc']): Finding[] {
  const unions = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => e.schemaPath);
  const kept = errors.filter(
    (e) =>
      !unions.some(
        (u) => e.schemaPath !== u && e.schemaPath.startsWith(u.replace(/\/(oneOf|anyOf)$/, '/$1/')),
      ),
  );
  return kept.map((e) => {
    const params: Record<string, unknown> = {
      path: prefix + e.instancePath,
      keyword: e.keyword,
      message: e.message ?? e.keyword,
    };
    if (e.keyword === 'enum') params.allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
    if (e.keyword === 'type') params.expected = (e.params as { type: string }).type;
    if (e.keyword === 'required') params.property = (e.params as { missingProperty: string }).missingProperty;
    if (e.keyword === 'format') params.format = (e.params as { format: string }).format;
    return finding('schema-error', loc, params);
  });
}

const TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
const FALSE_VALUES = ['false', 'False', 'FALSE', '0'];

/** Why a string example does not fit its own field, or undefined. Only cheap, unambiguous checks. */
function exampleMismatch(
  example: string,
  field: Field,
  pattern: CompiledPattern | undefined,
): string | undefined {
  const c = field.constraints ?? {};
  const type = field.type ?? 'string';
  // Array and object cells are JSON text: their enum and pattern apply to the parsed value, not checked here.
  if (type === 'array' || type === 'object' || type === 'geojson') return undefined;
  if (Array.isArray(c.enum) && c.enum.length > 0 && !c.enum.map(String).includes(example)) return 'enum';
  if (pattern && pattern.test(example) === false) return 'pattern';
  if (type === 'integer' && field.bareNumber !== false && !/^[+-]?\d+$/.test(example)) return 'type';
  if (type === 'number' && field.bareNumber !== false && !field.groupChar) {
    const dec = field.decimalChar ?? '.';
    const num = new RegExp(`^[+-]?(\\d+(\\${dec}\\d*)?|\\${dec}\\d+)([eE][+-]?\\d+)?$|^([+-]?INF|NaN)$`);
    if (!num.test(example)) return 'type';
  }
  if (type === 'boolean') {
    const values = [...(field.trueValues ?? TRUE_VALUES), ...(field.falseValues ?? FALSE_VALUES)];
    if (!values.includes(example)) return 'type';
  }
  if (type === 'date' && (field.format === undefined || field.format === 'default')) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(example)) return 'type';
  }
  if (type === 'year' && !/^-?\d{4}$/.test(example)) return 'type';
  return undefined;
}

/** Check the fields one by one: profile branch of their type, example, pattern, duplicates. */
function checkFields(fields: unknown[], v: Validators, out: Finding[]): Set<string> {
  const names = new Map<string, number>();
  fields.forEach((raw, i) => {
    if (!isObject(raw)) return; // reported by the top-level validator
    const field = raw as Field;
    const base = `/fields/${i}`;
    const loc = fieldLoc(fields, i);
    const type = field.type === undefined ? 'string' : field.type;
    const validate = typeof type === 'string' ? v.byType(type) : undefined;
    if (!validate) {
      const suggestion =
        typeof type === 'string' ? FIELD_TYPES.find((t) => t === type.toLowerCase().trim()) : undefined;
      out.push(
        finding('schema-field-type-unknown', loc, {
          path: `${base}/type`,
          type: String(type),
          ...(suggestion ? { suggestion } : {}),
        }),
      );
    } else if (!validate(field)) {
      for (const f of ajvFindings(validate.errors ?? [], base, loc)) out.push(f);
    }
    if (typeof field.name === 'string') {
      const first = names.get(field.name);
      if (first !== undefined) {
        out.push(
          finding('schema-field-duplicate', loc, {
            path: `${base}/name`,
            firstFieldNumber: first + 1,
            fieldNumber: i + 1,
          }),
        );
      } else {
        names.set(field.name, i);
      }
    }
    let regex: CompiledPattern | undefined;
    const pattern = isObject(field.constraints) ? field.constraints.pattern : undefined;
    if (typeof pattern === 'string') {
      const r = compilePattern(pattern);
      if (r.ok) {
        regex = r.regex;
        if (r.regex.engine === 'budgeted') {
          out.push(
            finding('schema-pattern-budgeted', loc, {
              path: `${base}/constraints/pattern`,
              pattern,
              feature: /\\[1-9]|\\k<|\(\?P=/.test(pattern) ? 'backreference' : 'lookahead',
            }),
          );
        }
        if (r.changes.length > 0) {
          out.push(
            finding('schema-pattern-translated', loc, {
              path: `${base}/constraints/pattern`,
              pattern,
              changes: r.changes,
            }),
          );
        }
      } else {
        out.push(
          finding('schema-pattern-invalid', loc, {
            path: `${base}/constraints/pattern`,
            pattern,
            reason: r.reason,
          }),
        );
      }
    }
    if ('example' in field && field.example !== undefined && field.example !== null) {
      const ex = field.example;
      const path = `${base}/example`;
      if (typeof ex !== 'string') {
        out.push(
          finding('schema-example-invalid', loc, {
            path,
            reason: 'not-a-string',
            example: ex,
            jsonType: Array.isArray(ex) ? 'array' : typeof ex,
          }),
        );
      } else if (validate) {
        const reason = exampleMismatch(ex, field, regex);
        if (reason) {
          out.push(finding('schema-example-invalid', loc, { path, reason, example: ex }));
        }
      }
    }
  });
  return new Set(names.keys());
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** primaryKey and foreignKeys must name fields of this schema (and of the reference, for a self-reference). */
function checkKeys(schema: Record<string, unknown>, names: Set<string>, out: Finding[]): void {
  const unknown = (path: string, key: string, name: unknown): void => {
    out.push(finding('schema-key-unknown-field', {}, { path, key, name: String(name) }));
  };
  const pk = schema.primaryKey;
  asList(pk).forEach((n, i) => {
    if (typeof n === 'string' && !names.has(n))
      unknown(Array.isArray(pk) ? `/primaryKey/${i}` : '/primaryKey', 'primaryKey', n);
  });
  asList(schema.foreignKeys).forEach((fk, k) => {
    if (!isObject(fk)) return;
    const fields = fk.fields;
    asList(fields).forEach((n, i) => {
      if (typeof n === 'string' && !names.has(n)) {
        unknown(
          Array.isArray(fields) ? `/foreignKeys/${k}/fields/${i}` : `/foreignKeys/${k}/fields`,
          'foreignKeys',
          n,
        );
      }
    });
    const ref = fk.reference;
    if (isObject(ref) && ref.resource === '') {
      asList(ref.fields).forEach((n, i) => {
        if (typeof n === 'string' && !names.has(n)) {
          const p = Array.isArray(ref.fields)
            ? `/foreignKeys/${k}/reference/fields/${i}`
            : `/foreignKeys/${k}/reference/fields`;
          unknown(p, 'foreignKeys', n);
        }
      });
    }
  });
}

/** Any value passes (the bundled catalogue passes the profile: see below). */
const passes = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;

/**
 * The profile's verdict on the bundled catalogue, known in advance: every bundled schema passes it
 * (test/schema/check-schema.test.ts checks each one with ajv), so loading one needs neither ajv nor
 * a compile of the profile. The other checks (examples, patterns, duplicates, keys) still run.
 */
const PROFILE_PASSED: Validators = {
  top: passes,
  byType: (type) => (FIELD_TYPES.includes(type) ? passes : undefined),
};

/**
 * Check a parsed schema: the Table Schema v1 profile (with the catalogue's habits tolerated: a string
 * `primaryKey`, extra keys, a non-string `example` as a warning), then duplicate field names, keys naming
 * unknown fields, unknown field types and patterns JavaScript cannot run. Never throws; returns findings
 * (`schema-error`, `schema-field-*`, `schema-key-unknown-field`, `schema-pattern-*`, `schema-example-invalid`).
 * `bundled`: a schema of the bundled catalogue, whose profile verdict is known (it passes).
 */
export function checkSchema(schema: unknown, options: { bundled?: boolean } = {}): Finding[] {
  const v = options.bundled ? PROFILE_PASSED : getValidators();
  const out: Finding[] = [];
  if (!v.top(schema)) for (const f of ajvFindings(v.top.errors ?? [], '', {})) out.push(f);
  if (!isObject(schema) || !Array.isArray(schema.fields)) return out;
  const names = checkFields(schema.fields, v, out);
  checkKeys(schema, names, out);
  return out;
}

/** One way data fails a JSON Schema: where (JSON pointer into the data), the keyword, ajv's message and params. */
export interface SchemaViolation {
  /** JSON pointer of the value at fault (`/rules/0/files`). */
  path: string;
  /** JSON pointer of the schema keyword that failed (`#/anyOf/0/required`). */
  schemaPath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

let generalAjv: Ajv | undefined;
const compiledSchemas = new WeakMap<object, ValidateFunction>();

/**
 * Validate any data against a JSON Schema (draft-07) with ajv: the one place outside the Table Schema
 * profile that needs it (odf.config.yaml, the JSON report). Each schema object is compiled once.
 */
export function validateAgainst(jsonSchema: object, data: unknown): SchemaViolation[] {
  let validate = compiledSchemas.get(jsonSchema);
  if (!validate) {
    // odf's own schemas are code, not input: they are not checked against the meta-schema (it costs a compile).
    generalAjv ??= newAjv({ strict: false, allErrors: true, validateSchema: false });
    validate = generalAjv.compile(jsonSchema);
    compiledSchemas.set(jsonSchema, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    message: e.message ?? e.keyword,
    params: e.params as Record<string, unknown>,
  }));
}
