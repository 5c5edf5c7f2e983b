// The registry of Validata custom checks (explicit, sorted by name) and their instantiation from a schema's `custom_checks`.
import type { Finding, FindingCode } from '../findings/types.js';
import type { TableSchema } from '../schema/types.js';
import { cohesiveColumnsCheck } from './cohesive-columns-value.js';
import { compareColumnsCheck } from './compare-columns-value.js';
import { frenchGpsCheck } from './french-gps-coordinates.js';
import { nomenclatureActeCheck } from './nomenclature-acte.js';
import { oneOfRequiredCheck } from './one-of-required.js';
import { openingHoursCheck } from './opening-hours-value.js';
import { validateParams, type ParamsSchema } from './params.js';
import { phoneNumberCheck } from './phone-number-value.js';
import { sirenCheck } from './siren.js';
import { siretCheck } from './siret.js';
import { sumColumnsCheck } from './sum-columns-value.js';
import { CheckParamError, type CheckInstance, type CustomCheck, type ParamProblem } from './types.js';
import { yearIntervalCheck } from './year-interval-value.js';
import { closestName } from '../text/fold.js';
import { finding } from '../findings/catalogue.js';
import { checkParamsKey, knownValidCheckParams } from '../schema/prebuilt-catalogue.js';

/** Every custom check odf knows, sorted by canonical name. */
export const customChecks: readonly CustomCheck[] = [
  cohesiveColumnsCheck,
  compareColumnsCheck,
  frenchGpsCheck,
  nomenclatureActeCheck,
  oneOfRequiredCheck,
  openingHoursCheck,
  phoneNumberCheck,
  sirenCheck,
  siretCheck,
  sumColumnsCheck,
  yearIntervalCheck,
];

/** A check found by name: the check, and the name to use instead when the name given is a deprecated alias. */
export interface FoundCheck {
  check: CustomCheck;
  deprecated?: string;
}

type Lookup = Map<string, FoundCheck>;
const lookups = new WeakMap<readonly CustomCheck[], Lookup>();

function lookupOf(registry: readonly CustomCheck[]): Lookup {
  let lookup = lookups.get(registry);
  if (!lookup) {
    lookup = new Map();
    for (const check of registry) {
      lookup.set(check.name, { check });
      for (const alias of check.aliases ?? []) {
        lookup.set(alias.name, alias.deprecated ? { check, deprecated: check.name } : { check });
      }
    }
    lookups.set(registry, lookup);
  }
  return lookup;
}

/** Finds a check by its name or one of its aliases (exact, case-sensitive, as Validata). */
export function findCheck(
  name: string,
  registry: readonly CustomCheck[] = customChecks,
): FoundCheck | undefined {
  return lookupOf(registry).get(name);
}

/** Every name a check can be declared with (canonical names and aliases), sorted. */
export function checkNames(registry: readonly CustomCheck[] = customChecks): string[] {
  return [...lookupOf(registry).keys()].sort();
}

/** What the validator gives checks: field lookup, which columns the file has, and where findings go. */
export interface CheckEnvironment {
  /** Field index of a schema field name; defaults to its position in `schema.fields`. */
  fieldIndex?(name: string): number | undefined;
  /** True when the input file has a column for this schema field. */
  hasColumn(name: string): boolean;
  /** Receives the checks' findings (cells, rows, and file-level ones such as `one-of-required` with both columns absent). */
  emit(finding: Finding): void;
}

/** The running checks of a schema, and the findings about the declarations themselves. */
export interface InstantiatedChecks {
  /** Checks to feed: call `row?.(checkRow)` for each data row, then `end?.()` once. */
  instances: CheckInstance[];
  /** `check-error` (unknown check, bad params: that check does not run) and `check-deprecated` warnings. */
  findings: Finding[];
  /** Per instance (same order), the fields its creation looked up by name: the fields whose cells it reads. */
  reads?: ReadonlySet<number>[];
}

/**
 * Creates the running checks declared in `schema.custom_checks`. A declaration that cannot run gives a
 * `check-error` finding and the others still run; a deprecated alias runs and gives a `check-deprecated`
 * warning. Findings the checks raise while creating (a file-level one) go to `env.emit`.
 */
