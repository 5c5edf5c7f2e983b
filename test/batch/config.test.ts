// odf.config.yaml: valid files, invalid ones rejected with their line, rule matching; the JSON Schema validates examples.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfig, parseConfig, ruleFor } from '../../src/batch/config.js';
import { validateAgainst } from '../../src/schema/check-schema.js';
import { isOdfError, type OdfError } from '../../src/errors.js';
import { parseYamlDocument } from '../../src/schema/yaml.js';

const VALID = `# Publication des délibérations et budgets
privacy: error
rules:
  - files: "deliberations/**/*.csv"
    schema: scdl/deliberations@2.1.5
    map: correspondances/deliberations.yaml
    encoding: windows-1252
    delimiter: ";"
  - files: ["budget/*.xlsx", "budget/*.csv"]
    schema: ./schemas/budget.json
    sheet: 2
    headerRow: 3
    limitErrors: 50
  - files: "*.csv"
    customChecks: false
`;

function failure(text: string): OdfError {
  try {
    parseConfig(text, 'odf.config.yaml');
  } catch (e) {
    if (isOdfError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('parseConfig', () => {
  it('reads rules, resolving paths from the folder of the file', () => {
    const c = parseConfig(VALID, '/projet/odf.config.yaml');
    expect(c.dir).toBe('/projet');
    expect(c.privacy).toBe('error');
    expect(c.rules.map((r) => [r.files, r.schema, r.map, r.options, r.line])).toEqual([
      [
        ['deliberations/**/*.csv'],
        'scdl/deliberations@2.1.5',
        '/projet/correspondances/deliberations.yaml',
        { encoding: 'windows-1252', delimiter: ';' },
        4,
      ],
      [
        ['budget/*.xlsx', 'budget/*.csv'],
        '/projet/schemas/budget.json',
        undefined,
        { headerRow: 3, sheet: 2, limitErrors: 50 },
        9,
      ],
      [['*.csv'], undefined, undefined, { customChecks: false }, 14],
    ]);
  });

  it.each([
    ['an unknown top-level key', 'rules:\n  - files: a.csv\nformat: html\n', 3, 'format'],
    ['a misspelt rule key', 'rules:\n  - files: a.csv\n    shema: scdl/budget\n', 3, 'shema'],
    ['a rule without files', 'rules:\n  - schema: scdl/budget\n', 2, 'files'],
    ['no rules', 'privacy: warn\n', 1, 'rules'],
    ['an empty rule list', 'rules: []\n', 1, 'rules'],
    ['a bad privacy mode', 'privacy: loud\nrules:\n  - files: a.csv\n', 1, 'privacy'],
    ['a header row of 0', 'rules:\n  - files: a.csv\n    headerRow: 0\n', 3, 'headerRow'],
    ['files as a number', 'rules:\n  - files: 3\n', 2, 'files'],
    ['a bad delimiter', 'rules:\n  - files: a.csv\n    delimiter: "#"\n', 3, 'delimiter'],
    ['broken YAML', 'rules:\n  - files: [a.csv\n', 3, 'YAML'],
    ['a list instead of a map', '- files: a.csv\n', 1, 'object'],
  ])('rejects %s with its line', (_, text, line, word) => {
    const e = failure(text);
    expect(e.code).toBe('config-invalid');
    expect(e.data.line).toBe(line);
    expect(e.message).toContain(`ligne ${line}`);
    expect(`${e.message} ${e.messageEn}`).toContain(word);
  });
});

describe('ruleFor', () => {
  const c = parseConfig(VALID, '/projet/odf.config.yaml');
  it.each([
    ['/projet/deliberations/2024/conseil.csv', 0],
    ['/projet/budget/ca.xlsx', 1],
    ['/projet/budget/ca.csv', 1],
    ['/projet/autres/liste.csv', 2],
    ['/projet/budget/notes.ods', undefined],
    ['/ailleurs/deliberations/x.csv', undefined],
  ])('%s → rule %s', (file, index) => {
    const rule = ruleFor(c, file);
    expect(rule === undefined ? undefined : c.rules.indexOf(rule)).toBe(index);
  });
});

describe('findConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'odf-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds odf.config.yaml in the working folder, takes --config instead, and fails on a missing --config', async () => {
    await expect(findConfig(dir)).resolves.toBeUndefined();
    writeFileSync(path.join(dir, 'odf.config.yaml'), 'rules:\n  - files: "*.csv"\n');
    writeFileSync(path.join(dir, 'autre.yaml'), 'rules:\n  - files: "*.xlsx"\n');
    expect((await findConfig(dir))?.rules[0]!.files).toEqual(['*.csv']);
    expect((await findConfig(dir, 'autre.yaml'))?.rules[0]!.files).toEqual(['*.xlsx']);
    await expect(findConfig(dir, 'absent.yaml')).rejects.toMatchObject({ code: 'file-not-found' });
  });
});

describe('docs/config.schema.json', () => {
  const schema = JSON.parse(readFileSync('docs/config.schema.json', 'utf8')) as object;
  it('accepts the documented example and rejects a misspelt key', () => {
    expect(validateAgainst(schema, parseYamlDocument(VALID).value)).toEqual([]);
    expect(validateAgainst(schema, { rules: [{ files: 'a.csv', shema: 'x' }] })).not.toEqual([]);
  });
});
