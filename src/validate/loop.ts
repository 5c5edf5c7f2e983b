// The validation loop: start → rows → end over one opened table; it reads, casts and dispatches to the checks.
import type { Finding } from '../findings/types.js';
import type { RawRow, RowIterator } from '../io/types.js';
import type { TableSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import type { CellResult } from '../fields/types.js';
import type { CastObserver, CheckInstance, RowObserver, TableCheck, TableRow } from '../checks/types.js';
import { MISSING, compileFieldPlan, nonEmptyAt, type CompiledFieldPlan } from '../fields/compile.js';
import { plainDecimalAt } from '../text/decimal.js';
import { unambiguousDecimalAt } from '../text/unambiguous-decimal.js';
import { instantiateChecks } from '../checks/index.js';
import { createStructureCheck } from '../checks/structure.js';
import { createUniqueCheck, type KeyField } from '../checks/unique.js';
import { createForeignKeyChecks, createPrimaryKeyCheck } from '../checks/keys.js';
import { createNumberSpacesCheck } from '../checks/number-spaces.js';
import { codeValidators } from '../checks/code-validators.js';
import { FindingSink } from './sink.js';
import { RowView } from './row-view.js';
import type { CellEvaluator, LoopOptions, LoopResult } from './types.js';
import { finding } from '../findings/catalogue.js';
import { digitsWithin, type InPlaceTest } from '../text/digit-tests.js';

const planCache = new WeakMap<TableSchema, CompiledFieldPlan[]>();

/**
 * The compiled plan of a schema's field, compiled once per schema object and thread: the files of a
 * batch share their schema object, so they share its plans (plans hold no per-file state).
 */
export function fieldPlan(schema: TableSchema, fieldIndex: number): CompiledFieldPlan {
  let plans = planCache.get(schema);
  if (!plans) planCache.set(schema, (plans = []));
  return (plans[fieldIndex] ??= compileFieldPlan(schema.fields[fieldIndex]!, {
    missingValues: schema.missingValues,
  }));
}

/**
 * A schema field fed by the input: its plan, where its cells come from and how they are evaluated. Every
 * property is set when the slot is made (undefined or false when it does not apply): slots made with
 * different properties would have different hidden classes, and castCells, which reads them for every
 * cell, would then read them through the slower polymorphic lookups.
 */
interface FieldSlot {
  plan: CompiledFieldPlan;
  /**
   * The plan's evaluate and in-place test, read per cell from the slot: plans come in several shapes
   * (with or without acceptsAt, a fast evaluate), and reading them through `plan` on every cell is a
   * megamorphic load (the observed path of the column profile reads both on every cell).
   */
  evaluate: CompiledFieldPlan['evaluate'];
  acceptsAt: CompiledFieldPlan['acceptsAt'];
  fieldIndex: number;
  /** Input column feeding the field, or -1 for a constant. */
  column: number;
  constant: string | undefined;
  label: string;
  /** Evaluation with repairs (normalize), else the plan's own. */
  evaluator: CellEvaluator | undefined;
  /** Checks that see this field's cells as soon as they are cast (`unique`). */
  cellChecks: TableCheck[] | undefined;
  /** The identifier check (SIRET, SIREN…) of the field's custom checks: a repair it refuses is none. */
  validCode: ((text: string) => boolean) | undefined;
  /** True when the column's cells are cast through the cast observer (the column profile). */
  observed: boolean;
  /**
   * The plan's in-place test, for a field whose text, value and result nobody reads when valid (no
   * check, writer or observer asks for them): its valid cells are never made strings.
   */
  quietAt: InPlaceTest | undefined;
  /** The cell checks that see a quiet field's valid cells in place (TableCheck.cellAt). */
  checksAt: TableCheck[] | undefined;
  /**
   * True for a field whose text, value and result nobody reads when valid (no check, writer or other
   * observer): an observed field (the column profile) casts it in place (see CastObserver.cast).
   */
  unread: boolean;
  /**
   * For an observed field whose checks test its cells in place (the quietAt of a field the observer
   * casts): the observer's cast takes it as its in-place test, so a cell it accepts is valid for the
   * plan and those checks alike and goes to checksAt; any other cell is read as text.
   */
  observedAt: InPlaceTest | undefined;
  /**
   * True when the field's plan has an in-place test (CompiledFieldPlan.acceptsAt) and quietAt is set,
   * from that test or from its evaluator's (which evaluates '' as the plan does, CellEvaluator.acceptsAt):
   * acceptsAt exists only on plans whose one missing value is '', so an empty cell's result is MISSING
   * without evaluating it.
   */
  emptyMissing: boolean;
}

/**
 * The result of a valid cell of a quiet field (FieldSlot.quietAt), whose text was not made: a marker
 * for the counts, with no value (nobody reads it; see TableRow). A writer finds such a cell's text,
 * its canonical text, in the row's view (RowOutcome.view).
 */
export const ACCEPTED: CellResult = Object.freeze({ kind: 'ok', value: undefined, canonical: '' });

/** Where a cell finding is: its row, physical line, field and the input column feeding it. */
function cellLoc(slot: FieldSlot, rowNumber: number, line: number): Finding['loc'] {
  return {
    rowNumber,
    line,
    fieldName: slot.plan.field.name,
    fieldNumber: slot.fieldIndex + 1,
    column: slot.label,
  };
}

/** The finding of a cell that failed its field (type, constraint, or a required cell missing). */
function cellFinding(slot: FieldSlot, r: CellResult, text: string, rowNumber: number, line: number): Finding {
  const loc = cellLoc(slot, rowNumber, line);
  if (r.kind === 'missing')
    return finding('constraint-error', loc, { constraint: 'required' }, { value: text });
  const e = r as Extract<CellResult, { kind: 'error' }>;
  const field = slot.plan.field;
  const params: Record<string, unknown> = { ...e.params };
  // A repair an identifier check of the field refuses (a 13-digit SIRET padded with a zero whose key
  // is wrong) is no repair: no hint may propose it, and normalize does not write it.
  const repaired =
    e.repaired !== undefined && slot.validCode?.(e.repaired) !== false ? e.repaired : undefined;
  if (repaired !== undefined) params.repaired = repaired;
  if (field.description) params.description = field.description;
  if (field.example !== undefined) params.example = field.example;
  return finding(e.code, loc, params, { value: text, fixable: repaired !== undefined });
}

/** The fields the mapping feeds (by a column or a constant); plan warnings become schema findings. */
function fieldSlots(
  schema: TableSchema,
  mapping: ColumnMapping,
  sink: FindingSink,
  options: LoopOptions,
): FieldSlot[] {
  const slots: FieldSlot[] = [];
  const codeCheck = codeValidators(options.customChecks === false ? undefined : schema);
  for (const m of mapping.fields) {
    const field = schema.fields[m.fieldIndex]!;
    const plan = fieldPlan(schema, m.fieldIndex);
    for (const w of plan.warnings) {
      // Unknown types and bad patterns are already schema findings (check-schema); the rest is said here.
      if (w.code === 'unknown-type' || w.code === 'bad-pattern') continue;
      sink.add(
        finding(
          'schema-field-ignored',
          { fieldName: field.name, fieldNumber: m.fieldIndex + 1 },
          { kind: w.code, type: plan.type, ...w.params },
        ),
      );
    }
    const column = m.column ?? -1;
    if (column < 0 && m.constant === undefined) continue;
    slots.push({
      plan,
      evaluate: plan.evaluate,
      acceptsAt: plan.acceptsAt,
      fieldIndex: m.fieldIndex,
      column,
      constant: m.constant,
      label: m.label ?? field.name,
      evaluator: options.evaluator?.(m.fieldIndex, plan.evaluate, plan.acceptsAt) ?? undefined,
      cellChecks: undefined,
      validCode: codeCheck.get(field.name) ?? undefined,
      observed: false,
      quietAt: undefined,
      checksAt: undefined,
      unread: false,
      observedAt: undefined,
      emptyMissing: false,
    });
  }
  return slots;
}

/**
 * The schema's custom checks (a declaration that cannot run is a check-error finding). Every field a
 * check looks up is one whose cells it reads (checks resolve their columns when created): it goes to
 * `read`, unless the check tests its cells in place (CheckInstance.validAt), whose test goes to `quiet`.
 */
function customChecks(
  schema: TableSchema,
  slots: readonly FieldSlot[],
  sink: FindingSink,
  read: Set<number>,
  quiet: Map<number, InPlaceTest[]>,
): CheckInstance[] {
  const fieldIndexOf = (name: string): number | undefined => {
    const i = schema.fields.findIndex((f) => f.name === name);
    return i < 0 ? undefined : i;
  };
  const created = instantiateChecks(schema, {
    fieldIndex: fieldIndexOf,
    hasColumn: (name: string) => {
      const i = fieldIndexOf(name);
      return i !== undefined && slots.some((s) => s.fieldIndex === i && s.column >= 0);
    },
    emit: (f: Finding) => sink.add(f),
  });
  for (const f of created.findings) sink.add(f);
  created.instances.forEach((c, k) => {
    const fields = created.reads?.[k] ?? schema.fields.map((_, i) => i);
    for (const f of fields) {
      const at = c.validAt?.(f);
      if (at === undefined) read.add(f);
      else quiet.set(f, [...(quiet.get(f) ?? []), at]);
    }
  });
  return created.instances;
}

/**
 * The table checks of a schema: `unique` fields, the primary key, same-table foreign keys, and the
 * numbers written with surrounding spaces.
 */
function keyChecks(
  schema: TableSchema,
  slots: readonly FieldSlot[],
  sink: FindingSink,
  read: Set<number>,
): TableCheck[] {
  const emit = (f: Finding): void => sink.add(f);
  const fedField = (name: string): number | undefined => {
    const i = slots.find((s) => s.plan.field.name === name)?.fieldIndex;
    if (i !== undefined) read.add(i);
    return i;
  };
  const out: TableCheck[] = [];
  const unique: KeyField[] = slots
    .filter((s) => s.plan.unique)
    .map((s) => ({
      fieldIndex: s.fieldIndex,
      fieldName: s.plan.field.name,
      label: s.label,
      // A string's value is its text; a date of the default format accepted in place is its own text.
      textKey: s.plan.type === 'string' || (s.plan.type === 'date' && s.plan.format === 'default'),
    }));
  if (unique.length > 0) out.push(createUniqueCheck(unique, emit));
  const pk = createPrimaryKeyCheck(schema, fedField, emit);
  if (pk) out.push(pk);
  out.push(...createForeignKeyChecks(schema, fedField, emit));
  const numeric: KeyField[] = slots
    .filter((s) => s.column >= 0 && (s.plan.type === 'number' || s.plan.type === 'integer'))
    .map((s) => ({ fieldIndex: s.fieldIndex, fieldName: s.plan.field.name, label: s.label }));
  if (numeric.length > 0) out.push(createNumberSpacesCheck(numeric, emit));
  return out;
}

/**
 * Validate the rows of a table against a schema through a column mapping. Without a schema, only the
 * structure (labels, blank rows, missing and extra cells) is checked. Findings met before the rows
 * (schema, mapping) are passed in `initial` so the error limit counts them too.
 *
 * Each row is read, its cells cast by their field plans, and the row dispatched to the checks: the
 * structure check first (it may skip a blank row), then `unique`, the keys and the custom checks, all on
 * the same lifecycle (start, row, end). Counts are derived once, at the end.
 */
export async function runValidation(
  labels: readonly string[],
  rows: AsyncIterable<RawRow>,
  schema: TableSchema | undefined,
  mapping: ColumnMapping | undefined,
  initial: Finding[],
  options: LoopOptions = {},
): Promise<LoopResult> {
  const sink = options.sink ?? new FindingSink(options.limitErrors ?? 1000, options.keepCode);
  const structure = createStructureCheck(labels, (f) => sink.add(f));
  structure.start!();
  for (const f of initial) sink.add(f);

  const slots = schema && mapping ? fieldSlots(schema, mapping, sink, options) : [];
  // Fields whose cells the key and custom checks read (TableRow's texts, values, results).
  const read = new Set<number>();
  // Fields whose custom checks test their cells in place, with those tests.
  const quiet = new Map<number, InPlaceTest[]>();
  const custom =
    schema && mapping && options.customChecks !== false && schema.custom_checks?.length
      ? customChecks(schema, slots, sink, read, quiet)
      : [];
  const checks: TableCheck[] = [...(schema ? keyChecks(schema, slots, sink, read) : []), ...custom];
  for (const c of checks) {
    c.start?.();
    for (const f of c.fields ?? []) {
      const slot = slots.find((s) => s.fieldIndex === f);
      if (slot) (slot.cellChecks ??= []).push(c);
    }
  }

  const counted = await readRows(rows, schema, slots, structure, checks, sink, options, read, quiet);
  sink.rowLog = undefined;
  for (const c of checks) c.end?.();
  for (const o of options.observers ?? []) for (const f of o.end()) sink.add(f);
  structure.end!();
  const reading = options.readingFindings?.();
  if (reading) sink.prepend(reading);
  return sink.result(counted, options.fixed?.());
}

/** Per schema field, what castCells writes for the current row (the arrays `TableRow` shows). */
interface CastArrays {
  results: (CellResult | undefined)[];
  texts: string[];
  values: unknown[];
}

/** A cell accepted in place: no text, no value; the checks testing it in place (checksAt) get its offsets. */
function acceptInPlace(
  slot: FieldSlot,
  view: TableRow,
  cast: CastArrays,
  source: string,
  start: number,
  end: number,
): void {
  const f = slot.fieldIndex;
  // The field's cell of the previous row was accepted in place too (the commonest case): the arrays
  // already hold what this one writes (only castCells writes them, and ACCEPTED always with '' and
  // undefined), and three stores through the write barrier cost more than this one load.
  if (cast.results[f] !== ACCEPTED) {
    cast.results[f] = ACCEPTED;
    cast.texts[f] = '';
    cast.values[f] = undefined;
  }
  const at = slot.checksAt;
  if (at !== undefined) for (const c of at) c.cellAt!(view, f, source, start, end);
}

/**
 * A quiet field's in-place test on its cell. The commonest tests, told by identity, are run here rather
 * than through the call site every field's test shares (a megamorphic call): a label's (not empty) and
 * an amount's, as validate's plans test them and as normalize's repair policy does (an amount that reads
 * one way only).
 */
function passesInPlace(test: InPlaceTest, source: string, start: number, end: number): boolean {
  if (test === nonEmptyAt) return start < end;
  if (test === plainDecimalAt) return plainDecimalAt(source, start, end);
  if (test === unambiguousDecimalAt) return unambiguousDecimalAt(source, start, end);
  return test(source, start, end);
}

/**
 * An empty cell of a field whose only missing value is '' (FieldSlot.emptyMissing, an unfilled
 * amount): what evaluate('') gives, without making the text or calling evaluate. The arrays already
 * hold it when the previous row's cell was empty too (only castCells writes them, and MISSING only
 * ever with '' and undefined in such a slot).
 */
function missingInPlace(slot: FieldSlot, cast: CastArrays): void {
  const f = slot.fieldIndex;
  if (cast.results[f] === MISSING) return;
  cast.results[f] = MISSING;
  cast.texts[f] = '';
  cast.values[f] = undefined;
}

/**
 * Cast the cells of the row in `view` with their fields' plans into `cast` (through `observer` for the
 * columns it took), give them to the checks that see cells as they are cast, and report the cells that
 * fail. Returns the number of cells cast.
 */
function castCells(
  slots: readonly FieldSlot[],
  view: TableRow,
  row: RowView,
  cast: CastArrays,
  sink: FindingSink,
  observer: CastObserver | undefined,
): number {
  const { results, texts, values } = cast;
  const { rowNumber, line } = view;
  let cells = 0;
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s]!;
    const f = slot.fieldIndex;
    const column = slot.column;
    if (column >= row.count) {
      // Reported as missing-cell.
      results[f] = undefined;
      texts[f] = '';
      values[f] = undefined;
      continue;
    }
    cells++;
    const quietAt = slot.quietAt;
    let text: string;
    let r: CellResult;
    const ev = slot.evaluator;
    if (quietAt !== undefined) {
      const source = row.source(column);
      const start = row.start(column);
      const end = row.end(column);
      if (passesInPlace(quietAt, source, start, end)) {
        acceptInPlace(slot, view, cast, source, start, end);
        continue;
      }
      if (start === end && slot.emptyMissing) {
        missingInPlace(slot, cast);
        if (slot.plan.required) sink.add(cellFinding(slot, MISSING, '', rowNumber, line));
        continue;
      }
    }
    if (ev) {
      r = ev.evaluate(column >= 0 ? row.cell(column) : slot.constant!, rowNumber);
      text = ev.text;
    } else if (slot.observed && slot.unread) {
      // Read in place: the cell's text is made only when something reads it (a finding, a check).
      const got = observer!.cast(
        column,
        row.source(column),
        row.start(column),
        row.end(column),
        slot.evaluate,
        slot.acceptsAt,
      );
      if (got === undefined || (got.kind === 'ok' && got.unchecked === undefined && !slot.cellChecks)) {
        results[f] = got ?? ACCEPTED;
        texts[f] = '';
        values[f] = undefined;
        continue;
      }
      r = got;
      text = row.cell(column);
    } else if (slot.observedAt !== undefined) {
      const source = row.source(column);
      const start = row.start(column);
      const end = row.end(column);
      const got = observer!.cast(column, source, start, end, slot.evaluate, slot.observedAt);
      if (got === undefined) {
        acceptInPlace(slot, view, cast, source, start, end);
        continue;
      }
      r = got;
      text = row.cell(column);
    } else if (slot.observed) {
      text = row.cell(column);
      r = observer!.cast(column, text, 0, text.length, slot.evaluate)!;
    } else {
      text = column >= 0 ? row.cell(column) : slot.constant!;
      r = slot.evaluate(text);
    }
    results[f] = r;
    texts[f] = text;
    values[f] = r.kind === 'ok' ? r.value : undefined;
    if (r.kind === 'ok') {
      // A pattern its engine could not decide within its budget (src/text/pattern.ts): said, never guessed.
      if (r.unchecked !== undefined)
        sink.add(finding('pattern-not-checked', cellLoc(slot, rowNumber, line), {}, { value: text }));
      if (slot.cellChecks) for (const c of slot.cellChecks) c.cell!(view, f);
      continue;
    }
    if (r.kind === 'missing' && !slot.plan.required) continue;
    // Past the error limit only counts are kept: no finding is built (errors must not make it slow).
    if (sink.partial && r.kind === 'error') sink.countRowError(r.code, slot.plan.field.name);
    else sink.add(cellFinding(slot, r, text, rowNumber, line));
  }
  return cells;
}

