// normalize's in-place path (cells no repair changes accepted without their strings, written from the row
// read in place) writes the same bytes and says the same things as the path that makes every cell a string.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFile, type NormalizeOptions } from '../../src/run/normalize-file.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import type { Field } from '../../src/schema/types.js';
import { random } from '../../scripts/random.js';

/**
 * Which path the repairer's evaluators take, how many cells the in-place tests accepted, and how many of
 * those were blank or began with a space (none may: the filled count takes an accepted cell as filled).
 */
const mode = vi.hoisted(() => ({ strings: false, accepted: 0, blank: 0 }));

vi.mock('../../src/repair/policy.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/repair/policy.js')>();
  return {
    ...real,
    createRepairer: (...args: Parameters<typeof real.createRepairer>) => {
      const repairer = real.createRepairer(...args);
      const evaluator = repairer.evaluator.bind(repairer);
      repairer.evaluator = (i, evaluate, acceptsAt) => {
        // The all-strings path: the plan's in-place test is not handed over, every cell is evaluated.
        if (mode.strings) return evaluator(i, evaluate);
        const ev = evaluator(i, evaluate, acceptsAt);
        const at = ev.acceptsAt;
        if (at !== undefined)
          ev.acceptsAt = (text, start, end) => {
            const ok = at(text, start, end);
            if (ok) mode.accepted++;
            const first = start < end ? text.charCodeAt(start) : -1;
            if (ok && !(first > 32 && first !== 0xa0 && first < 0x1680)) mode.blank++;
            return ok;
          };
        return ev;
      };
      return repairer;
    },
  };
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-in-place-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A SIRET-like 14-digit code whose Luhn key is right. */
function luhnValid(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const code = body + String(d);
    let sum = 0;
    for (let i = 0; i < code.length; i++) {
      let n = Number(code[code.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return code;
  }
  throw new Error('unreachable');
}

const SCHEMA = {
  fields: [
    { name: 'fr', type: 'number' },
    { name: 'mixed', type: 'number' },
    { name: 'n', type: 'integer', constraints: { minimum: -100000 } },
    { name: 'y', type: 'year' },
    { name: 'd', type: 'date' },
    { name: 'serial', type: 'date' },
    { name: 'code', type: 'string', constraints: { pattern: '^\\d{5}$' } },
    { name: 'siret', type: 'string', constraints: { pattern: '^\\d{14}$' } },
    { name: 'kind', type: 'string', constraints: { required: true, enum: ['réel', 'ordre', 'a, b'] } },
    { name: 'flag', type: 'boolean' },
    { name: 'text', type: 'string' },
    { name: 'mojibake', type: 'string' },
    { name: 'short', type: 'string', constraints: { maxLength: 6 } },
    { name: 'id', type: 'string', constraints: { unique: true } },
    // An enum value with a space at its end: trimmed to the other when read (the rewrite before the checks).
    { name: 'padded', type: 'string', constraints: { enum: ['x', 'x '] } },
  ],
  custom_checks: [{ name: 'french-siret-value', params: { column: 'siret' } }],
};

/** The cells each column draws from: valid as written, repairable, or not valid at all. */
function pools(next: () => number): Record<string, string[]> {
  const siret = luhnValid('2133000490001');
  const other = luhnValid(String(21000000000000 + Math.floor(next() * 1e9)).slice(0, 13));
  return {
    fr: ['12', '1 234,56', '3,5', '-0,25', '1\u00a0000,5', ' 7,0', '', '12,5 '],
    mixed: ['1.5', '1234.56', '1,5', '1.234', '-3', '+4.25', ' 2.5', '2.5 ', '1e3', 'abc', '', '0.10', '.5'],
    n: ['42', '007', '+5', '-12', ' 42', '12.0', '4 2', '', '-0', '999999'],
    y: ['2020', '0999', ' 2021', '20', '2021 ', ''],
    d: ['2020-01-31', '31/01/2020', '15/09/2020', '2020-1-5', '2020-02-30', '', ' 2020-03-01', '1/9/2020'],
    serial: ['43831', '44000', '43831.0', ''],
    code: ['01234', '1234', '12a45', ' 01234', '', '99999'],
    siret: [siret, other, `${siret}.0`, `${siret.slice(0, 9)} ${siret.slice(9)}`, ` ${siret}`, '123', ''],
    kind: ['réel', 'ordre', 'Réel', 'ORDRE', ' réel', 'a, b', '', 'autre'],
    flag: ['true', 'false', '1', '0', 'Oui', 'non', 'x', ''],
    text: [
      'plain',
      'a, b',
      'say "hi"',
      ' spaced ',
      ' lead',
      'trail ',
      '\u00a0nbsp',
      'line\nbreak',
      'é',
      '\u0092quote',
      '=1+1',
      '',
      'x\ty',
    ],
    mojibake: ['Caf\u00c3\u00a9', 'plain', 'd\u00c3\u00a9j\u00c3\u00a0', ''],
    short: ['abc', 'abcdefgh', ' ab ', 'é', ''],
    padded: ['x', 'x ', ' x', 'y', ''],
  };
}

/** A CSV cell written the way a spreadsheet would, quoted when it must be. */
function csvCell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A generated table: `rows` rows drawing from the pools, with an extra column; LF or CRLF. */
function table(
  seed: number,
  rows: number,
  delimiter: string,
  eol: string,
  lateContradiction: boolean,
): string {
  const next = random(seed);
  const p = pools(next);
  const names = SCHEMA.fields.map((f) => f.name);
  const header = [...names, 'extra'];
  const lines = [header.join(delimiter)];
  for (let r = 0; r < rows; r++) {
    const cells = names.map((name) => {
      if (name === 'id') return `id${r % (rows - 3)}`;
      const pool = p[name]!;
      // Mostly the first (valid) values, as in real files, with the others scattered.
      const k = next() < 0.6 ? Math.floor(next() * 2) : Math.floor(next() * pool.length);
      return pool[k]!;
    });
    // A dot-decimal number late in the French column: the sample's decision is contradicted.
    if (lateContradiction && r === rows - 5) cells[0] = '1.5';
    const extra = ['x', '', ' y ', 'a,b'][r % 4]!;
    const line = [...cells, extra].map((c) => csvCell(c, delimiter)).join(delimiter);
    // Now and then a short or a long row.
    if (r % 97 === 5) lines.push(line.split(delimiter).slice(0, 5).join(delimiter));
    else if (r % 89 === 7) lines.push(`${line}${delimiter}beyond`);
    else lines.push(line);
  }
  return lines.join(eol) + eol;
}

interface Outcome {
  output?: Buffer;
  rejected?: Buffer;
  result: string;
}

async function normalizeBoth(input: string, options: Partial<NormalizeOptions>): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const strings of [false, true]) {
    mode.strings = strings;
    const output = path.join(dir, `out-${strings ? 'strings' : 'in-place'}.csv`);
    const result = await normalizeFile(input, { output, schema: SCHEMA as never, ...options });
    const rejected = output.replace(/\.csv$/, '.rejected.csv');
    const { file, output: written, rejected: rej, ...rest } = result;
    out.push({
      ...(existsSync(output) ? { output: readFileSync(output) } : {}),
      ...(existsSync(rejected) ? { rejected: readFileSync(rejected) } : {}),
      result: JSON.stringify({
        file: { ...file, path: undefined },
        output: written && { ...written, path: undefined },
        rejected: rej && { ...rej, path: undefined },
        ...rest,
      }),
    });
    rmSync(output, { force: true });
    rmSync(rejected, { force: true });
  }
  return out;
}

