// Tests of dialect sniffing: delimiter by field-count consistency, quote-aware, line terminator.
import { describe, expect, it } from 'vitest';
import { sniffDialect } from '../../src/io/dialect.js';

const semicolonWithCommas = [
  'nom;adresse;commentaire;montant',
  'Dupont;12, rue des Lilas;oui, non, peut-être;12,5',
  'Martin;3 place, Paris;ok;7,25',
  'Durand;1, 2, 3 avenue;a,b,c,d,e;100',
  'Petit;rue X;;0,5',
].join('\n');

// [name, sample, complete, expected delimiter, expected terminator]
const cases: [string, string, boolean, string, string | undefined][] = [
  ['comma', 'a,b,c\n1,2,3\n4,5,6\n', true, ',', 'LF'],
  ['semicolon', 'a;b;c\r\n1;2;3\r\n', true, ';', 'CRLF'],
  ['tab', 'a\tb\n1\t2\n', true, '\t', 'LF'],
  ['pipe', 'a|b|c\r1|2|3\r', true, '|', 'CR'],
  ['semicolon file whose text has many commas', semicolonWithCommas, true, ';', 'LF'],
  ['comma file with semicolons inside quotes', 'a,b\n"x;y;z",1\n"p;q",2\n', true, ',', 'LF'],
  ['semicolon file with quoted commas', 'a;b;c\n"1,2";"3,4";5\n"6,7";8;9\n', true, ';', 'LF'],
  ['single column', 'nom\nDupont\nMartin\n', true, ',', 'LF'],
  ['single column with a comma in one cell', 'nom\nDupont\nMartin, Jean\nPetit\n', true, ';', 'LF'],
  ['single line, no break', 'a;b;c', true, ';', undefined],
  ['title rows above the header', 'Budget 2023;;;\n;;;\nA;B;C;D\n1;2;3;4\n5;6;7;8\n', true, ';', 'LF'],
  ['multi-line quoted cell', 'a;b\n"x\ny, z, w";1\n2;3\n', true, ';', 'LF'],
  ['tie goes to the wider table', 'a,b;c;d\n1,2;3;4\n', true, ';', 'LF'],
  ['full tie goes to the earlier candidate', 'a,b;c\n1,2;3\n', true, ',', 'LF'],
  ['mostly LF with one CRLF', 'a,b\n1,2\n3,4\r\n5,6\n', true, ',', 'LF'],
];

describe('sniffDialect', () => {
  it.each(cases)('%s', (_name, sample, complete, delimiter, terminator) => {
    const guess = sniffDialect(sample, { complete });
    expect(guess.delimiter).toBe(delimiter);
    expect(guess.quoteChar).toBe('"');
    expect(guess.lineTerminator).toBe(terminator);
  });

  it('returns the sample rows scanned with the chosen dialect, with their lines', () => {
    const guess = sniffDialect('a;b\n"x\ny";1\n2;3\n', { complete: true });
    expect(guess.rows).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x\ny', '1'], line: 2 },
      { cells: ['2', '3'], line: 4 },
    ]);
    expect(guess.consistency).toBe(1);
  });

  it('leaves out a row cut by the end of an incomplete sample', () => {
    const guess = sniffDialect('a;b\n1;2\n3;"cut', { complete: false });
    expect(guess.rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(sniffDialect('a;b\n1;2\n3;4', { complete: false }).rows).toHaveLength(2);
    expect(sniffDialect('a;b\n1;2\n3;4', { complete: true }).rows).toHaveLength(3);
  });

  it('honours a forced delimiter and quote character', () => {
    const forced = sniffDialect('a,b;c\n1,2;3\n', { complete: true, delimiter: ';' });
    expect(forced.delimiter).toBe(';');
    expect(forced.rows[0]!.cells).toEqual(['a,b', 'c']);
    const single = sniffDialect("a;'x;y'\n1;2\n", { complete: true, quoteChar: "'" });
    expect(single.quoteChar).toBe("'");
    expect(single.rows[0]!.cells).toEqual(['a', 'x;y']);
  });

  it('scores only the first maxScoredRows rows', () => {
    const sample = 'a;b\n1;2\n' + 'x,y,z\n'.repeat(10);
    expect(sniffDialect(sample, { complete: true, maxScoredRows: 2 }).delimiter).toBe(';');
    expect(sniffDialect(sample, { complete: true }).delimiter).toBe(',');
  });

  it('an empty sample gives the default dialect', () => {
    const guess = sniffDialect('', { complete: true });
    expect(guess).toMatchObject({ delimiter: ',', quoteChar: '"', rows: [] });
    expect(guess.lineTerminator).toBeUndefined();
  });
});