/**
 * The row observers, and the one (if any) that casts cells itself (see CastObserver): it takes the
 * columns of the fields evaluated by their plan (normalize evaluates with repairs), each once, and
 * their slots are marked `observed`.
 */
function splitObservers(
  all: readonly RowObserver[],
  slots: readonly FieldSlot[],
): { observers: readonly RowObserver[]; castObserver: CastObserver | undefined } {
  const castObserver = all.find((o): o is CastObserver => 'cast' in o && 'castColumns' in o);
  if (castObserver === undefined) return { observers: all, castObserver };
  const wanted = slots.filter((s) => s.column >= 0 && s.evaluator === undefined).map((s) => s.column);
  const taken = new Set(castObserver.castColumns(wanted));
  for (const s of slots) {
    if (s.column >= 0 && s.evaluator === undefined && taken.delete(s.column)) s.observed = true;
  }
  return { observers: all.filter((o) => o !== castObserver), castObserver };
}

/** A plan's in-place test and those of the checks reading its cells (see CheckInstance.validAt): all must pass. */
function withChecks(plan: InPlaceTest, checks: readonly InPlaceTest[] | undefined): InPlaceTest {
  if (checks === undefined || checks.length === 0) return plan;
  if (checks.length === 1) {
    const only = checks[0]!;
    // A SIRET check of a `^\d{14}$` field: what it accepts, the plan accepts; its digits are read once.
    if (digitsWithin(only, plan)) return only;
    return (text, start, end) => plan(text, start, end) && only(text, start, end);
  }
  return (text, start, end) => plan(text, start, end) && checks.every((c) => c(text, start, end));
}