describe('normalize in place', () => {
  const variants: [string, Partial<NormalizeOptions>][] = [
    ['default', {}],
    ['--keep-extra --bom', { keepExtra: true, bom: true }],
    ['--drop-invalid', { dropInvalid: true }],
    ['--escape-formulas', { escapeFormulas: true }],
    ['--redact text', { redact: { targets: ['text'], action: 'mask' } }],
  ];
  const tables: [string, number, string, string, boolean][] = [
    ['comma, LF', 11, ',', '\n', false],
    ['semicolon, CRLF', 23, ';', '\r\n', false],
    ['a decision contradicted after the sample', 37, ',', '\n', true],
  ];

  it.each(tables)(
    'writes and reports the same as the all-strings path: %s',
    async (_n, seed, delim, eol, late) => {
      const input = path.join(dir, `t${seed}.csv`);
      writeFileSync(input, table(seed, 2000, delim, eol, late));
      for (const [name, options] of variants) {
        mode.accepted = 0;
        mode.blank = 0;
        const [inPlace, strings] = await normalizeBoth(input, options);
        // The in-place path was taken for many cells, and the other path never.
        expect(mode.accepted, name).toBeGreaterThan(5000);
        expect(mode.blank, name).toBe(0);
        expect(inPlace!.output?.toString('utf8'), name).toBe(strings!.output?.toString('utf8'));
        expect(inPlace!.rejected?.toString('utf8'), name).toBe(strings!.rejected?.toString('utf8'));
        expect(inPlace!.result, name).toBe(strings!.result);
      }
      // The tables hold repairs of every kind, so the comparison covers them (French numbers only while
      // no dot-decimal number contradicts them).
      if (late) return;
      const { result } = (await normalizeBoth(input, {}))[0]!;
      const kinds = new Set((JSON.parse(result).repairs as { kind: string }[]).map((r) => r.kind));
      for (const kind of [
        'whitespace',
        'french-number',
        'date-format',
        'serial-date',
        'boolean',
        'enum',
        'leading-zeros',
      ])
        expect([...kinds], kind).toContain(kind);
    },
  );

  it('accepts in place only cells whose canonical text is their text', () => {
    // The writer copies an accepted cell as read: every plan's in-place test must mean exactly that.
    const fields: Field[] = [
      { name: 'x', type: 'number' },
      { name: 'n', type: 'integer' },
      { name: 'y', type: 'year' },
      { name: 'd', type: 'date' },
      { name: 's', type: 'string', constraints: { enum: ['réel', 'a, b'] } },
      { name: 's', type: 'string', constraints: { pattern: '^\\d{3}$', maxLength: 5 } },
      { name: 's', type: 'string' },
    ];
    const pieces = [
      '0',
      '1',
      '9',
      '-',
      '+',
      '.',
      ',',
      'e',
      'E',
      ' ',
      '/',
      'é',
      'a',
      '2020-01-31',
      'réel',
      '\u00a0',
    ];
    let seed = 5;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let accepted = 0;
    for (const field of fields) {
      const plan = compileFieldPlan(field);
      const at = plan.acceptsAt;
      expect(at, field.type).toBeDefined();
      for (let k = 0; k < 5000; k++) {
        let t = '';
        const n = Math.floor(random() * 7);
        for (let j = 0; j < n; j++) t += pieces[Math.floor(random() * pieces.length)];
        const source = `«${t}»`;
        if (!at!(source, 1, 1 + t.length)) continue;
        accepted++;
        const r = plan.evaluate(t);
        expect(r.kind === 'ok' && r.canonical, `${field.type} ${JSON.stringify(t)}`).toBe(t);
      }
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
