// The in-place tests of cells (CompiledFieldPlan.acceptsAt, the fixed-form patterns, the SIRET and
// SIREN checks) against what they stand for, on thousands of seeded texts, valid and invalid, read at
// arbitrary offsets inside a larger text: acceptsAt is true exactly when evaluate accepts the cell
// with no finding.
import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random.js';
import { compileFieldPlan } from '../../src/fields/compile.js';
import { compilePatternAt } from '../../src/fields/pattern-at.js';
import { compilePattern, type CompiledPattern } from '../../src/text/pattern.js';
import { siretProblem, siretValidAt } from '../../src/checks/siret.js';
import { sirenProblem, sirenValidAt } from '../../src/checks/siren.js';
import type { CellResult } from '../../src/fields/types.js';
import type { Field } from '../../src/schema/types.js';

type Rand = () => number;

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** A text of 0 to `max` pieces. */
function textOf(rand: Rand, pieces: readonly string[], max: number): string {
  let t = '';
  const n = Math.floor(rand() * (max + 1));
  for (let i = 0; i < n; i++) t += pick(rand, pieces);
  return t;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** `n` random digits. */
function digits(rand: Rand, n: number): string {
  let t = '';
  for (let i = 0; i < n; i++) t += pick(rand, DIGITS);
  return t;
}

// What may stand around a cell in a decoded chunk: other cells, separators, quotes, line ends,
// characters of the cell's own kind (a test that reads past the cell's end would see them).
const AROUND = [
  '',
  ',',
  ';',
  '"',
  '\n',
  '\r\n',
  '0',
  '9',
  '-',
  'a',
  'é',
  '😀',
  '2020-01-01',
  '12345678901234',
];

/** `t` inside a larger text: [source, start, end]. */
function placed(rand: Rand, t: string, around: readonly string[] = AROUND): [string, number, number] {
  const before = textOf(rand, around, 4);
  const after = textOf(rand, around, 4);
  return [before + t + after, before.length, before.length + t.length];
}

const plainOk = (r: CellResult): boolean => r.kind === 'ok' && r.unchecked === undefined;

/** `t` changed in one or two places (a piece inserted, a character dropped or replaced), or kept. */
function mutated(rand: Rand, text: string, pieces: readonly string[]): string {
  let t = text;
  if (rand() < 0.5) return t;
  const n = 1 + Math.floor(rand() * 2);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * (t.length + 1));
    const r = rand();
    if (r < 0.4) t = t.slice(0, i) + pick(rand, pieces) + t.slice(i);
    else if (r < 0.7) t = t.slice(0, i) + t.slice(i + 1);
    else t = t.slice(0, i) + pick(rand, pieces) + t.slice(i + 1);
  }
  return t;
}

/**
 * The listed texts and 3,000 generated ones (`make`, then maybe changed by `mutated`), each read in
 * place by the plan inside a larger text: acceptsAt agrees with evaluate. The one difference allowed
 * by design: a number or integer with surrounding spaces is valid, but goes through evaluate so that
 * the number-spaces check sees it (acceptsAt is false for it).
 */
function agree(
  field: Field,
  texts: readonly string[],
  seed: number,
  make: (rand: Rand) => string,
  pieces: readonly string[],
  around: readonly string[] = AROUND,
): void {
  const plan = compileFieldPlan(field);
  expect(plan.acceptsAt, field.name).toBeDefined();
  const rand = random(seed);
  const all = [...texts];
  for (let i = 0; i < 3000; i++) all.push(mutated(rand, make(rand), pieces));
  const spaced = field.type === 'integer' || field.type === 'number';
  let accepted = 0;
  for (const t of all) {
    const [source, start, end] = placed(rand, t, around);
    const at = plan.acceptsAt!(source, start, end);
    const expected = plainOk(plan.evaluate(t)) && !(spaced && t.trim() !== t);
    expect(at, JSON.stringify(t)).toBe(expected);
    if (at) accepted++;
  }
  // Both answers are met often enough for the comparison to mean something.
  expect(accepted).toBeGreaterThan(all.length / 10);
  expect(accepted).toBeLessThan((all.length * 9) / 10);
}

const NOISE = ['-', '+', '.', ' ', 'e', ',', '\u00a0', '\u0663', 'x', '😀', '0', '9'];