/**
 * The slots whose valid cells nobody needs as text (no writer, observer or check that reads them, cell
 * checks that skip plain cells or read them in place): their cells are tested in place (quietAt). With
 * a writer (`writes`), only the fields whose evaluator tests cells in place (CellEvaluator.acceptsAt):
 * the writer reads such a cell from the row's view.
 */
function markQuiet(
  slots: readonly FieldSlot[],
  read: ReadonlySet<number>,
  quiet: ReadonlyMap<number, readonly InPlaceTest[]>,
  writes: boolean,
): void {
  for (const slot of slots) {
    const checks = slot.cellChecks ?? [];
    if (writes) {
      const at = slot.evaluator?.acceptsAt;
      if (
        at !== undefined &&
        slot.column >= 0 &&
        !read.has(slot.fieldIndex) &&
        checks.every((c) => c.ignoresPlainCells === true || c.takesAt?.(slot.fieldIndex) === true)
      ) {
        slot.quietAt = withChecks(at, quiet.get(slot.fieldIndex));
        slot.emptyMissing = slot.plan.acceptsAt !== undefined;
        const checksAt = checks.filter((c) => c.ignoresPlainCells !== true);
        if (checksAt.length > 0) slot.checksAt = checksAt;
      }
      continue;
    }
    const unreadText = slot.column >= 0 && slot.evaluator === undefined && !read.has(slot.fieldIndex);
    // The profile's in-place cast (observed fields) knows nothing of in-place checks: no check may
    // test an unread field's cells in place (quiet), and its cell checks must ignore plain cells.
    slot.unread =
      unreadText && !quiet.has(slot.fieldIndex) && checks.every((c) => c.ignoresPlainCells === true);
    const at = slot.plan.acceptsAt;
    if (
      at !== undefined &&
      unreadText &&
      (!slot.observed || !slot.unread) &&
      checks.every((c) => c.ignoresPlainCells === true || c.takesAt?.(slot.fieldIndex) === true)
    ) {
      // An observed field read by in-place checks is tested in place by its observer's cast instead.
      const test = withChecks(at, quiet.get(slot.fieldIndex));
      if (slot.observed) slot.observedAt = test;
      else {
        slot.quietAt = test;
        slot.emptyMissing = true;
      }
      const checksAt = (slot.cellChecks ?? []).filter((c) => c.ignoresPlainCells !== true);
      if (checksAt.length > 0) slot.checksAt = checksAt;
    }
  }
}

