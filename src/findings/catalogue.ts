// The finding catalogue: every finding code odf can emit, with its level, tags, messages and fix hint.
import type { Finding, Level, Loc } from './types.js';
import type { FindingSpec, Lang, MessageParams, NormalizeEffects } from './spec.js';
import { displayValue } from './spec.js';
import { encodingCodes } from './sections/encoding.js';
import { ioCodes } from './sections/io.js';
import { sheetCodes } from './sections/sheet.js';
import { schemaCodes } from './sections/schema.js';
import { structureCodes } from './sections/structure.js';
import { cellCodes } from './sections/cell.js';
import { checkCodes } from './sections/checks.js';
import { fieldPlanCodes } from './sections/field-plan.js';
import { mappingFindingCodes } from './sections/mapping.js';
import { privacyCodes } from './sections/privacy.js';
import { splitCodes } from './sections/split.js';
import { safetyCodes } from './sections/safety.js';

/** Every code, merged from the sections (one per area, so each stays readable). */
const entries = {
  ...encodingCodes,
  ...ioCodes,
  ...sheetCodes,
  ...schemaCodes,
  ...structureCodes,
  ...cellCodes,
  ...checkCodes,
  ...fieldPlanCodes,
  ...mappingFindingCodes,
  ...splitCodes,
  ...privacyCodes,
  ...safetyCodes,
};

/** A finding code: one of the catalogue's keys. */
export type FindingCode = keyof typeof entries;

/** The catalogue, looked up by any text (a report read back, a code from elsewhere). */
export const catalogue: Readonly<Record<string, FindingSpec>> = entries;

/** True when `code` is a finding code of this version of odf. */
export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(entries, code);
}

function paramsOf(f: Finding): MessageParams {
  return {
    ...f.params,
    value: f.value === undefined ? undefined : displayValue(f.value),
    fieldName: f.loc.fieldName,
  };
}

/** The human message of a finding in a language. Unknown codes fall back to the code itself. */
export function messageOf(f: Finding, lang: Lang = 'fr'): string {
  const spec = catalogue[f.code];
  return spec ? spec.message[lang](paramsOf(f)) : f.code;
}

/** The fix hint of a finding, if the catalogue has one for these params. */
export function hintOf(f: Finding, lang: Lang = 'fr'): string | undefined {
  return catalogue[f.code]?.hint?.[lang](paramsOf(f));
}

/** The title of a code, for grouping in reports. */
export function titleOf(code: string, lang: Lang = 'fr'): string {
  return catalogue[code]?.title[lang] ?? code;
}

/** True when `odf normalize`'s output no longer has the problem of this finding (catalogue's fixedByNormalize). */
export function fixedByNormalize(f: Finding, effects: NormalizeEffects): boolean {
  const fix = catalogue[f.code]?.fixedByNormalize;
  return fix === 'always' || (typeof fix === 'function' && fix(f, effects));
}

/** True when normalize fixes every finding of this code, whatever its params. */
export function alwaysFixedByNormalize(code: string): boolean {
  return catalogue[code]?.fixedByNormalize === 'always';
}

/**
 * A finding of `code`, at its catalogue level: the one way odf builds findings, so a level is written
 * once, in the catalogue. `level` is given only where a user's option decides it (`--privacy error`).
 */
export function finding(
  code: FindingCode,
  loc: Loc,
  params: Record<string, unknown> = {},
  extra: { value?: string; fixable?: boolean; level?: Level } = {},
): Finding {
  const f: Finding = { code, level: extra.level ?? entries[code].level, loc, params };
  if (extra.value !== undefined) f.value = extra.value;
  if (extra.fixable !== undefined) f.fixable = extra.fixable;
  return f;
}
