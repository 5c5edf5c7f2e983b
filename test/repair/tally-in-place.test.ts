// The column tally read in place (addCells, what normalize's pass uses) decides what the tally of strings
// (add, what the sample is decided on) decides, cells accepted in place (ACCEPTED) included.
import { describe, expect, it } from 'vitest';
import { createColumnTally, sameDecisions } from '../../src/repair/analyze.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import { RowView } from '../../src/validate/row-view.js';
import { ACCEPTED } from '../../src/validate/loop.js';
import type { CellResult } from '../../src/fields/types.js';
import type { Field } from '../../src/schema/types.js';
import type { RawRow } from '../../src/io/types.js';

const FIELDS: Field[] = [
  { name: 'x', type: 'number' },
  { name: 'n', type: 'integer' },
  { name: 'd', type: 'date' },
  { name: 's', type: 'string' },
  { name: 'e', type: 'string', constraints: { enum: ['réel', 'ordre'] } },
  // An enum of ASCII texts: its cells accepted in place count for nothing, the others as any text's.
  { name: 'a', type: 'string', constraints: { enum: ['ordre', 'x'] } },
];

// The first two values of each pool come first (plain and English numbers, mojibake and ASCII), the others
// later: the decisions change on the way (ambiguous numbers, clean non-ASCII text).
const POOLS: string[][] = [
  ['1.5', '1,234.5', '1.234', '12.25', '12.345', '1,5', '1 234,5', ' 2.5', '', '-3', '+0.125', '1e3', 'x'],
  ['12', '007', '1.234', '1,234', '1 234', '', '-4'],
  ['2020-01-31', '43831', '31/01/2020', '09/15/2020', '01/02/2020', ''],
  ['plain', 'Caf\u00c3\u00a9', 'é', ' x ', '', '\u00a0', 'a\u0092b'],
  ['ordre', 'r\u00c3\u00a9el', 'réel', 'Réel', ''],
  ['ordre', 'x', 'Caf\u00c3\u00a9', ' x', 'é', ''],
];

describe('createColumnTally: addCells', () => {
  it.each([1, 2, 3, 4, 5, 6])('decides as add, row after row (seed %i)', (seed) => {
    let s = seed;
    const random = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const fed = FIELDS.map((field, i) => ({ field, column: i, fieldIndex: i }));
    const plans = FIELDS.map((f) => compileFieldPlan(f));
    const strings = createColumnTally(fed);
    const inPlace = createColumnTally(fed);
    const view = new RowView();
    let accepted = 0;
    for (let r = 0; r < 400; r++) {
      // Each column keeps to a few values for a while, so that decisions settle and change.
      const cells = POOLS.map((pool) => pool[Math.floor(random() * (r < 200 ? 2 : pool.length))]!);
      const results: (CellResult | undefined)[] = cells.map((c, i) => plans[i]!.evaluate(c));
      strings.add(cells, { cells, results });
      // As the loop hands them: a cell its plan accepts in place has the result ACCEPTED and no text.
      let text = '';
      const bounds = new Int32Array(2 * cells.length);
      const inPlaceResults = results.slice();
      const texts = cells.slice();
      cells.forEach((c, i) => {
        text += '|';
        bounds[2 * i] = text.length;
        text += c;
        bounds[2 * i + 1] = text.length;
        if (plans[i]!.acceptsAt?.(c, 0, c.length) === true) {
          inPlaceResults[i] = ACCEPTED;
          texts[i] = '';
          accepted++;
        }
      });
      const raw = {
        rowNumber: r + 2,
        line: r + 2,
        cells,
        cuts: { text, bounds, at: 0, count: cells.length },
      } as RawRow;
      view.reset(raw);
      inPlace.addCells(view, { cells: texts, results: inPlaceResults, accepted: ACCEPTED });
      expect(sameDecisions(inPlace.decisions(), strings.decisions()), `row ${r}`).toBe(true);
    }
    expect(accepted).toBeGreaterThan(400);
  });
});
