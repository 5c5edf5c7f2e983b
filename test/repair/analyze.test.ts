// Column analysis for normalize: how a number is written, and the decisions of a column tally.
import { describe, expect, it } from 'vitest';
import { createColumnTally, numberWriting } from '../../src/repair/analyze.js';
import type { Field } from '../../src/schema/types.js';
import { compileFieldPlan } from '../../src/fields/compile.js';

/** The writing of a number by the expressions alone (what numberWriting's one-scan path must agree with). */
function byPatterns(text: string): string | undefined {
  const s = '[ \\u00a0\\u202f]';
  const fr = new RegExp(`^[+-]?(?:\\d{1,3}(?:${s}\\d{3})+|\\d{1,3}(?:\\.\\d{3})+|\\d+),\\d+$`);
  const frInt = new RegExp(`^[+-]?\\d{1,3}(?:${s}\\d{3})+$`);
  const ambiguous = /^[+-]?\d{1,3}[,.]\d{3}$/;
  const en = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
  const plain = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  if (ambiguous.test(text)) return 'ambiguous';
  if (!text.includes(',') && !/[ \u00a0\u202f]/.test(text))
    return text.includes('.') && plain.test(text) ? 'plain' : undefined;
  if (fr.test(text) || frInt.test(text)) return 'fr';
  if (en.test(text)) return 'en';
  return plain.test(text) && text.includes('.') ? 'plain' : undefined;
}

describe('numberWriting', () => {
  it.each([
    ['1234.56', 'plain'],
    ['-3.5', 'plain'],
    ['.5', 'plain'],
    ['5.', 'plain'],
    ['12', undefined],
    ['1.234', 'ambiguous'],
    ['-1,234', 'ambiguous'],
    ['3,5', 'fr'],
    ['1 234,56', 'fr'],
    ['1.234,56', 'fr'],
    ['1 234', 'fr'],
    ['1,234.5', 'en'],
    ['1e3', undefined],
    ['1.5e3', 'plain'],
    ['.', undefined],
    ['+', undefined],
  ])('%j is %j', (text, writing) => {
    expect(numberWriting(text)).toBe(writing);
  });

  it('reads every short text of digits, signs, points, commas and spaces as the expressions do', () => {
    let seed = 9;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = '0123456789012345678901234567890123456789..,,+- \u00a0e';
    for (let k = 0; k < 50_000; k++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 10);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(numberWriting(text), text).toBe(byPatterns(text));
    }
  });
});

describe('createColumnTally', () => {
  const field = (name: string, type: string): Field => ({ name, type });
  const fields = [
    { field: field('n', 'number'), column: 0 },
    { field: field('d', 'date'), column: 1 },
    { field: field('s', 'string'), column: 2 },
  ];

  it('decides on every row, including those after a column is settled', () => {
    const tally = createColumnTally(fields);
    tally.add(['3,5', '45000', 'Ã©tÃ©']);
    expect(tally.decisions().get('n')).toMatchObject({ frenchNumbers: true, ambiguousNumbers: false });
    expect(tally.decisions().get('d')).toMatchObject({ serialDates: true, strayDates: false });
    expect(tally.decisions().get('s')).toMatchObject({ doubleEncoded: true });
    // A plain number next to French ones: two conventions, the column is left alone (and settled).
    tally.add(['1.5', '2020-01-02', 'été']);
    tally.add(['7,25', '09/15/2020', 'Ã©tÃ©']);
    expect(tally.decisions().get('n')).toMatchObject({ frenchNumbers: false, ambiguousNumbers: true });
    expect(tally.decisions().get('d')).toMatchObject({
      serialDates: false,
      strayDates: true,
      monthFirstDates: true,
    });
    expect(tally.decisions().get('s')).toMatchObject({ doubleEncoded: false });
  });
});

describe('createColumnTally with the rows cast', () => {
  it('decides what it decides from the texts alone, repaired cells and spaces included', () => {
    const fields: Field[] = [
      { name: 'a', type: 'number' },
      { name: 'b', type: 'number', bareNumber: false },
      { name: 'c', type: 'integer' },
      { name: 'd', type: 'number', decimalChar: ',' },
      { name: 'e', type: 'number', groupChar: ' ' },
    ];
    const pieces = ['1', '2', '12', '123', '.', ',', ' ', '\u00a0', '-', 'e', '€', '1.234', '1,5', '9 999'];
    let seed = 5;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = (): string => {
      let t = '';
      const n = 1 + Math.floor(random() * 4);
      for (let j = 0; j < n; j++) t += pieces[Math.floor(random() * pieces.length)];
      return t;
    };
    for (let column = 0; column < 300; column++) {
      // A column of plain numbers first (so the shortcut applies), then anything, some cells "repaired".
      const entries = fields.map((field, i) => ({ field, column: i, fieldIndex: i }));
      const plans = fields.map((f) => compileFieldPlan(f));
      const bare = createColumnTally(entries);
      const cast = createColumnTally(entries);
      const rows = 5 + Math.floor(random() * 30);
      for (let r = 0; r < rows; r++) {
        const cells = fields.map(() => (r < 2 ? `${r + 1}.5` : text()));
        const results = cells.map((c, i) => plans[i]!.evaluate(c));
        // A repair: the cast saw another text than the cell (a French number rewritten, say).
        const texts = cells.map((c) => (random() < 0.1 ? '1.5' : c));
        const repaired = texts.map((t, i) => (t === cells[i] ? results[i] : plans[i]!.evaluate(t)));
        bare.add(cells);
        cast.add(cells, { cells: texts, results: repaired });
        expect(cast.decisions()).toEqual(bare.decisions());
      }
    }
  });
});
