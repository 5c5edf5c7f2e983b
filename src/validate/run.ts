// The validation loop: start → rows → end over one opened table, producing findings and stats.
import type { Finding, Level } from '../findings/types.js';
import type { RawRow } from '../io/types.js';
import type { TableSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import type { CellResult, FieldPlan } from '../fields/types.js';
import type { CheckInstance, CheckRow } from '../checks/types.js';
import { compileFieldPlan } from '../fields/compile.js';
import { instantiateChecks } from '../checks/index.js';
import { hash53 } from './hash.js';

/** Something that watches every data row in the same pass (column profile, personal-data scan…). */
export interface RowObserver {
  row(cells: readonly string[], rowNumber: number, line: number): void;
  end(): Finding[];
}

/** What the loop hands to a writer (normalize) for each data row. */
export interface RowOutcome {
  raw: RawRow;
  /** Per schema field: the cell result, or undefined when no column feeds the field. */
  results: (CellResult | undefined)[];
  /** Per schema field: the cell text as read ('' when absent). */
  cells: string[];
  /** True when the row is blank (all cells empty). */
  blank: boolean;
  /** Number of error findings on this row (counted even past the error limit). */
  errors: number;
  /** `code` or `code:field` of each error on this row (for rejected-row files). */
  errorCodes: string[];
}

export interface RunOptions {
  /** Stop collecting findings after this many errors (default 1000); the report is then partial. */
  limitErrors?: number;
  /** Run the schema's custom checks (default true). */
  customChecks?: boolean;
  observers?: RowObserver[];
  /** Called for every data row with its cast results (normalize writes from it). */
  onRow?: (row: RowOutcome) => void | Promise<void>;
  /**
   * Offered every cell that fails its field: return the repaired text to accept a repair (normalize),
   * or undefined to report the failure. A repaired text that still fails is reported as the original.
   */
  repair?: (
    fieldIndex: number,
    text: string,
    result: Extract<CellResult, { kind: 'error' }>,
    rowNumber: number,
  ) => string | undefined;
  /**
   * Per field, a rewrite tried on every cell before it is checked (normalize: trimmed spaces, double
   * encoding, a SIRET that went through a float); kept only when the rewritten cell is valid, so the
   * checks and the output see the repaired value. Undefined for a field: no rewrite.
   */
  rewrite?: (fieldIndex: number) => ((text: string) => string | undefined) | undefined;
}

export interface RunStats {
  rows: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Cells checked against a field, and how many of them had an error (for the quality score). */
  cells: number;
  invalidCells: number;
  /** Data rows with at least one error. */
  invalidRows: number;
  blankRows: number;
}

export interface RunResult {
  findings: Finding[];
  stats: RunStats;
  partial: boolean;
}

/** Collects findings up to the error limit; counts every one. */
class FindingSink {
  readonly findings: Finding[] = [];
  readonly stats: RunStats = {
    rows: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    cells: 0,
    invalidCells: 0,
    invalidRows: 0,
    blankRows: 0,
  };
  partial = false;
  /** When set, the codes of the errors of the current row are logged here. */
  rowLog: string[] | undefined;
  constructor(private readonly limit: number) {}

  /** Errors in data rows: what --limit-errors counts. */
  private rowErrors = 0;

  add(f: Finding): void {
    this.count(f.level);
    if (this.rowLog && f.level === 'error')
      this.rowLog.push(f.loc.fieldName ? `${f.code}:${f.loc.fieldName}` : f.code);
    // Header and file findings are few and always kept (the score and the mapping rely on them);
    // the limit applies to the findings of data rows.
    const inRows = f.loc.rowNumber !== undefined && f.loc.rowNumber > 1;
    if (!inRows) {
      this.findings.push(f);
      return;
    }
    if (this.partial) return;
    if (f.level === 'error' && ++this.rowErrors > this.limit) {
      this.partial = true;
      return;
    }
    this.findings.push(f);
  }

  /** Count a finding without building it (past the error limit, only counts are kept). */
  countRowError(): void {
    this.count('error');
    this.rowErrors++;
  }

  count(level: Level): void {
    if (level === 'error') this.stats.errors++;
    else if (level === 'warning') this.stats.warnings++;
    else this.stats.infos++;
  }
}

/** A text that is equal for equal typed values (`1`, `01` and `+1` as integers; numbers; dates; JSON). */
function valueKey(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/** Frictionless-style findings about the header labels: blank and duplicate labels. */
export function labelFindings(labels: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  labels.forEach((label, i) => {
    const fieldNumber = i + 1;
    if (label.trim() === '') {
      out.push({
        code: 'blank-label',
        level: 'error',
        loc: { rowNumber: 1, fieldNumber },
        params: { fieldNumber },
      });
      return;
    }
    const first = seen.get(label);
    if (first !== undefined) {
      out.push({
        code: 'duplicate-label',
        level: 'error',
        loc: { rowNumber: 1, fieldNumber, column: label },
        params: { label, fieldNumber, firstFieldNumber: first },
      });
    } else seen.set(label, fieldNumber);
  });
  return out;
}

interface FieldSlot {
  plan: FieldPlan;
  fieldIndex: number;
  /** Input column feeding the field, or -1. */
  column: number;
  constant?: string;
  label: string;
  unique?: Map<number, number>;
  rewrite?: (text: string) => string | undefined;
  /** True when checks or a writer read this field's cell and value on each row. */
  keep?: boolean;
}

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

function keyFields(pk: TableSchema['primaryKey']): string[] {
  if (!pk) return [];
  return Array.isArray(pk) ? pk : [pk];
}

/**
 * Validate the rows of a table against a schema through a column mapping. Without a schema, only the
 * structure (labels, blank rows, missing and extra cells) is checked. Findings met before the rows
 * (labels, mapping, schema) are passed in `initial` so the error limit counts them too.
 */
export async function runValidation(
  labels: readonly string[],
  rows: AsyncIterable<RawRow>,
  schema: TableSchema | undefined,
  mapping: ColumnMapping | undefined,
  initial: Finding[],
  options: RunOptions = {},
): Promise<RunResult> {
  const sink = new FindingSink(options.limitErrors ?? 1000);
  for (const f of initial) sink.add(f);

  const slots: FieldSlot[] = [];
  const fields = schema?.fields ?? [];
  if (schema && mapping) {
    for (const m of mapping.fields) {
      const field = fields[m.fieldIndex]!;
      const plan = compileFieldPlan(field, { missingValues: schema.missingValues });
      for (const w of plan.warnings) {
        // Unknown types and bad patterns are already schema findings (check-schema); the rest is said here.
        if (w.code === 'unknown-type' || w.code === 'bad-pattern') continue;
        sink.add({
          code: 'schema-field-ignored',
          level: 'warning',
          loc: { fieldName: field.name, fieldNumber: m.fieldIndex + 1 },
          params: { kind: w.code, type: plan.type, ...w.params },
        });
      }
      const column = m.column ?? -1;
      if (column < 0 && m.constant === undefined) continue;
      slots.push({
        plan,
        fieldIndex: m.fieldIndex,
        column,
        constant: m.constant,
        label: m.label ?? field.name,
        unique: plan.unique ? new Map() : undefined,
        rewrite: options.rewrite?.(m.fieldIndex),
      });
    }
  }

  const pkNames = keyFields(schema?.primaryKey);
  const slotOf = (name: string): number => slots.findIndex((s) => fields[s.fieldIndex]?.name === name);
  const pkSlots = pkNames.map(slotOf);
  const pkActive = pkNames.length > 0 && pkSlots.every((s) => s >= 0);
  const pkSeen = new Map<number, number>();

  const fkPlans = (schema?.foreignKeys ?? [])
    .filter((fk) => !fk.reference.resource)
    .map((fk) => {
      const own = keyFields(fk.fields);
      const ref = keyFields(fk.reference.fields);
      const ownSlots = own.map(slotOf);
      const refSlots = ref.map(slotOf);
      return {
        own,
        ref,
        ownSlots,
        refSlots,
        refs: new Set<number>(),
        pending: [] as { h: number; value: string; rowNumber: number; line: number }[],
      };
    })
    .filter((p) => p.ownSlots.every((i) => i >= 0) && p.refSlots.every((i) => i >= 0));

  const hasColumn = (name: string): boolean => {
    const i = fields.findIndex((f) => f.name === name);
    return i >= 0 && slots.some((s) => s.fieldIndex === i && s.column >= 0);
  };
  let checks: CheckInstance[] = [];
  // The fields the checks read: only their cells and values are kept per row.
  const checkFields = new Set<number>();
  if (schema && mapping && options.customChecks !== false && schema.custom_checks?.length) {
    const created = instantiateChecks(schema, {
      fieldIndex: (name: string) => {
        const i = fields.findIndex((f) => f.name === name);
        if (i >= 0) checkFields.add(i);
        return i >= 0 ? i : undefined;
      },
      hasColumn,
      emit: (f: Finding) => sink.add(f),
    });
    checks = created.instances;
    for (const f of created.findings) sink.add(f);
  }
  const checkRows = checks.some((c) => c.row);

  const observers = options.observers ?? [];
  const labelCount = labels.length;
  const onRow = options.onRow;
  const repair = options.repair;
  const stats = sink.stats;

  const values: unknown[] | undefined = checkRows || onRow ? new Array(fields.length) : undefined;
  const fieldCells: string[] | undefined =
    checkRows || onRow ? new Array<string>(fields.length).fill('') : undefined;
  const checkFieldList = [...checkFields];
  for (const slot of slots)
    slot.keep = onRow !== undefined || (checkRows && checkFields.has(slot.fieldIndex));
  const results: (CellResult | undefined)[] | undefined = onRow ? new Array(fields.length) : undefined;
  // Keys compare values, not spellings (`1`, `01` and `+1` are one integer): the canonical text per slot.
  const keyText: (string | undefined)[] | undefined =
    pkActive || fkPlans.length > 0 ? new Array<string | undefined>(slots.length) : undefined;

  for await (const raw of rows) {
    stats.rows++;
    const { cells, rowNumber, line } = raw;
    for (const o of observers) o.row(cells, rowNumber, line);
    const blank = isBlank(cells);
    const errorsBefore = stats.errors;
    if (onRow) sink.rowLog = [];
    if (blank) {
      stats.blankRows++;
      stats.invalidRows++;
      sink.add({ code: 'blank-row', level: 'error', loc: { rowNumber, line }, params: { rowNumber } });
      if (onRow)
        await onRow({
          raw,
          results: [],
          cells: [],
          blank,
          errors: stats.errors - errorsBefore,
          errorCodes: sink.rowLog!,
        });
      continue;
    }
    if (cells.length < labelCount) {
      for (let c = cells.length; c < labelCount; c++) {
        sink.add({
          code: 'missing-cell',
          level: 'error',
          loc: { rowNumber, line, fieldNumber: c + 1, fieldName: labels[c] },
          params: { rowNumber, fieldNumber: c + 1, cellCount: cells.length, labelCount },
        });
      }
    } else if (cells.length > labelCount) {
      for (let c = labelCount; c < cells.length; c++) {
        sink.add({
          code: 'extra-cell',
          level: 'error',
          loc: { rowNumber, line, fieldNumber: c + 1 },
          value: cells[c],
          params: { rowNumber, fieldNumber: c + 1, cellCount: cells.length, labelCount },
        });
      }
    }

    // Per-row arrays are reused: checks and writers read them during the row, never after. A writer reads
    // every field; checks alone, only theirs.
    if (onRow) {
      values!.fill(undefined);
      fieldCells!.fill('');
      results!.fill(undefined);
    } else if (checkRows) {
      for (let k = 0; k < checkFieldList.length; k++) {
        const i = checkFieldList[k]!;
        values![i] = undefined;
        fieldCells![i] = '';
      }
    }

    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s]!;
      let text: string | undefined;
      if (keyText) keyText[s] = undefined;
      if (slot.column >= 0) {
        text = cells[slot.column];
        if (text === undefined) continue; // reported as missing-cell
      } else text = slot.constant!;
      stats.cells++;
      let r: CellResult | undefined;
      if (slot.rewrite) {
        const rewritten = slot.rewrite(text);
        if (rewritten !== undefined) {
          const again = slot.plan.evaluate(rewritten);
          if (again.kind === 'ok') {
            text = rewritten;
            r = again;
          } else if (again.kind === 'error' && repair) {
            // Repairs chain: a double-encoded value may also need its enum case fixed.
            const fixed = repair(slot.fieldIndex, rewritten, again, rowNumber);
            const third = fixed === undefined ? undefined : slot.plan.evaluate(fixed);
            if (third?.kind === 'ok') {
              text = fixed!;
              r = third;
            }
          }
        }
      }
      r ??= slot.plan.evaluate(text);
      if (r.kind === 'error' && repair) {
        const fixed = repair(slot.fieldIndex, text, r, rowNumber);
        if (fixed !== undefined) {
          const again = slot.plan.evaluate(fixed);
          // The repaired text is what the writer writes: the checks and keys see it too.
          if (again.kind === 'ok') {
            r = again;
            text = fixed;
          }
        }
      }
      if (results) results[slot.fieldIndex] = r;
      if (keyText) keyText[s] = r.kind === 'ok' ? valueKey(r.value) : r.kind === 'missing' ? undefined : text;
      const kept = slot.keep;
      if (kept) fieldCells![slot.fieldIndex] = text;
      const field = slot.plan.field;
      if (r.kind === 'ok') {
        if (kept) values![slot.fieldIndex] = r.value;
        if (r.unchecked !== undefined) {
          sink.add({
            code: 'pattern-not-checked',
            level: 'warning',
            loc: cellLoc(slot, rowNumber, line),
            value: text,
            params: {},
          });
        }
        if (slot.unique) {
          const h = hash53(valueKey(r.value));
          const first = slot.unique.get(h);
          if (first !== undefined) {
            stats.invalidCells++;
            sink.add({
              code: 'unique-error',
              level: 'error',
              loc: cellLoc(slot, rowNumber, line),
              value: text,
              params: { firstRowNumber: first },
            });
          } else slot.unique.set(h, rowNumber);
        }
      } else if (r.kind === 'missing') {
        if (slot.plan.required) {
          stats.invalidCells++;
          sink.add({
            code: 'constraint-error',
            level: 'error',
            loc: cellLoc(slot, rowNumber, line),
            value: text,
            params: { constraint: 'required' },
          });
        }
      } else if (sink.partial) {
        // Past the error limit only counts are kept: no finding is built (errors must not make it slow).
        stats.invalidCells++;
        sink.countRowError();
      } else {
        stats.invalidCells++;
        const params: Record<string, unknown> = { ...r.params };
        if (r.repaired !== undefined) params.repaired = r.repaired;
        if (field.description) params.description = field.description;
        if (field.example !== undefined) params.example = field.example;
        sink.add({
          code: r.code,
          level: 'error',
          loc: cellLoc(slot, rowNumber, line),
          value: text,
          params,
          fixable: r.repaired !== undefined,
        });
      }
    }

    if (pkActive) {
      let key = '';
      let filled = 0;
      for (const i of pkSlots) {
        const t = keyText![i];
        if (t !== undefined) filled++;
        key += `${t ?? '\u0001'}\u0000`;
      }
      if (filled === 0) {
        // Frictionless: a row whose key cells are all empty breaks the primary key.
        sink.add({
          code: 'primary-key',
          level: 'error',
          loc: { rowNumber, line },
          params: { fields: pkNames.join(', '), blank: true },
        });
      } else {
        const h = hash53(key);
        const first = pkSeen.get(h);
        if (first !== undefined) {
          sink.add({
            code: 'primary-key',
            level: 'error',
            loc: { rowNumber, line },
            value: pkSlots.map((i) => keyText![i] ?? '').join(', '),
            params: { fields: pkNames.join(', '), firstRowNumber: first },
          });
        } else pkSeen.set(h, rowNumber);
      }
    }

    for (const fk of fkPlans) {
      const own = fk.ownSlots.map((i) => keyText![i]);
      const ref = fk.refSlots.map((i) => keyText![i]);
      if (ref.every((v) => v !== undefined)) fk.refs.add(hash53(ref.join('\u0000')));
      if (own.every((v) => v !== undefined))
        fk.pending.push({ h: hash53(own.join('\u0000')), value: own.join(', '), rowNumber, line });
    }

    if (checkRows) {
      const row: CheckRow = { rowNumber, line, cells: fieldCells!, values: values! };
      for (const c of checks) c.row?.(row);
    }
    if (stats.errors > errorsBefore) stats.invalidRows++;
    if (onRow) {
      // A writer returns a promise only when it must wait for its output to drain.
      const wait = onRow({
        raw,
        results: results!,
        cells: fieldCells!,
        blank,
        errors: stats.errors - errorsBefore,
        errorCodes: sink.rowLog!,
      });
      if (wait) await wait;
    }
  }

  sink.rowLog = undefined;
  for (const fk of fkPlans) {
    for (const p of fk.pending) {
      if (!fk.refs.has(p.h)) {
        sink.add({
          code: 'foreign-key',
          level: 'error',
          loc: { rowNumber: p.rowNumber, line: p.line, fieldName: fk.own[0] },
          value: p.value,
          params: { fields: fk.own.join(', '), referenceFields: fk.ref.join(', ') },
        });
      }
    }
  }
  for (const c of checks) c.end?.();
  for (const o of observers) for (const f of o.end()) sink.add(f);
  if (stats.rows === 0) sink.add({ code: 'no-data', level: 'warning', loc: {}, params: {} });

  return { findings: sink.findings, stats, partial: sink.partial };
}
