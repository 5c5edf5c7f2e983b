// Tests of the mapping file: write → edit → read round trip, overrides, and errors with their line.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMappingFile, parseMappingFile } from '../../src/schema/mapping-file.js';
import { matchColumns } from '../../src/match/match.js';
import type { TableSchema } from '../../src/schema/types.js';
import { parseYamlDocument } from '../../src/schema/yaml.js';
import { bundledSchema, csvHeader } from './bundled.js';

const deliberations = bundledSchema('scdl/deliberations');
const labels = csvHeader(path.resolve('fixtures/exports/deliberations-tableur.csv'));
const opts = { schemaName: 'scdl/deliberations' };

describe('round trip: write → edit → read', () => {
  const auto = matchColumns(labels, deliberations, opts);
  const text = formatMappingFile(auto, deliberations, labels, {
    schemaRef: 'scdl/deliberations@2.1.5',
    input: 'deliberations-tableur.csv',
  });

  it('writes every schema field once, in schema order, and the unused columns as comments', () => {
    const doc = parseYamlDocument(text);
    expect(doc.errors).toEqual([]);
    const value = doc.value as { schema: string; fields: Record<string, unknown> };
    expect(value.schema).toBe('scdl/deliberations@2.1.5');
    expect(Object.keys(value.fields)).toEqual(deliberations.fields.map((f) => f.name));
    expect(value.fields.DELIB_DATE).toBe('Séance du');
    expect(value.fields.COLL_SIRET).toBeNull();
    expect(text).toMatch(/^#\s+- "Rapporteur"/m);
  });

  it('reads back to the same mapping (every field now decided by the file)', () => {
    const again = matchColumns(labels, deliberations, { ...opts, mapping: parseMappingFile(text, 'm.yaml') });
    expect(again.fields.map((f) => [f.fieldName, f.column, f.constant])).toEqual(
      auto.fields.map((f) => [f.fieldName, f.column, f.constant]),
    );
    expect(again.fields.every((f) => f.kind === 'mapping')).toBe(true);
    expect(again.extra).toEqual(auto.extra);
  });

  it('applies edits: a constant, another column, a column by number, none', () => {
    const edited = text
      .replace(/^ {2}COLL_SIRET: null/m, '  COLL_SIRET: { constant: "21290212500019" }')
      .replace(/^ {2}DELIB_OBJET: .*$/m, '  DELIB_OBJET: Rapporteur')
      .replace(/^ {2}VOTE_EFFECTIF: null/m, '  VOTE_EFFECTIF: { column: 4 }')
      .replace(/^ {2}DELIB_URL: .*$/m, '  DELIB_URL: null');
    const m = matchColumns(labels, deliberations, { ...opts, mapping: parseMappingFile(edited, 'm.yaml') });
    const byName = Object.fromEntries(m.fields.map((f) => [f.fieldName, f]));
    expect(byName.COLL_SIRET).toMatchObject({ constant: '21290212500019', kind: 'mapping' });
    expect(byName.COLL_SIRET!.column).toBeUndefined();
    expect(byName.DELIB_OBJET).toMatchObject({ label: 'Rapporteur', column: 11, kind: 'mapping' });
    expect(byName.VOTE_EFFECTIF).toMatchObject({ label: 'Objet', column: 3 });
    expect(byName.DELIB_URL!.column).toBeUndefined();
    expect(m.extra.map((e) => e.label)).toEqual(['Lien vers le document']);
  });

  it('lets automatic matching decide the fields a short file leaves out', () => {
    const short = 'fields:\n  COLL_SIRET: { constant: 21290212500019 }\n';
    const m = matchColumns(labels, deliberations, { ...opts, mapping: parseMappingFile(short, 'm.yaml') });
    const byName = Object.fromEntries(m.fields.map((f) => [f.fieldName, f]));
    expect(byName.COLL_SIRET).toMatchObject({ constant: '21290212500019', kind: 'mapping' });
    expect(byName.DELIB_DATE).toMatchObject({ label: 'Séance du', kind: 'synonym' });
  });

  it('writes a column by number when its header is blank or repeated, and quotes labels YAML would misread', () => {
    const schema: TableSchema = { fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    const lbls = ['x', 'x', 'null'];
    const file = parseMappingFile('fields:\n  a: { column: 1 }\n  b: { column: 2 }\n  c: "null"\n', 'm.yaml');
    const m = matchColumns(lbls, schema, { mapping: file });
    const out = formatMappingFile(m, schema, lbls);
    expect(out).toMatch(/^ {2}a: \{ column: 1 \}/m);
    expect(out).toMatch(/^ {2}b: \{ column: 2 \}/m);
    expect(out).toMatch(/^ {2}c: "null"/m);
    const back = matchColumns(lbls, schema, { mapping: parseMappingFile(out, 'm.yaml') });
    expect(back.fields.map((f) => f.column)).toEqual([0, 1, 2]);
  });

  it('notes ties and suggestions of unmapped fields in comments', () => {
    const schema: TableSchema = { fields: [{ name: 'nomBeneficiaire' }, { name: 'COLL_NOM' }] };
    const lbls = ['nomBeneficiare', 'coll nom', 'Coll-Nom'];
    const out = formatMappingFile(matchColumns(lbls, schema), schema, lbls);
    expect(out).toMatch(/^ {2}nomBeneficiaire: null +# .*suggestion : "nomBeneficiare"/m);
    expect(out).toMatch(/^ {2}COLL_NOM: null +# .*ambigu entre "coll nom", "Coll-Nom"/m);
  });
});

describe('errors name the mapping file line', () => {
  const parseErr = (text: string): unknown => {
    try {
      parseMappingFile(text, 'm.yaml');
    } catch (e) {
      return e;
    }
    return undefined;
  };
  const matchErr = (text: string): unknown => {
    try {
      matchColumns(labels, deliberations, { ...opts, mapping: parseMappingFile(text, 'm.yaml') });
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it.each([
    // The parser notices the unclosed bracket at the end of the text.
    ['YAML syntax error', 'fields:\n  COLL_NOM: [oops\n', 3],
    ['the same field twice', 'fields:\n  COLL_NOM: a\n  COLL_NOM: b\n', 3],
    ['unknown top-level key', 'schema: scdl/deliberations\nfeilds:\n  COLL_NOM: x\n', 2],
    ['fields is not a mapping', 'fields: [a, b]\n', 1],
    ['value of the wrong shape', 'fields:\n  COLL_NOM: Collectivité\n  DELIB_ID: [a, b]\n', 3],
    ['constant that is not a scalar', 'fields:\n  COLL_NOM: { constant: [1] }\n', 2],
    ['column number 0', 'fields:\n  COLL_NOM: { column: 0 }\n', 2],
  ])('parse: %s', (_label, text, line) => {
    expect(parseErr(text)).toMatchObject({ code: 'mapping-invalid', data: { path: 'm.yaml', line } });
  });

  it.each([
    [
      'a field the schema lacks',
      'fields:\n  COLL_NOM: Nom de la collectivité\n  DELIB_DATES: Séance du\n',
      3,
      { fieldName: 'DELIB_DATES', suggestion: 'DELIB_DATE' },
    ],
    ['a column the input lacks', 'fields:\n\n  DELIB_DATE: Date de séance\n', 3, { label: 'Date de séance' }],
    ['a column number beyond the header', 'fields:\n  DELIB_DATE: { column: 13 }\n', 2, { column: 13 }],
    [
      'the same column for two fields',
      'fields:\n  DELIB_OBJET: Objet\n  BUDGET_NOM: Objet\n',
      3,
      { otherField: 'DELIB_OBJET' },
    ],
    [
      'another schema',
      '# x\nschema: scdl/budget@0.8.3\nfields:\n  COLL_NOM: Objet\n',
      2,
      { schema: 'scdl/budget@0.8.3' },
    ],
  ])('match: %s', (_label, text, line, data) => {
    expect(matchErr(text)).toMatchObject({
      code: 'mapping-invalid',
      data: { path: 'm.yaml', line, ...data },
    });
  });

  it('gives French and English messages citing the line', () => {
    const e = matchErr('fields:\n  NOPE: Objet\n') as { message: string; messageEn: string };
    expect(e.message).toContain('ligne 2');
    expect(e.messageEn).toContain('line 2');
  });
});

describe('split entries: { split: A, part: P, order: O }', () => {
  it('reads the other spellings of parts and orders', () => {
    const f = parseMappingFile(
      [
        'fields:',
        '  EQUIP_LONG: { split: geo_point_2d, part: Longitude, order: "lat, lon" }',
        '  EQUIP_LAT: { split: geo_point_2d, part: latitude }',
        '  debut_date: { split: horodatage, part: date }',
        '  debut_heure: { split: horodatage, part: heure }',
      ].join('\n'),
      'm.yaml',
    );
    expect(f.entries.map((e) => [e.fieldName, e.source, e.line])).toEqual([
      ['EQUIP_LONG', { kind: 'split', label: 'geo_point_2d', part: 'lon', order: 'lat-lon' }, 2],
      ['EQUIP_LAT', { kind: 'split', label: 'geo_point_2d', part: 'lat' }, 3],
      ['debut_date', { kind: 'split', label: 'horodatage', part: 'date' }, 4],
      ['debut_heure', { kind: 'split', label: 'horodatage', part: 'time' }, 5],
    ]);
  });

  it('refuses a split without its part, or with another key, citing the line', () => {
    expect(() => parseMappingFile('fields:\n  a: x\n  b: { split: geo }\n', 'm.yaml')).toThrow(/ligne 3/);
    expect(() =>
      parseMappingFile('fields:\n  b: { split: geo, part: lon, sens: inverse }\n', 'm.yaml'),
    ).toThrow(/ligne 2/);
    expect(() =>
      parseMappingFile('fields:\n  b: { split: geo, part: lon, order: nord-sud }\n', 'm.yaml'),
    ).toThrow(/ordre inconnu « nord-sud »/);
  });

  it('gives an order for the whole column: written once, it holds for the other part', () => {
    const schema: TableSchema = {
      fields: [
        { name: 'lat', type: 'number' },
        { name: 'lon', type: 'number' },
      ],
    };
    const file = parseMappingFile(
      'fields:\n  lat: { split: pos, part: lat }\n  lon: { split: pos, part: lon, order: lon-lat }\n',
      'm.yaml',
    );
    // Overseas values: only the file's order decides.
    const m = matchColumns(['pos'], schema, { mapping: file, sample: { rows: [['55.45, -20.88']] } });
    expect(m.fields.map((f) => [f.fieldName, f.split?.order, f.split?.example])).toEqual([
      ['lat', 'lon-lat', '-20.88'],
      ['lon', 'lon-lat', '55.45'],
    ]);
  });
});

describe('parseYamlDocument', () => {
  const doc = parseYamlDocument('# c\na: 1\nb:\n  c: [x, y]\n  d:\n    - 1\n    - 2\n');

  it.each([
    [['a'], 2],
    [['b'], 3],
    [['b', 'c'], 4],
    [['b', 'd'], 5],
    [['b', 'd', 1], 7],
    [['zz'], undefined],
    [['a', 'x'], undefined],
  ] as const)('lineOf(%j) = %s', (p, line) => {
    expect(doc.lineOf(p)).toBe(line);
  });

  it('returns errors with lines rather than throwing', () => {
    const bad = parseYamlDocument('a: 1\nb: [\n');
    expect(bad.errors.length).toBeGreaterThan(0);
    expect(bad.errors[0]!.line).toBeGreaterThanOrEqual(2);
    expect(parseYamlDocument('a: 1\na: 2\n').errors[0]).toMatchObject({ line: 2 });
  });

  it('an empty text has no value and no error', () => {
    expect(parseYamlDocument('')).toMatchObject({ value: undefined, errors: [] });
  });
});