export function instantiateChecks(
  schema: TableSchema,
  env: CheckEnvironment,
  registry: readonly CustomCheck[] = customChecks,
): InstantiatedChecks {
  const instances: CheckInstance[] = [];
  const findings: Finding[] = [];
  const reads: Set<number>[] = [];
  const declared: unknown = schema.custom_checks;
  if (declared === undefined) return { instances, findings };
  if (!Array.isArray(declared)) {
    findings.push(checkError({ check: '', position: 0, reason: 'malformed' }));
    return { instances, findings };
  }
  const positions = new Map(schema.fields.map((f, i) => [f.name, i]));
  const fieldIndex = env.fieldIndex?.bind(env) ?? ((name: string) => positions.get(name));
  declared.forEach((spec: unknown, i) => {
    const position = i + 1;
    const name = isRecord(spec) && typeof spec.name === 'string' ? spec.name : undefined;
    if (name === undefined || !isRecord(spec)) {
      findings.push(checkError({ check: '', position, reason: 'malformed' }));
      return;
    }
    const found = findCheck(name, registry);
    if (!found) {
      const suggestion = closestCheck(name, checkNames(registry));
      findings.push(
        checkError({ check: name, position, reason: 'unknown-check', ...(suggestion && { suggestion }) }),
      );
      return;
    }
    const rawParams = spec.params ?? {};
    const problems: ParamProblem[] = isRecord(rawParams)
      ? paramProblems(found.check, name, rawParams, registry)
      : [{ param: 'params', kind: 'type', expected: 'object', value: rawParams }];
    if (problems.length > 0 || !isRecord(rawParams)) {
      findings.push(checkError({ check: name, position, reason: 'params', problems }));
      return;
    }
    if (found.deprecated) {
      findings.push(
        finding('check-deprecated', {}, { check: name, replacement: found.deprecated, position }),
      );
    }
    const read = new Set<number>();
    const lookUp = (field: string): number | undefined => {
      const i = fieldIndex(field);
      if (i !== undefined) read.add(i);
      return i;
    };
    try {
      const instance = found.check.create({
        schema,
        params: rawParams,
        // Every check name and alias is a catalogue code (test/checks/findings.test.ts).
        declaredName: name as FindingCode,
        fieldIndex: lookUp,
        hasColumn: (field) => {
          lookUp(field);
          return env.hasColumn(field);
        },
        emit: (finding) => env.emit(finding),
      });
      if (instance.row || instance.end) {
        instances.push(instance);
        reads.push(read);
      }
    } catch (e) {
      if (!(e instanceof CheckParamError)) throw e;
      findings.push(
        checkError({ check: name, position, reason: 'params', problems: e.problems, detail: e.message }),
      );
    }
  });
  return { instances, findings, reads };
}

/**
 * The problems of a declaration's params. Those of a bundled schema's declaration were checked when odf
 * was built (src/schema/prebuilt-catalogue.ts): found there, they need no JSON Schema validator (ajv
 * takes longer to load than a small file takes to validate).
 */
function paramProblems(
  check: CustomCheck,
  name: string,
  params: Record<string, unknown>,
  registry: readonly CustomCheck[],
): ParamProblem[] {
  if (registry === customChecks && knownValidCheckParams(name, params)) return [];
  return validateParams(check.params as ParamsSchema, params);
}

/**
 * The keys (checkParamsKey) of the declarations whose check is known and whose params pass it: what the
 * prebuilt catalogue records of the bundled schemas' `custom_checks`.
 */
export function validCheckParams(declarations: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const spec of declarations) {
    if (!isRecord(spec) || typeof spec.name !== 'string') continue;
    const found = findCheck(spec.name);
    const params = spec.params ?? {};
    if (!found || !isRecord(params)) continue;
    if (validateParams(found.check.params as ParamsSchema, params).length === 0)
      out.push(checkParamsKey(spec.name, params));
  }
  return out;
}

function checkError(params: Record<string, unknown>): Finding {
  return finding('check-error', {}, params);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The known name nearest to a mistyped one (edit distance at most 3), for a « did you mean » hint. */
function closestCheck(name: string, names: readonly string[]): string | undefined {
  return closestName(name.toLowerCase(), names, 4);
}
