// Where a pass's findings go: kept up to the error limit, every one counted, stats derived once at the end.
import type { Finding, Level } from '../findings/types.js';
import { columnKey } from '../findings/column-key.js';
import type { LoopResult, LoopStats } from './types.js';

/** Findings counted but not kept (past the error limit), per code and level, and per column. */
interface Unkept {
  byCode: Map<string, Record<Level, number>>;
  /** Errors and warnings per column key (see columnKey), per code (normalize drops fixed codes). */
  byColumn: Map<string, Map<string, number>>;
}

/** Codes whose findings are cells with an error (the quality score's invalid cells). */
const CELL_ERRORS = new Set(['type-error', 'constraint-error', 'unique-error']);

/** Collects findings up to the error limit; counts every one. */
export class FindingSink {
  readonly findings: Finding[] = [];
  partial = false;
  /** When set, the codes of the errors of the current row are logged here. */
  rowLog: string[] | undefined;
  /** Every error so far, kept or not (per-row error counts are differences of it). */
  errors = 0;
  /** Errors in data rows: what --limit-errors counts. */
  private rowErrors = 0;
  private readonly unkept: Unkept = { byCode: new Map(), byColumn: new Map() };

  /**
   * @param keep which codes count (`--pick-errors` / `--skip-errors`, as Frictionless's pick_errors
   *   and skip_errors): a code it refuses is neither reported nor counted, in the stats or the score.
   */
  constructor(
    private readonly limit: number,
    readonly keep?: (code: string) => boolean,
  ) {}

  add(f: Finding): void {
    if (this.keep && !this.keep(f.code)) return;
    if (f.level === 'error') {
      this.errors++;
      if (this.rowLog) this.rowLog.push(f.loc.fieldName ? `${f.code}:${f.loc.fieldName}` : f.code);
    }
    // Header and file findings are few and always kept (the score and the mapping rely on them);
    // the limit applies to the findings of data rows.
    const inRows = f.loc.rowNumber !== undefined && f.loc.rowNumber > 1;
    if (!inRows) {
      this.findings.push(f);
      return;
    }
    if (!this.partial && f.level === 'error' && ++this.rowErrors > this.limit) this.partial = true;
    if (this.partial) this.count(f.code, f.level, f.level === 'info' ? '' : columnKey(f.loc));
    else this.findings.push(f);
  }

  /** Count a data-row error of a column without building it (past the error limit, only counts are kept). */
  countRowError(code: string, column: string): void {
    if (this.keep && !this.keep(code)) return;
    this.errors++;
    this.rowErrors++;
    this.count(code, 'error', column);
  }

  /**
   * What the findings of data rows past the limit left: counts per code and level, and per column and
   * code (plain data, for the merge of a file's chunks read on several threads, src/run/chunked.ts).
   */
  unkeptCounts(): { byCode: [string, Record<Level, number>][]; byColumn: [string, [string, number][]][] } {
    return {
      byCode: [...this.unkept.byCode],
      byColumn: [...this.unkept.byColumn].map(([column, m]) => [column, [...m]]),
    };
  }

  /**
   * Take in the counts of findings another sink did not keep (unkeptCounts): they were past its limit,
   * hence past this one's, which has seen at least as many errors before them. Marks this sink partial.
   */
  addUnkept(counts: ReturnType<FindingSink['unkeptCounts']>): void {
    if (counts.byCode.length === 0) return;
    this.partial = true;
    for (const [code, c] of counts.byCode) {
      let mine = this.unkept.byCode.get(code);
      if (!mine) this.unkept.byCode.set(code, (mine = { error: 0, warning: 0, info: 0 }));
      mine.error += c.error;
      this.errors += c.error;
      mine.warning += c.warning;
      mine.info += c.info;
    }
    for (const [column, codes] of counts.byColumn) {
      let mine = this.unkept.byColumn.get(column);
      if (!mine) this.unkept.byColumn.set(column, (mine = new Map()));
      for (const [code, n] of codes) mine.set(code, (mine.get(code) ?? 0) + n);
    }
  }

  /** Findings met while reading (encoding, format): first in the report, never limited. */
  prepend(findings: readonly Finding[]): void {
    const kept = this.keep ? findings.filter((f) => this.keep!(f.code)) : findings;
    this.findings.unshift(...kept);
    for (const f of kept) if (f.level === 'error') this.errors++;
  }

  private count(code: string, level: Level, column: string): void {
    let c = this.unkept.byCode.get(code);
    if (!c) this.unkept.byCode.set(code, (c = { error: 0, warning: 0, info: 0 }));
    c[level]++;
    if (column === '') return;
    let byCode = this.unkept.byColumn.get(column);
    if (!byCode) this.unkept.byColumn.set(column, (byCode = new Map()));
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }

  /**
   * Drop the findings `fixed` says are repaired (normalize), then derive the counts once from what is
   * left and what was counted past the limit; `fixedCode` says which codes are repaired in every case
   * (the only ones that can be past the limit). What was counted but not kept, and what was dropped as
   * fixed, are returned per code (and per column) so that totals stay exact.
   */
  result(
    counted: Pick<LoopStats, 'rows' | 'cells' | 'invalidRows'>,
    fixed?: { finding: (f: Finding) => boolean; code: (code: string) => boolean },
  ): LoopResult {
    const stats: LoopStats = { ...counted, errors: 0, warnings: 0, infos: 0, invalidCells: 0, blankRows: 0 };
    const fixedCounts: Record<string, number> = {};
    const tally = (code: string, level: Level, n: number, isFixed: boolean): void => {
      // Blank rows and invalid cells describe the input: normalize's drops do not change them.
      if (CELL_ERRORS.has(code)) stats.invalidCells += n;
      else if (code === 'blank-row') stats.blankRows += n;
      if (isFixed) {
        if (n > 0) fixedCounts[code] = (fixedCounts[code] ?? 0) + n;
        return;
      }
      if (level === 'error') stats.errors += n;
      else if (level === 'warning') stats.warnings += n;
      else stats.infos += n;
    };
    const kept: Finding[] = [];
    for (const f of this.findings) {
      const isFixed = fixed?.finding(f) ?? false;
      tally(f.code, f.level, 1, isFixed);
      if (!isFixed) kept.push(f);
    }
    const uncollected: LoopResult['uncollected'] = { byCode: {}, byColumn: {} };
    for (const [code, c] of this.unkept.byCode) {
      const isFixed = fixed?.code(code) ?? false;
      for (const level of ['error', 'warning', 'info'] as const) tally(code, level, c[level], isFixed);
      if (!isFixed) uncollected.byCode[code] = c.error + c.warning + c.info;
    }
    for (const [column, byCode] of this.unkept.byColumn) {
      let n = 0;
      for (const [code, k] of byCode) if (!(fixed?.code(code) ?? false)) n += k;
      if (n > 0) uncollected.byColumn[column] = n;
    }
    const out: LoopResult = { findings: kept, stats, partial: this.partial, uncollected };
    if (Object.keys(fixedCounts).length) out.fixed = fixedCounts;
    return out;
  }
}
