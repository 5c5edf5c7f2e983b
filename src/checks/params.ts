// Checks a custom check's params against the JSON Schema the check declares (ajv, as every odf document).
import { validateAgainst, type SchemaViolation } from '../schema/check-schema.js';
import type { ParamProblem } from './types.js';

/**
 * The JSON Schema of a check's params, as the checks write it: `required`, `anyOf: [{ required: [...] }, …]`
 * (one of several spellings), and per property `type`, `enum`, `items`, `minLength`/`minItems`. Unknown
 * params are ignored, as Validata does.
 */
export type ParamsSchema = {
  type?: 'object';
  required?: string[];
  anyOf?: { required: string[] }[];
  properties?: Record<string, PropertySchema>;
};

/** One property of a {@link ParamsSchema}. */
export type PropertySchema = {
  type?: 'string' | 'boolean' | 'array';
  enum?: readonly unknown[];
  items?: { type: 'string' };
  minLength?: number;
  minItems?: number;
  description?: string;
};

/** The problem one violation stands for, in the words of the check-error finding. */
function problemOf(
  schema: ParamsSchema,
  v: SchemaViolation,
  params: Record<string, unknown>,
): ParamProblem | undefined {
  const [param] = v.path.split('/').slice(1);
  // Each branch of the one-of rule reports its own missing param: the rule speaks for them.
  if (v.schemaPath.startsWith('#/anyOf/')) return undefined;
  if (param === undefined) {
    if (v.keyword === 'required') return { param: String(v.params.missingProperty), kind: 'required' };
    if (v.keyword !== 'anyOf') return undefined;
    const alternatives = (schema.anyOf ?? []).map((alt) => alt.required.join(' + '));
    return { param: alternatives[0] ?? '', kind: 'one-of', alternatives };
  }
  const prop = schema.properties?.[param];
  const value = params[param];
  if (!prop) return undefined;
  if (prop.enum) return { param, kind: 'enum', allowed: [...prop.enum], value };
  if (v.keyword === 'minLength' || v.keyword === 'minItems') return { param, kind: 'empty', value };
  const expected = prop.type === 'array' ? `${prop.items?.type ?? 'string'}[]` : String(prop.type);
  return { param, kind: 'type', expected, value };
}

/** Where a problem stands in the list: required params, then the one-of rule, then properties in order. */
function orderOf(schema: ParamsSchema, p: ParamProblem): number {
  const required = schema.required ?? [];
  if (p.kind === 'required') return required.indexOf(p.param);
  if (p.kind === 'one-of') return required.length;
  return required.length + 1 + Object.keys(schema.properties ?? {}).indexOf(p.param);
}

/** Every problem of `params` against `schema` (one per param), in order; empty when the params are fine. */
export function validateParams(schema: ParamsSchema, params: Record<string, unknown>): ParamProblem[] {
  const seen = new Set<string>();
  const problems: ParamProblem[] = [];
  for (const v of validateAgainst(schema, params)) {
    const p = problemOf(schema, v, params);
    if (!p || seen.has(`${p.kind === 'required' ? 'required:' : ''}${p.param}`)) continue;
    seen.add(`${p.kind === 'required' ? 'required:' : ''}${p.param}`);
    problems.push(p);
  }
  return problems.sort((a, b) => orderOf(schema, a) - orderOf(schema, b));
}
