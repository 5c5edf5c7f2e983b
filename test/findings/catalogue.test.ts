import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogue, messageOf, hintOf } from '../../src/findings/catalogue.js';
import { errorsDoc } from '../../src/findings/doc.js';
import { EXPLANATIONS } from '../../src/findings/explanations.js';
import { siretProblem } from '../../src/checks/siret.js';
import { validateFile, type ValidateOptions } from '../../src/run/validate-file.js';
import { normalizeFile } from '../../src/run/normalize-file.js';
import { instantiateChecks } from '../../src/checks/index.js';
import type { CustomCheck } from '../../src/checks/types.js';
import type { Finding, FindingCode } from '../../src/findings/types.js';
import type { TableSchema } from '../../src/schema/types.js';

// Every finding code has both languages, a line in docs/errors.md, and an input that triggers it.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-codes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string | Uint8Array, ext = 'csv'): string {
  const f = path.join(dir, `t${n++}.${ext}`);
  writeFileSync(f, text);
  return f;
}

/** Every finding the triggers below produced, for the checks on hints that follow them. */
const produced: Finding[] = [];

async function codes(input: string, options: ValidateOptions = {}): Promise<string[]> {
  const r = await validateFile(input, options);
  produced.push(...r.run.findings);
  return r.run.findings.map((f) => f.code);
}

const s = (fields: TableSchema['fields'], extra: Partial<TableSchema> = {}): TableSchema => ({
  fields,
  ...extra,
});
const check = (name: string, params: Record<string, unknown>, fields: TableSchema['fields']) =>
  s(fields, { custom_checks: [{ name, params }] });

type Trigger = () => Promise<string[]>;