/** The row loop: observers, shape, casts, checks, writer — per row, with arrays reused across rows. */
async function readRows(
  rows: AsyncIterable<RawRow>,
  schema: TableSchema | undefined,
  slots: readonly FieldSlot[],
  structure: TableCheck,
  checks: readonly TableCheck[],
  sink: FindingSink,
  options: LoopOptions,
  read: ReadonlySet<number>,
  quiet: ReadonlyMap<number, readonly InPlaceTest[]>,
): Promise<{ rows: number; cells: number; invalidRows: number }> {
  const counted = { rows: 0, cells: 0, invalidRows: 0 };
  const { observers, castObserver } = splitObservers(options.observers ?? [], slots);
  const onRow = options.onRow;
  markQuiet(slots, read, quiet, onRow !== undefined);
  const n = schema?.fields.length ?? 0;
  // Per schema field, overwritten by every slot on every row (fields without a slot stay empty).
  const results = new Array<CellResult | undefined>(n);
  const texts = new Array<string>(n).fill('');
  const values = new Array<unknown>(n);
  const cellsView = new RowView();
  const view: TableRow = { rowNumber: 0, line: 0, raw: cellsView, cells: texts, values, results, texts };
  const cast: CastArrays = { results, texts, values };
  const shape = structure.shape!;

  // Rows the reader already holds come without a promise (nextReady); `next()` only when it must read.
  const it: RowIterator = rows[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let raw = it.nextReady?.();
      if (raw === undefined) {
        const r = await it.next();
        if (r.done) break;
        raw = r.value;
      }
      counted.rows++;
      const { rowNumber, line } = raw;
      cellsView.reset(raw);
      const errorsBefore = sink.errors;
      if (onRow) sink.rowLog = [];
      for (const o of observers) {
        const found = o.rowCells
          ? o.rowCells(cellsView, rowNumber, line)
          : o.row(cellsView.all(), rowNumber, line);
        if (found) for (const f of found) sink.add(f);
      }
      view.rowNumber = rowNumber;
      view.line = line;
      if (shape(cellsView, rowNumber, line)) {
        if (castObserver?.rowCells) castObserver.rowCells(cellsView, rowNumber, line);
        else castObserver?.row(cellsView.all(), rowNumber, line);
        counted.invalidRows++;
        if (onRow)
          await onRow({
            raw,
            results: [],
            cells: [],
            view: cellsView,
            accepted: ACCEPTED,
            blank: true,
            errors: sink.errors - errorsBefore,
            errorCodes: sink.rowLog!,
          });
        continue;
      }
      counted.cells += castCells(slots, view, cellsView, cast, sink, castObserver);
      castObserver?.rest(cellsView, rowNumber, line);
      for (const c of checks) c.row?.(view);
      if (sink.errors > errorsBefore) counted.invalidRows++;
      if (onRow) {
        // A writer returns a promise only when it must wait for its output to drain.
        const wait = onRow({
          raw,
          results,
          cells: texts,
          view: cellsView,
          accepted: ACCEPTED,
          blank: false,
          errors: sink.errors - errorsBefore,
          errorCodes: sink.rowLog!,
        });
        if (wait) await wait;
      }
    }
    finished = true;
  } finally {
    // Leaving early (an exception) closes the rows, hence the file, as `for await` would.
    if (!finished) await it.return?.();
  }
  return counted;
}