describe('acceptsAt agrees with evaluate', () => {
  const years = ['2021', '0000', '9999', '202', '20210', ' 2021', '2021 ', '+202', '-202', '2021.0', ''];
  const year = (rand: Rand): string => (rand() < 0.5 ? '20' + digits(rand, 2) : digits(rand, 4));
  it.each([
    { name: 'year', type: 'year' },
    { name: 'year-bounds', type: 'year', constraints: { minimum: 2010, maximum: 2050 } },
    {
      name: 'year-exclusive',
      type: 'year',
      constraints: { exclusiveMinimum: 2000, exclusiveMaximum: '2060' },
    },
    { name: 'year-enum', type: 'year', constraints: { enum: [2020, '2021', 2022, 2023, 2024, 1999] } },
  ] as Field[])('$name', (field) => {
    const make = field.name === 'year-enum' ? (rand: Rand) => `202${digits(rand, 1)}` : year;
    agree(field, years, 1, make, NOISE);
  });

  const integers = [
    '0',
    '-0',
    '+0',
    '007',
    '-12',
    '+5',
    '1.0',
    '1e3',
    '1,5',
    ' 1',
    '1 ',
    '-',
    '+',
    '--1',
    '',
  ];
  const long = [
    '9007199254740993',
    '-9007199254740993',
    '123456789012345',
    '1234567890123456',
    '99999999999999999999',
  ];
  const integer = (rand: Rand): string =>
    (rand() < 0.3 ? pick(rand, ['-', '+']) : '') +
    digits(rand, 1 + Math.floor(rand() * (rand() < 0.9 ? 4 : 20)));
  it.each([
    { name: 'integer', type: 'integer' },
    { name: 'integer-bounds', type: 'integer', constraints: { minimum: -5, maximum: '9007199254740993' } },
    { name: 'integer-min-big', type: 'integer', constraints: { minimum: '-1234567890123456' } },
    { name: 'integer-enum', type: 'integer', constraints: { enum: [0, 7, -7, 12, '9007199254740993'] } },
  ] as Field[])('$name', (field) => {
    const enumTexts = ['0', '7', '-7', '12', '9007199254740993', '+7', '-0', '07', '8'];
    const make = field.name === 'integer-enum' ? (rand: Rand) => pick(rand, enumTexts) : integer;
    agree(field, [...integers, ...long], 2, make, NOISE);
  });

  const dates = [
    '2020-02-29',
    '2021-02-29',
    '2000-02-29',
    '1900-02-29',
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
    '2020-13-01',
    '2020-00-10',
    '2020-04-31',
    '2020-4-01',
    '2020-04-1',
    '2020/04/01',
    '01/04/2020',
    '2020-04-01T00:00:00',
    ' 2020-04-01',
    '2020-04-01 ',
    '+020-04-01',
    '',
  ];
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = (rand: Rand): string =>
    `${rand() < 0.7 ? '20' + digits(rand, 2) : digits(rand, 4)}-${two(Math.floor(rand() * 14))}-${two(Math.floor(rand() * 33))}`;
  it.each([
    { name: 'date', type: 'date' },
    { name: 'date-bounds', type: 'date', constraints: { minimum: '2000-01-01', maximum: '2060-12-31' } },
    { name: 'date-enum', type: 'date', constraints: { enum: ['2020-02-29', '2021-01-01'] } },
  ] as Field[])('$name', (field) => {
    const enumTexts = ['2020-02-29', '2021-01-01', '2021-01-02'];
    const make = field.name === 'date-enum' ? (rand: Rand) => pick(rand, enumTexts) : date;
    agree(field, dates, 3, make, ['-', '/', ' ', 'T', '0', '1', '9', '\u0663']);
  });

  const members = ['réel', 'ordre', 'recette', 'dépense', 'investissement', 'fonctionnement', 'ordres'];
  it.each([
    { name: 'enum', type: 'string', constraints: { enum: ['réel', 'ordre', 'recette', 'dépense'] } },
    // Members of one length that differ late, and one that is a prefix of another.
    {
      name: 'enum-same-length',
      type: 'string',
      constraints: { enum: ['investissement', 'fonctionnement', 'ordre', 'ordres'] },
    },
    {
      name: 'enum-lengths',
      type: 'string',
      constraints: { enum: ['réel', 'ordre', 'ordres'], minLength: 5 },
    },
    // The empty text is a member, but a missing cell: never accepted in place.
    { name: 'enum-empty-member', type: 'string', constraints: { enum: ['', 'réel', 'ordre'] } },
  ] as Field[])('$name', (field) => {
    const noise = ['e', 'é', 's', ' ', 'E', '😀'];
    agree(field, ['Réel', 'depense', 'dépensé', ''], 4, (rand) => pick(rand, members), noise);
  });

  // Members of 10 characters or more are looked for by a regular expression (one per length): labels,
  // members with the expression's special characters, lone surrogates, members of one length differing
  // at their last character, one a prefix of another, and short members next to them.
  const longMembers = [
    'décision modificative',
    'décision modificativf',
    'budget primitif',
    'budget primitifs',
    'a.b|c(d)*+?x',
    'a.b|c(d)*+?y',
    '[^x]{2}$\\/^\\1',
    '\ud800 lone\udfff ends',
    'non\u00a0spécialisé',
    'non spécialisé',
    'spécialisé',
    'réel',
    'ordre',
  ];
  it.each([
    { name: 'enum-long', type: 'string', constraints: { enum: longMembers.slice(0, 8) } },
    { name: 'enum-long-short', type: 'string', constraints: { enum: longMembers.slice(5) } },
  ] as Field[])('$name', (field) => {
    const noise = ['e', 'é', 'f', ' ', '\u00a0', '.', '|', '\ud800', '\\', '😀', 's'];
    const texts = ['décision modificativ', 'axb|c(d)*+?x', 'a.b|c(d)*+?', '[^x]{2}$\\/^\\', 'spécialisée'];
    // Members around the cell too: a test that looked past the cell's bounds would find them.
    agree(field, texts, 6, (rand) => pick(rand, longMembers), noise, [...AROUND, ...longMembers]);
  });

  // minLength and maxLength together are one test (lengthsAt), quick for 2 × min to max UTF-16 units:
  // texts of astral characters (two units, one code point) and lone surrogates at both bounds.
  const lengthPieces = ['a', 'é', '😀', '\ud800', '0', ' '];
  it.each([
    { name: 'lengths-code', type: 'string', constraints: { minLength: 1, maxLength: 9 } },
    { name: 'lengths-narrow', type: 'string', constraints: { minLength: 3, maxLength: 5 } },
    { name: 'lengths-exact', type: 'string', constraints: { minLength: 4, maxLength: 4 } },
    { name: 'lengths-zero', type: 'string', constraints: { minLength: 0, maxLength: 3 } },
    { name: 'lengths-required', type: 'string', constraints: { required: true, minLength: 2, maxLength: 6 } },
  ] as Field[])('$name', (field) => {
    const texts = [
      '😀',
      '😀😀',
      '😀😀😀',
      'a😀',
      '\ud800\ud800',
      'abcd',
      'abcde',
      'abcdef',
      'abcdefghij',
      '',
    ];
    const most = (field.constraints!.maxLength as number) + 2;
    agree(field, texts, 7, (rand) => textOf(rand, lengthPieces, most), lengthPieces);
  });

  const patternTexts: Record<string, (rand: Rand) => string> = {
    'siret-pattern': (rand) => digits(rand, 14),
    'pattern-unanchored': (rand) => digits(rand, 5),
    'pattern-variable': (rand) => `FR${textOf(rand, ['0', '9', 'A', 'F'], 5)}-x`,
    'pattern-plus': (rand) => `${textOf(rand, ['a', 'é', 'z'], 5)}${digits(rand, 2)}`,
    'pattern-empty': (rand) => digits(rand, Math.floor(rand() * 3)),
  };
  it.each([
    { name: 'siret-pattern', type: 'string', constraints: { pattern: '^\\d{14}$' } },
    { name: 'pattern-unanchored', type: 'string', constraints: { pattern: '[0-9]{5}' } },
    { name: 'pattern-variable', type: 'string', constraints: { pattern: '^FR[0-9A-F]{2,4}(?:-)x$' } },
    { name: 'pattern-plus', type: 'string', constraints: { pattern: '^[a-zé]+[0-9]{2}$', maxLength: 6 } },
    // A pattern the empty text matches: an empty cell is still missing.
    { name: 'pattern-empty', type: 'string', constraints: { pattern: '^[0-9]*$' } },
  ] as Field[])('$name', (field) => {
    const noise = ['0', '9', 'F', 'G', 'x', '-', 'é', 'a', '😀', '\ud800', ' ', 'FR'];
    const texts = ['12345678901234', '1234567890123', '123456789012345', 'FR0A-x', 'FR0AB-x', 'é12'];
    agree(field, texts, 5, patternTexts[field.name]!, noise);
  });
});