const TRIGGERS: Record<string, Trigger> = {
  'ambiguous-label': () => codes(file('Nom\nx\n'), { schema: s([{ name: 'nom' }, { name: 'NOM' }]) }),
  'blank-label': () => codes('fixtures/structure/invalid.csv'),
  'blank-row': () => codes('fixtures/structure/invalid.csv'),
  'check-error': () => codes(file('a\n1\n'), { schema: check('no-such-check', {}, [{ name: 'a' }]) }),
  'check-deprecated': async () => {
    const fake: CustomCheck = {
      name: 'new-name',
      aliases: [{ name: 'old-name', deprecated: true }],
      params: {},
      create: () => ({}),
    };
    const out: Finding[] = [];
    const r = instantiateChecks(
      s([{ name: 'a' }], { custom_checks: [{ name: 'old-name' }] }),
      { hasColumn: () => true, emit: (f) => out.push(f) },
      [fake],
    );
    produced.push(...r.findings, ...out);
    return [...r.findings, ...out].map((f) => f.code);
  },
  'cohesive-columns-value': () =>
    codes('fixtures/checks/deliberations-2.1.5-checks.csv', { schema: 'scdl/deliberations@2.1.5' }),
  'compare-columns-value': () =>
    codes('fixtures/checks/deliberations-2.1.5-checks.csv', { schema: 'scdl/deliberations@2.1.5' }),
  'constraint-error': () =>
    codes('fixtures/official/stationnement/0.1.5/exemple-invalide.csv', { schema: 'stationnement@0.1.5' }),
  'double-encoded-text': () => codes('fixtures/encodings/double-encoded.utf-8.semicolon.crlf.csv'),
  'duplicate-label': () => codes('fixtures/structure/invalid.csv'),
  'encoding-error': () => codes('fixtures/encodings/truncated.utf-16le-bom.csv'),
  'encoding-guessed': () => codes('fixtures/encodings/late-non-ascii.windows-1252.csv'),
  'encoding-not-utf8': () => codes('fixtures/examples/budget-export-mairie.csv'),
  'extra-cell': () => codes('fixtures/structure/invalid.csv'),
  'extra-label': () => codes(file('a,zz\n1,2\n'), { schema: s([{ name: 'a' }]) }),
  'formula-like-text': () => codes(file('nom,montant\n"=HYPERLINK(""http://x"")",1\n')),
  'foreign-key': () =>
    codes('fixtures/structure/foreign-key.csv', {
      schema: JSON.parse(readFileSync('fixtures/structure/foreign-key.schema.json', 'utf8')),
    }),
  'format-error': () => codes('fixtures/malformed/unclosed-quote.csv'),
  'french-gps-coordinates': () =>
    codes(file('p\n"48.85837, 52.0"\n'), {
      schema: check('french-gps-coordinates', { column: 'p' }, [{ name: 'p' }]),
    }),
  'french-siren-value': () =>
    codes(file('s\n123456789\n'), { schema: check('french-siren-value', { column: 's' }, [{ name: 's' }]) }),
  'french-siret-value': () =>
    codes('fixtures/checks/subventions-2.1.1-checks.csv', { schema: 'scdl/subventions@2.1.1' }),
  'header-rows-skipped': () => codes('fixtures/malformed/title-rows.csv'),
  'incorrect-label': () => codes('fixtures/examples/budget-export-mairie.csv', { schema: 'scdl/budget' }),
  'identifier-spaces': () =>
    codes('fixtures/checks/subventions-2.1.1-checks.csv', { schema: 'scdl/subventions@2.1.1' }),
  'label-content-mismatch': () =>
    codes('fixtures/matching/budget-nature-libelles.csv', { schema: 'scdl/budget' }),
  'label-order': () => codes(file('b,a\n1,2\n'), { schema: s([{ name: 'a' }, { name: 'b' }]) }),
  'label-suggestion': () => codes(file('montants\n1\n'), { schema: s([{ name: 'montant' }]) }),
  'missing-cell': () => codes('fixtures/structure/invalid.csv'),
  'missing-label': () =>
    codes(file('a\n1\n'), { schema: s([{ name: 'a' }, { name: 'b', constraints: { required: true } }]) }),
  'missing-optional-label': () => codes(file('a\n1\n'), { schema: s([{ name: 'a' }, { name: 'b' }]) }),
  'no-data': () => codes(file('a,b\n')),
  'no-table': () => codes(file('lisezmoi\n', 'txt')),
  'nomenclature-acte': () =>
    codes(file('m\nVoirie/x\n'), { schema: check('nomenclature-acte', { column: 'm' }, [{ name: 'm' }]) }),
  'nomenclature-actes-value': () =>
    codes('fixtures/checks/deliberations-2.1.5-checks.csv', { schema: 'scdl/deliberations@2.1.5' }),
  'one-of-required': () =>
    codes('fixtures/checks/subventions-2.1.1-checks.csv', { schema: 'scdl/subventions@2.1.1' }),
  'opening-hours-value': () =>
    codes('fixtures/official/lieux-covoiturage/0.3.0/exemple-valide.csv', {
      schema: 'lieux-covoiturage@0.3.0',
    }),
  'number-spaces': () =>
    codes(file('montant;nombre\n12.5 ;3\n 7; 4\n'), {
      schema: s([
        { name: 'montant', type: 'number' },
        { name: 'nombre', type: 'integer' },
      ]),
    }),
  'personal-data-suspected': () => codes('fixtures/privacy/personnes.csv'),
  'phone-number-value': () =>
    codes(file('t\n619 13 45\n'), { schema: check('phone-number-value', { column: 't' }, [{ name: 't' }]) }),
  'primary-key': () =>
    codes('fixtures/structure/duplicate-key.csv', {
      schema: JSON.parse(readFileSync('fixtures/structure/duplicate-key.schema.json', 'utf8')),
    }),
  // Only normalize refuses to write (issue 11): `libelle` may be the source of the required `nom`.
  'required-field-unsourced': async () => {
    const r = await normalizeFile(file('code_insee,libelle\n01053,Bourg\n'), {
      output: path.join(dir, 'unsourced.csv'),
      schema: 'fixtures/normalize/table.schema.json',
    });
    produced.push(...r.file.run.findings);
    return r.file.run.findings.map((f) => f.code);
  },
  'reversed-french-gps-coordinates': () =>
    codes(file('p\n"48.85837, 2.294481"\n'), {
      schema: check('french-gps-coordinates', { column: 'p' }, [{ name: 'p' }]),
    }),
  'schema-error': () =>
    codes(file('a\n1\n'), { schema: { fields: [{ name: 'a', constraints: 'x' }] } as never }),
  'header-blank': () => codes(file('  ,  \n1,2\n')),
  'line-too-long': () => codes(file(`a,b\n${'x'.repeat(3000)}\n1,2\n`), { maxLineLength: 1000 }),
  'cell-too-long': () => codes(file(`a,b\n"${'x'.repeat(3000)}",1\n`), { maxCellLength: 1000 }),
  'cell-outside-table': () => codes('fixtures/sheets/outside-cell.xlsx'),
  'c1-control-characters': () => codes(file('nom,montant\nPrix \u0096 total,1\n')),
  'schema-example-invalid': () =>
    codes('fixtures/official/lieux-covoiturage/0.3.0/exemple-valide.csv', {
      schema: 'lieux-covoiturage@0.3.0',
    }),
  'schema-field-duplicate': () => codes(file('a\n1\n'), { schema: s([{ name: 'a' }, { name: 'a' }]) }),
  'schema-field-ignored': () =>
    codes(file('a\n1\n'), { schema: s([{ name: 'a', type: 'string', enum: ['x'] }]) }),
  'schema-field-type-unknown': () => codes(file('a\n1\n'), { schema: s([{ name: 'a', type: 'texte' }]) }),
  'schema-key-unknown-field': () =>
    codes(file('a\n1\n'), { schema: s([{ name: 'a' }], { primaryKey: 'b' }) }),
  'schema-not-recognized': () => codes('fixtures/structure/invalid.csv'),
  'pattern-not-checked': () =>
    codes(file(`v\n${'a'.repeat(30)}b\n`), {
      schema: s([{ name: 'v', constraints: { pattern: '(\\w+\\s?)*\\1' } }]),
    }),
  'schema-pattern-budgeted': () =>
    codes(file('v\naa\n'), { schema: s([{ name: 'v', constraints: { pattern: '(\\w+\\s?)*\\1' } }]) }),
  'schema-pattern-invalid': () =>
    codes(file('a\n1\n'), { schema: s([{ name: 'a', constraints: { pattern: '(' } }]) }),
  'schema-pattern-translated': () =>
    codes(file('a\nx\n'), { schema: s([{ name: 'a', constraints: { pattern: '(?i)X' } }]) }),
  'schema-recognized': () => codes('fixtures/examples/budget-conforme.csv'),
  'sheet-choice-ambiguous': () => codes('fixtures/sheets/two-fitting-sheets.xlsx'),
  'schema-version-chosen': () =>
    codes('fixtures/matching/covoiturage-0.2.8.csv', { schema: 'etalab/schema-lieux-covoiturage' }),
  'schema-version-outdated': () => codes('fixtures/matching/covoiturage-0.2.8.csv'),
  'sheet-chosen': () => codes('fixtures/normalize/budget-classeur.xlsx'),
  'split-error': () =>
    codes('fixtures/matching/comptages-horodatage.csv', {
      schema: 'fixtures/matching/comptages.schema.json',
      acceptSuggestions: true,
    }),
  'sheet-error-cell': () => codes('fixtures/sheets/table.xlsx'),
  'sheet-merged-cells': () => codes('fixtures/sheets/merged.xlsx'),
  siren: () => codes(file('s\n123456789\n'), { schema: check('siren', { column: 's' }, [{ name: 's' }]) }),
  siret: () =>
    codes(file('s\n21860194600014\n'), { schema: check('siret', { column: 's' }, [{ name: 's' }]) }),
  'sum-columns-value': () =>
    codes('fixtures/checks/deliberations-2.1.5-checks.csv', { schema: 'scdl/deliberations@2.1.5' }),
  'table-beyond-limits': () => codes(file('a,b,c\n1,2,3,4\n'), { maxColumns: 3 }),
  'type-error': () => codes(file('n\nabc\n'), { schema: s([{ name: 'n', type: 'number' }]) }),
  'unique-error': () =>
    codes('fixtures/structure/duplicate-key.csv', {
      schema: JSON.parse(readFileSync('fixtures/structure/duplicate-key.schema.json', 'utf8')),
    }),
  'year-interval-value': () =>
    codes('fixtures/checks/deliberations-2.1.5-checks.csv', { schema: 'scdl/deliberations@2.1.5' }),
};

