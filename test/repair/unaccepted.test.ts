// normalize's per-row work walks only a row's fields not accepted in place (UnacceptedFields): the filled
// count, the repair count (settle) and the line copier, given that list, do what they do without it.
import { describe, expect, it } from 'vitest';
import { UnacceptedFields } from '../../src/repair/unaccepted.js';
import { createRepairer } from '../../src/repair/policy.js';
import { createFilledCount } from '../../src/run/normalize-file.js';
import { createLineCopier } from '../../src/normalize/writer.js';
import { RowView } from '../../src/validate/row-view.js';
import { ACCEPTED } from '../../src/validate/loop.js';
import type { CellResult } from '../../src/fields/types.js';
import type { RawRow } from '../../src/io/types.js';
import type { RowOutcome } from '../../src/validate/types.js';
import type { Field } from '../../src/schema/types.js';
import { random as seeded } from '../../scripts/random.js';

const ok = (canonical: string): CellResult => ({ kind: 'ok', value: canonical, canonical });
const invalid = { kind: 'error', code: 'type-error' } as unknown as CellResult;

/** A row of `cells` as the CSV reader hands it: offsets into one comma-separated text. */
function rawOf(cells: readonly string[], rowNumber: number): RawRow {
  const text = cells.join(',');
  const bounds = new Int32Array(2 * cells.length);
  let p = 0;
  cells.forEach((c, i) => {
    bounds[2 * i] = p;
    bounds[2 * i + 1] = p + c.length;
    p += c.length + 1;
  });
  const layout = cells.some((c) => /[",\r\n]/.test(c)) ? undefined : ('unquoted' as const);
  return {
    rowNumber,
    line: rowNumber,
    cells: [...cells],
    cuts: { text, bounds, at: 0, count: cells.length, layout },
  };
}

/**
 * A cell's result as the loop may give it: accepted in place only when the cell is there and starts with
 * no space (what every in-place test asks), else valid (as read or rewritten), invalid or missing.
 */
function resultOf(cell: string | undefined, pick: number): { result: CellResult | undefined; text: string } {
  if (cell === undefined) return { result: undefined, text: '' };
  if (pick < 0.5 && cell !== '' && cell.trim() === cell) return { result: ACCEPTED, text: '' };
  if (pick < 0.65) return { result: ok(cell), text: cell };
  if (pick < 0.75) return { result: ok(`${cell}0`), text: cell };
  if (pick < 0.9) return { result: invalid, text: cell };
  return { result: cell === '' ? ({ kind: 'missing' } as unknown as CellResult) : invalid, text: cell };
}

const PIECES = ['1', '2.5', 'é', ' ', '\u00a0', 'x', '', 'a b', ',', '"'];

/** Random rows: cells of a few pieces, some rows shorter or longer than `width`. */
function* rows(seed: number, width: number, count: number): Generator<string[]> {
  const random = seeded(seed);
  for (let r = 0; r < count; r++) {
    const n = random() < 0.8 ? width : Math.floor(random() * (width + 3));
    const cells: string[] = [];
    for (let c = 0; c < n; c++) {
      let t = '';
      for (let k = Math.floor(random() * 3); k > 0; k--) t += PIECES[Math.floor(random() * PIECES.length)]!;
      cells.push(t);
    }
    yield cells;
  }
}

describe('UnacceptedFields', () => {
  it('lists the fields whose result is not the marker, in order, and makes room for wider rows', () => {
    const list = new UnacceptedFields(2);
    list.collect([ACCEPTED, ok('1'), undefined, ACCEPTED, invalid], ACCEPTED);
    expect(Array.from(list.fields.subarray(0, list.count))).toEqual([1, 2, 4]);
    list.collect([ACCEPTED, ACCEPTED], ACCEPTED);
    expect(list.count).toBe(0);
  });
});

describe('createFilledCount with the unaccepted fields', () => {
  it.each([1, 2, 3, 4])('counts what it counts reading every cell (seed %i)', (seed) => {
    // Six input columns: one unfed, one feeding a number (its valid cells prove it filled), fields out of order.
    const fields: Field[] = [
      { name: 'n', type: 'number' },
      { name: 's', type: 'string' },
      { name: 't', type: 'string' },
      { name: 'u', type: 'string' },
      { name: 'k', type: 'string' },
    ];
    const mapping = [
      { fieldIndex: 0, column: 2 },
      { fieldIndex: 1, column: 0 },
      { fieldIndex: 2, column: 5 },
      { fieldIndex: 3, column: 3 },
      { fieldIndex: 4 },
    ];
    const every = createFilledCount(mapping, fields, 6);
    const listed = createFilledCount(mapping, fields, 6);
    const list = new UnacceptedFields(fields.length);
    const random = seeded(seed + 100);
    const view = new RowView();
    let accepted = 0;
    let r = 2;
    for (const cells of rows(seed, 6, 400)) {
      const results: (CellResult | undefined)[] = new Array(fields.length);
      for (const m of mapping) {
        if (m.column === undefined) continue;
        results[m.fieldIndex] = resultOf(cells[m.column], random()).result;
        if (results[m.fieldIndex] === ACCEPTED) accepted++;
      }
      view.reset(rawOf(cells, r++));
      every.row(view, results);
      listed.row(view, results, list.collect(results, ACCEPTED));
    }
    expect(accepted).toBeGreaterThan(200);
    expect([listed.filled(), listed.beyond()]).toEqual([every.filled(), every.beyond()]);
  });
});

describe('settle with the unaccepted fields', () => {
  it.each([1, 2, 3])('counts the same repairs as looking at every field (seed %i)', (seed) => {
    const fields: Field[] = [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'number' },
      { name: 'c', type: 'string' },
    ];
    const every = createRepairer({ fields }, new Map());
    const listed = createRepairer({ fields }, new Map());
    const list = new UnacceptedFields(fields.length);
    const random = seeded(seed + 200);
    let changed = 0;
    for (const cells of rows(seed, 3, 300)) {
      const cast = fields.map((_, i) => resultOf(cells[i], random()));
      const results = cast.map((c) => c.result);
      const texts = cast.map((c) => c.text);
      every.settle(texts, results, ACCEPTED);
      listed.settle(texts, results, ACCEPTED, list.collect(results, ACCEPTED));
      if (
        results.some((x) => x?.kind === 'ok' && x !== ACCEPTED && x.canonical !== texts[results.indexOf(x)])
      )
        changed++;
    }
    expect(changed).toBeGreaterThan(20);
    expect(listed.counts()).toEqual(every.counts());
  });
});

describe('createLineCopier with the unaccepted fields', () => {
  it.each([1, 2, 3])('copies exactly the rows it copies comparing every field (seed %i)', (seed) => {
    const copy = createLineCopier(3, 3);
    const list = new UnacceptedFields(3);
    const random = seeded(seed + 300);
    const view = new RowView();
    let copied = 0;
    let refused = 0;
    let r = 2;
    for (const cells of rows(seed, 3, 400)) {
      const raw = rawOf(cells, r++);
      view.reset(raw);
      const cast = [0, 1, 2].map((i) => resultOf(cells[i], random()));
      // An invalid cell's text as read, sometimes another (the copy must then be refused).
      const texts = cast.map((c) => (c.result === invalid && random() < 0.2 ? `${c.text}y` : c.text));
      const row: RowOutcome = {
        raw,
        results: cast.map((c) => c.result),
        cells: texts,
        view,
        accepted: ACCEPTED,
        blank: false,
        errors: 0,
        errorCodes: [],
      };
      const expected = copy(row);
      expect(copy(row, list.collect(row.results, ACCEPTED))).toBe(expected);
      if (expected === undefined) refused++;
      else copied++;
    }
    expect(copied).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});
