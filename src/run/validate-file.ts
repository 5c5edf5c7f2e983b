// Validate one file: the validation pass over a prepared file, with the personal-data guard and masking.
import type { Finding } from '../findings/types.js';
import type { LoadedSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import {
  createPrivacyScanner,
  maskValue,
  type PrivacyDecision,
  type PrivacyMode,
  type PrivacyScanner,
} from '../privacy/index.js';
import { createFormulaScanner } from '../checks/formula-like-text.js';
import { splitObserver } from './split.js';
import { SheetsChanged } from '../io/workbook.js';
import { runValidation } from '../validate/loop.js';
import type { FileResult, LoopOptions, RowObserver } from '../validate/types.js';
import type { ValidateOptions } from './options.js';

export type { ValidateOptions } from './options.js';
import { prepareFile, type PreparedFile } from './prepare.js';
import { privacyColumns } from './privacy-columns.js';

/** Run the validation pass over a prepared file and gather the result. */
export async function runPrepared(
  prepared: PreparedFile,
  options: ValidateOptions & Pick<LoopOptions, 'evaluator' | 'fixed'> = {},
): Promise<FileResult> {
  const { table, labels, schema, mapping, initial, recognized, rows } = prepared;
  const meta = table.meta;
  const observers = options.observers?.({ labels, schema: schema?.schema, mapping }) ?? [];
  const privacy =
    options.privacy === 'off'
      ? undefined
      : privacyScanner(labels, schema, mapping, options.privacy ?? 'warn');
  if (privacy) observers.push(privacy);
  observers.push(createFormulaScanner(labels));
  // Cells of a split column that cannot be split: reported on their row (split-error).
  if (prepared.split) observers.push(splitObserver(prepared.split));
  const run = await runValidation(labels, rows, schema?.schema, mapping, initial, {
    limitErrors: options.limitErrors,
    keepCode: options.keepCode,
    customChecks: options.customChecks,
    observers,
    onRow: options.onRow,
    evaluator: options.evaluator,
    fixed: options.fixed,
    // Findings met while reading (encoding, format) arrive during iteration, and come first.
    readingFindings: () => meta.findings,
  });
  if (privacy) maskPersonalValues(run.findings, labels, privacy.decisions());
  return { path: meta.path, meta, schema, recognized, mapping, run, privacy: privacy?.decisions() };
}

/**
 * Validate one file (path, '-' for stdin, or bytes). Failures (missing file, not a table, unreadable
 * schema) throw OdfError; every problem in the data is a finding in the result.
 */
export async function validateFile(
  input: string | Uint8Array,
  options: ValidateOptions = {},
): Promise<FileResult> {
  // An ODS is read on its first table before its other tables are known (one inflation of content.xml
  // instead of two); when they change the sheet read, the file is validated again knowing them. Standard
  // input cannot be read twice, and a caller watching rows would see them twice.
  if (input === '-' || options.onRow !== undefined || options.sheet !== undefined)
    return runPrepared(await prepareFile(input, options), options);
  try {
    return await runPrepared(await prepareFile(input, { ...options, speculativeSheets: true }), options);
  } catch (e) {
    if (!(e instanceof SheetsChanged)) throw e;
    return runPrepared(await prepareFile(input, options), options);
  }
}

/** The personal-data guard over the input columns, each with the schema field it feeds (if any). */
function privacyScanner(
  labels: readonly string[],
  schema: LoadedSchema | undefined,
  mapping: ColumnMapping | undefined,
  mode: PrivacyMode,
): PrivacyScanner & RowObserver {
  return createPrivacyScanner(privacyColumns(labels, schema, mapping), { mode, schemaName: schema?.name });
}

/**
 * The report must never leak what the guard warns about: in a column judged personal, every finding's
 * value is masked, and params that repeat it are dropped.
 */
export function maskPersonalValues(
  findings: Finding[],
  labels: readonly string[],
  decisions: readonly PrivacyDecision[],
): void {
  const personal = decisions.filter((d) => d.reason === undefined);
  if (personal.length === 0) return;
  const kindOf = new Map<string, PrivacyDecision['kind']>();
  for (const d of personal) if (labels[d.column] !== undefined) kindOf.set(labels[d.column]!, d.kind);
  for (const f of findings) {
    if (f.value === undefined || f.code === 'personal-data-suspected') continue;
    const kind = kindOf.get(f.loc.column ?? f.loc.fieldName ?? '');
    if (!kind) continue;
    const raw = f.value;
    f.value = maskValue(kind, raw);
    for (const [k, v] of Object.entries(f.params)) {
      if (typeof v === 'string' && raw !== '' && (v.includes(raw) || raw.includes(v))) delete f.params[k];
    }
  }
}
