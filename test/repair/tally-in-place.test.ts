// The column tally read in place (addCells, what normalize's pass uses) decides what the tally of strings
// (add, what the sample is decided on) decides, cells accepted in place (ACCEPTED) included, and so it does
// given each row's fields not accepted in place (UnacceptedFields).
import { describe, expect, it } from 'vitest';
import { createColumnTally, sameDecisions, type InPlaceGuarantees } from '../../src/repair/analyze.js';
import { createRepairer } from '../../src/repair/policy.js';
import { UnacceptedFields } from '../../src/repair/unaccepted.js';
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

// The number column's first values are all accepted in place (plain numbers that read one way): they alone
// make the column mix plain and French writing once `1,5` comes.
const PLAIN_FIRST: string[][] = [['1.5', '12.25', '1,5', '3,25', '1.234', ''], ...POOLS.slice(1)];

/**
 * Row after row, the tally read in place (cells accepted in place by `acceptsAt`, with `guarantees`)
 * decides as the tally of strings, which decides as the tally that reads every cell.
 */
function decidesAsAdd(
  seed: number,
  acceptsAt: (i: number) => ((text: string, start: number, end: number) => boolean) | undefined,
  guarantees?: InPlaceGuarantees,
  pools: string[][] = POOLS,
  fields: Field[] = FIELDS,
): number {
  let s = seed;
  const random = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const fed = fields.map((field, i) => ({ field, column: i, fieldIndex: i }));
  const plans = fields.map((f) => compileFieldPlan(f));
  const strings = createColumnTally(fed);
  const inPlace = createColumnTally(fed, guarantees);
  // The same, given each row's fields not accepted in place (what normalize's pass gives it).
  const listed = createColumnTally(fed, guarantees);
  const unaccepted = new UnacceptedFields(fields.length);
  // Fed no cast results, the tally reads every cell (no valid cell is passed over): the reference.
  const every = createColumnTally(fed);
  const view = new RowView();
  let accepted = 0;
  for (let r = 0; r < 400; r++) {
    // Each column keeps to a few values for a while, so that decisions settle and change.
    const cells = pools.map((pool) => pool[Math.floor(random() * (r < 200 ? 2 : pool.length))]!);
    const results: (CellResult | undefined)[] = cells.map((c, i) => plans[i]!.evaluate(c));
    strings.add(cells, { cells, results });
    every.add(cells);
    expect(sameDecisions(strings.decisions(), every.decisions()), `row ${r}, valid cells passed over`).toBe(
      true,
    );
    // As the loop hands them: a cell accepted in place has the result ACCEPTED and no text.
    let text = '';
    const bounds = new Int32Array(2 * cells.length);
    const inPlaceResults = results.slice();
    const texts = cells.slice();
    cells.forEach((c, i) => {
      text += '|';
      bounds[2 * i] = text.length;
      text += c;
      bounds[2 * i + 1] = text.length;
      if (acceptsAt(i)?.(text, bounds[2 * i]!, bounds[2 * i + 1]!) === true) {
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
    const cast = { cells: texts, results: inPlaceResults, accepted: ACCEPTED };
    inPlace.addCells(view, cast);
    expect(sameDecisions(inPlace.decisions(), strings.decisions()), `row ${r}`).toBe(true);
    listed.addCells(view, cast, unaccepted.collect(inPlaceResults, ACCEPTED));
    expect(sameDecisions(listed.decisions(), inPlace.decisions()), `row ${r}, listed`).toBe(true);
  }
  return accepted;
}

describe('createColumnTally: addCells', () => {
  it.each([1, 2, 3, 4, 5, 6])('decides as add, row after row (seed %i)', (seed) => {
    const plans = FIELDS.map((f) => compileFieldPlan(f));
    expect(decidesAsAdd(seed, (i) => plans[i]!.acceptsAt)).toBeGreaterThan(400);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'decides as add with the repair policy’s in-place tests and guarantees (seed %i)',
    (seed) => {
      // The identifier column `s` (a SIRET check) and the number `x` are the guarantees' columns.
      const repairer = createRepairer(
        { fields: FIELDS, custom_checks: [{ name: 'french-siret-value', params: { column: 's' } }] },
        new Map(),
      );
      repairer.c1Controls(false);
      expect(FIELDS.map((_, i) => [repairer.ascii(i), repairer.unambiguous(i)])).toEqual([
        [false, true],
        [false, false],
        [false, false],
        [true, false],
        [false, false],
        [false, false],
      ]);
      const plans = FIELDS.map((f) => compileFieldPlan(f));
      const tests = FIELDS.map(
        (_, i) => repairer.evaluator(i, plans[i]!.evaluate, plans[i]!.acceptsAt).acceptsAt,
      );
      expect(decidesAsAdd(seed, (i) => tests[i], repairer)).toBeGreaterThan(400);
      expect(decidesAsAdd(seed, (i) => tests[i], repairer, PLAIN_FIRST)).toBeGreaterThan(400);
    },
  );

  it.each([1, 2, 3, 4, 5, 6])(
    'decides as add when the short code columns’ cells accepted in place are passed over (seed %i)',
    (seed) => {
      // Short code columns (at most 16 characters): their cells accepted in place are printable ASCII, so
      // the tally passes over them; the others (accented, double-encoded, C1, spaced) it reads.
      const fields: Field[] = [
        { name: 'c', type: 'string', constraints: { minLength: 1, maxLength: 9 } },
        { name: 'k', type: 'string', constraints: { maxLength: 16 } },
        { name: 'l', type: 'string', constraints: { maxLength: 17 } },
        { name: 'e', type: 'string', constraints: { maxLength: 6, enum: ['réel', 'ordre'] } },
      ];
      const pools = [
        ['6135', '012', 'd\u00c3\u00a9p', 'dép', ' 65', 'a\u0092b', '', '2A'],
        ['Caf\u00c3\u00a9', '321', 'é', 'x\ty', 'ab', ''],
        ['plain', 'Caf\u00c3\u00a9', 'é', 'x'],
        ['ordre', 'r\u00c3\u00a9el', 'réel', ''],
      ];
      const repairer = createRepairer({ fields }, new Map());
      repairer.c1Controls(seed % 2 === 0);
      expect(fields.map((_, i) => repairer.ascii(i))).toEqual([true, true, false, false]);
      const plans = fields.map((f) => compileFieldPlan(f));
      const tests = fields.map(
        (_, i) => repairer.evaluator(i, plans[i]!.evaluate, plans[i]!.acceptsAt).acceptsAt,
      );
      expect(decidesAsAdd(seed, (i) => tests[i], repairer, pools, fields)).toBeGreaterThan(400);
    },
  );
});
