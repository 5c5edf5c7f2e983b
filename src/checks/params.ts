// Checks a custom check's params against the small JSON Schema subset the checks declare (no ajv needed).
import type { ParamProblem } from './types.js';

/**
 * The JSON Schema subset understood here, which is all the check param schemas use:
 * `required`, `anyOf: [{ required: [...] }, …]` (one of several spellings), and per property
 * `type` (`string`, `boolean`, `array` of `items: { type: 'string' }`), `enum`, `minLength`/`minItems`.
 * Unknown params are ignored, as Validata does.
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

/** Every problem of `params` against `schema`, in property order; empty when the params are fine. */
export function validateParams(schema: ParamsSchema, params: Record<string, unknown>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const name of schema.required ?? []) {
    if (params[name] === undefined) problems.push({ param: name, kind: 'required' });
  }
  if (schema.anyOf && !schema.anyOf.some((alt) => alt.required.every((n) => params[n] !== undefined))) {
    const alternatives = schema.anyOf.map((alt) => alt.required.join(' + '));
    problems.push({ param: alternatives[0] ?? '', kind: 'one-of', alternatives });
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const value = params[name];
    if (value === undefined) continue;
    const problem = checkProperty(name, prop, value);
    if (problem) problems.push(problem);
  }
  return problems;
}

function checkProperty(param: string, prop: PropertySchema, value: unknown): ParamProblem | undefined {
  if (prop.enum) {
    return prop.enum.includes(value) ? undefined : { param, kind: 'enum', allowed: [...prop.enum], value };
  }
  switch (prop.type) {
    case 'string':
      if (typeof value !== 'string') return { param, kind: 'type', expected: 'string', value };
      if (value.length < (prop.minLength ?? 0)) return { param, kind: 'empty', value };
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { param, kind: 'type', expected: 'boolean', value };
    case 'array':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        return { param, kind: 'type', expected: 'string[]', value };
      }
      if (value.length < (prop.minItems ?? 0)) return { param, kind: 'empty', value };
      return undefined;
    default:
      return undefined;
  }
}