describe('the finding catalogue', () => {
  const codesList = Object.keys(catalogue).sort() as FindingCode[];

  it('docs/errors.md is generated from it and up to date (node scripts/make-errors-doc.js)', () => {
    expect(readFileSync('docs/errors.md', 'utf8')).toBe(errorsDoc());
  });

  it.each(codesList)('%s: French and English title and message', (code) => {
    const spec = catalogue[code]!;
    expect(spec.title.fr.length).toBeGreaterThan(0);
    expect(spec.title.en.length).toBeGreaterThan(0);
    const f: Finding = { code, level: spec.level, loc: {}, params: {} };
    expect(messageOf(f, 'fr').length).toBeGreaterThan(0);
    expect(messageOf(f, 'en').length).toBeGreaterThan(0);
    expect(() => hintOf(f, 'fr')).not.toThrow();
    expect(() => hintOf(f, 'en')).not.toThrow();
  });

  it('every code has a trigger below, and nothing is listed that the catalogue lacks', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(codesList);
  });

  it.each(codesList)('%s is triggered by a real input', async (code) => {
    const trigger = TRIGGERS[code];
    expect(trigger, `no trigger for ${code}`).toBeDefined();
    expect(await trigger!()).toContain(code);
  });

  // Issue 16: every error says how to fix it, in both languages, for the findings real inputs give.
  it.each(codesList.filter((c) => catalogue[c]!.level === 'error'))('%s has a fix hint', (code) => {
    expect(catalogue[code]!.hint, `${code} has no hint`).toBeDefined();
    const found = produced.filter((f) => f.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(hintOf(f, 'fr'), `${code} ${JSON.stringify(f.params)}`).toMatch(/\S/);
      expect(hintOf(f, 'en'), `${code} ${JSON.stringify(f.params)}`).toMatch(/\S/);
    }
  });

  it.each(codesList)('%s has its section in docs/errors.md: explanation, example, fixes', (code) => {
    const e = EXPLANATIONS[code];
    expect(e, `${code} has no explanation in src/findings/explanations.ts`).toBeDefined();
    expect(e!.explain.length).toBeGreaterThan(60);
    expect(e!.example).toBeDefined();
    // Data problems say how to fix them in both spreadsheets; schema problems say what the schema needs.
    expect(Boolean(e!.excel && e!.libreoffice) || Boolean(e!.schema) || Boolean(e!.odf)).toBe(true);
    if (!catalogue[code]!.tags.includes('schema') && catalogue[code]!.level === 'error') {
      expect(e!.excel ?? e!.schema, code).toBeDefined();
    }
    // The example's message comes from the catalogue and reads as a sentence.
    const f: Finding = {
      code,
      level: catalogue[code]!.level,
      loc: e!.example.loc ?? {},
      params: e!.example.params ?? {},
      ...(e!.example.value !== undefined ? { value: e!.example.value } : {}),
    };
    expect(messageOf(f, 'fr')).not.toMatch(/undefined|NaN|\[object/);
    expect(readFileSync('docs/errors.md', 'utf8')).toContain(`\n### ${code}\n`);
  });
});

