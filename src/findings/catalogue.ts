// The finding catalogue: every finding code odf can emit, with its level, tags, messages and fix hint.
import type { Finding } from './types.js';
import type { FindingSpec, Lang, MessageParams } from './spec.js';
import { displayValue } from './spec.js';
import { encodingFindings } from './sections/encoding.js';
import { ioFindings } from './sections/io.js';
import { sheetFindings } from './sections/sheet.js';
import { schemaFindings } from './sections/schema.js';
import { structureFindings } from './sections/structure.js';
import { cellFindings } from './sections/cell.js';
import { checkFindings } from './sections/checks.js';
import { fieldPlanFindings } from './sections/field-plan.js';
import { mappingFindingSpecs } from './sections/mapping.js';
import { privacyFindings } from './sections/privacy.js';
import { safetyFindings } from './sections/safety.js';

/** Every code, merged from the sections (one per area, so each stays readable). */
export const catalogue: Readonly<Record<string, FindingSpec>> = {
  ...encodingFindings,
  ...ioFindings,
  ...sheetFindings,
  ...schemaFindings,
  ...structureFindings,
  ...cellFindings,
  ...checkFindings,
  ...fieldPlanFindings,
  ...mappingFindingSpecs,
  ...privacyFindings,
  ...safetyFindings,
};

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