describe('fixed-form patterns agree with the pattern engine', () => {
  // Random patterns of the fixed form and around it: every one compilePatternAt takes must give the
  // engine's verdict on every generated text, in place.
  const ATOMS = [
    'a',
    'b',
    '\\d',
    '[a-c]',
    '[0-9é]',
    '[^a]',
    '.',
    '\\w',
    '\\s',
    '😀',
    '\\.',
    '[\\-x]',
    '(?:ab)',
    '(a)',
    '(?:a)',
  ];
  const QUANTIFIERS = ['', '', '', '?', '*', '+', '{2}', '{1,3}', '{0}', '{2,}', '+?'];
  const TEXT = ['a', 'b', 'c', '0', '5', '9', 'é', '😀', '\ud83d', '.', '-', 'x', ' ', '\n', 'ab'];

  it('on 600 generated patterns', () => {
    const rand = random(21);
    let compiled = 0;
    for (let p = 0; p < 600; p++) {
      let source = rand() < 0.7 ? '^' : '';
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) source += pick(rand, ATOMS) + pick(rand, QUANTIFIERS);
      if (rand() < 0.7) source += '$';
      if (rand() < 0.05) source = `(?i)${source}`;
      const re = compilePattern(source);
      if (typeof re === 'string') continue;
      const at = compilePatternAt(re);
      if (at === undefined) continue;
      compiled++;
      for (let k = 0; k < 60; k++) {
        // Half the texts are made of the pattern's own characters, so that many match.
        const t = rand() < 0.5 ? textOf(rand, TEXT, 6) : textOf(rand, ['a', 'b', '0', '7', 'é', 'x', '-'], 4);
        const [text, start, end] = placed(rand, t);
        expect(at(text, start, end), `${source} on ${JSON.stringify(t)}`).toBe(re.test(t));
      }
    }
    expect(compiled).toBeGreaterThan(60);
  });

  it('leaves other patterns to the engine', () => {
    const others = [
      '^(a|b)$',
      'a|b',
      '^.{3}$',
      '^\\w+$',
      '^[^0-9]+$',
      '(?i)^a$',
      '^a+b*$',
      '^(?=a)a$',
      '^(a)\\1$',
      '^\\p{L}$',
      '^(?:ab)+$',
      '^a\\b$',
    ];
    for (const p of others) expect(compilePatternAt(compilePattern(p) as CompiledPattern), p).toBeUndefined();
  });
});

