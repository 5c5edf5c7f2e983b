// The fields of a row not accepted in place: what normalize's per-row work walks instead of every field.
import type { CellResult } from '../fields/types.js';
import type { UnacceptedList } from '../validate/types.js';

/**
 * The schema fields of one cast row whose result is not the loop's marker of a cell accepted in place
 * (RowOutcome.accepted), in field order: `fields[0, count)`. Most cells of a large file are accepted in
 * place, and such a cell asks nothing of the filled count, the repair count, the column tally or the
 * line copier: collected once per row, the fields left are the only ones they look at. Reused from row
 * to row.
 */
export class UnacceptedFields implements UnacceptedList {
  fields: Int32Array;
  count = 0;

  /** For rows of `width` schema fields (the loop's results arrays); a wider row makes room. */
  constructor(width: number) {
    this.fields = new Int32Array(width);
  }

  /** Collect the fields of `results` whose result is not `accepted`. */
  collect(results: readonly (CellResult | undefined)[], accepted: CellResult): this {
    const n = results.length;
    if (n > this.fields.length) this.fields = new Int32Array(n);
    const fields = this.fields;
    let k = 0;
    for (let i = 0; i < n; i++) if (results[i] !== accepted) fields[k++] = i;
    this.count = k;
    return this;
  }
}
