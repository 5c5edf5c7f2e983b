// Where a pass's findings go: kept up to the error limit, every one counted, stats derived once at the end.
import type { Finding, Level } from '../findings/types.js';
import type { LoopStats } from './types.js';

/** Findings counted but not kept (past the error limit), per code and level. */
type Unkept = Map<string, Record<Level, number>>;

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
  private readonly unkept: Unkept = new Map();

  constructor(private readonly limit: number) {}

  add(f: Finding): void {
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
    if (this.partial) this.count(f.code, f.level);
    else this.findings.push(f);
  }

  /** Count a data-row error without building it (past the error limit, only counts are kept). */
  countRowError(code: string): void {
    this.errors++;
    this.rowErrors++;
    this.count(code, 'error');
  }

  /** Findings met while reading (encoding, format): first in the report, never limited. */
  prepend(findings: readonly Finding[]): void {
    this.findings.unshift(...findings);
    for (const f of findings) if (f.level === 'error') this.errors++;
  }

  private count(code: string, level: Level): void {
    let c = this.unkept.get(code);
    if (!c) this.unkept.set(code, (c = { error: 0, warning: 0, info: 0 }));
    c[level]++;
  }

  /**
   * Drop the findings `fixed` says are repaired (normalize), then derive the counts once from what is
   * left and what was counted past the limit; `fixedCode` says which codes are repaired in every case
   * (the only ones that can be past the limit).
   */
  result(
    counted: Pick<LoopStats, 'rows' | 'cells' | 'invalidRows'>,
    fixed?: { finding: (f: Finding) => boolean; code: (code: string) => boolean },
  ): { findings: Finding[]; stats: LoopStats; partial: boolean } {
    const stats: LoopStats = { ...counted, errors: 0, warnings: 0, infos: 0, invalidCells: 0, blankRows: 0 };
    const tally = (code: string, level: Level, n: number, isFixed: boolean): void => {
      // Blank rows and invalid cells describe the input: normalize's drops do not change them.
      if (CELL_ERRORS.has(code)) stats.invalidCells += n;
      else if (code === 'blank-row') stats.blankRows += n;
      if (isFixed) return;
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
    for (const [code, c] of this.unkept) {
      const isFixed = fixed?.code(code) ?? false;
      for (const level of ['error', 'warning', 'info'] as const) tally(code, level, c[level], isFixed);
    }
    return { findings: kept, stats, partial: this.partial };
  }
}