/** A text of `length` digits starting with `prefix` whose last digit makes the Luhn key right. */
function withKey(rand: Rand, prefix: string, length: number): string {
  const body = prefix + digits(rand, length - 1 - prefix.length);
  for (const k of DIGITS) {
    const t = body + k;
    let sum = 0;
    for (let i = 0; i < t.length; i++) {
      let d = t.charCodeAt(t.length - 1 - i) - 48;
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return t;
  }
  throw new Error('unreachable');
}

describe('SIRET and SIREN in place agree with their checks', () => {
  it('siretValidAt', () => {
    const rand = random(31);
    const texts = ['35600000000048', '35600000000049', '35600000000055', '356000000', '21330004900012', ''];
    for (let i = 0; i < 4000; i++) {
      const r = rand();
      if (r < 0.3) texts.push(withKey(rand, withKey(rand, '', 9), 14));
      else if (r < 0.45) texts.push(withKey(rand, '356000000', 14));
      else if (r < 0.6) texts.push(`356000000${digits(rand, 5)}`);
      else if (r < 0.65) {
        // La Poste's SIREN with one digit changed, and its head office's last digits near 00048:
        // told apart by the digits read as numbers in place.
        const k = Math.floor(rand() * 9);
        const siren = `${'356000000'.slice(0, k)}${pick(rand, DIGITS)}${'356000000'.slice(k + 1)}`;
        texts.push(rand() < 0.5 ? withKey(rand, siren, 14) : `${siren}${digits(rand, 5)}`);
        texts.push(`356000000${pick(rand, ['00048', '00480', '00148', '10048', '00049', '00008'])}`);
      } else if (r < 0.8) texts.push(digits(rand, 13 + Math.floor(rand() * 3)));
      else texts.push(textOf(rand, [...DIGITS, ' ', '.', 'a', '\u0663'], 15));
    }
    let valid = 0;
    for (const t of texts) {
      const [text, start, end] = placed(rand, t);
      const expected = siretProblem(t) === undefined;
      expect(siretValidAt(text, start, end), t).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(texts.length - 500);
  });

  it('sirenValidAt', () => {
    const rand = random(32);
    const texts = ['213300049', '213300048', ''];
    for (let i = 0; i < 3000; i++) {
      const r = rand();
      if (r < 0.4) texts.push(withKey(rand, '', 9));
      else if (r < 0.7) texts.push(digits(rand, 8 + Math.floor(rand() * 3)));
      else texts.push(textOf(rand, [...DIGITS, ' ', 'a'], 10));
    }
    let valid = 0;
    for (const t of texts) {
      const [text, start, end] = placed(rand, t);
      const expected = sirenProblem(t) === undefined;
      expect(sirenValidAt(text, start, end), t).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(texts.length - 500);
  });
});