describe('hints never propose a value the field’s own checks refuse', () => {
  it('a 13-digit SIRET whose zero-padded form fails its key gets no « Écrivez … »', async () => {
    // 0 + 2193004800001 fails Luhn: padding it is no repair.
    const input = file('s\n2193004800001\n');
    const schema = check('siret', { column: 's' }, [{ name: 's', constraints: { pattern: '^\\d{14}$' } }]);
    const r = await validateFile(input, { schema });
    const pattern = r.run.findings.find((f) => f.code === 'constraint-error')!;
    expect(pattern.params.repaired).toBeUndefined();
    expect(pattern.fixable).toBeFalsy();
    expect(hintOf(pattern, 'fr')).not.toMatch(/Écrivez « 0/);
  });

  it('a padded SIRET whose key is right is proposed, and passes the check', async () => {
    const r = await validateFile(file('s\n2176101040000\n'), {
      schema: check('siret', { column: 's' }, [{ name: 's', constraints: { pattern: '^\\d{14}$' } }]),
    });
    const pattern = r.run.findings.find((f) => f.code === 'constraint-error')!;
    expect(pattern.params.repaired).toBe('02176101040000');
    expect(siretProblem('02176101040000')).toBeUndefined();
  });

  it.each([
    ['100%', { minimum: 0, maximum: 1 }, '1'],
    ['12,5 %', { minimum: 0, maximum: 1 }, '0.125'],
    ['50 %', { minimum: 0, maximum: 100 }, undefined],
    // 150 % is no proportion; 150 breaks the maximum: nothing to propose but the hint.
    ['150%', { minimum: 0, maximum: 100 }, undefined],
    ['150%', {}, '150'],
  ])('%s in a number field %j suggests %s', async (value, constraints, repaired) => {
    const r = await validateFile(file(`t\n"${value}"\n`), {
      schema: s([{ name: 't', type: 'number', constraints }]),
    });
    const f = r.run.findings.find((x) => x.code === 'type-error')!;
    expect(f.params.repaired).toBe(repaired);
    // Without a repair, the hint still says what to write, never the value itself.
    expect(hintOf(f, 'fr')).toMatch(/\S/);
  });
});
