// One column split into two fields (issue 11): `geo_point_2d` into a longitude and a latitude, a datetime
// into a date and a time. Proposed by validate, normalize and map; applied only with --accept-suggestions
// or a mapping file; a cell that cannot be split is reported on its row; the mapping file is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { parseMappingFile } from '../../src/schema/mapping-file.js';

const F = (name: string): string => path.resolve('fixtures/matching', name);
const EQUIP = 'scdl/equipements@0.1.5';
const CYCLES = 'etalab/schema-stationnement-cyclable@1.0.0';
const COUNTS = F('comptages.schema.json');

interface JsonFinding {
  code: string;
  line?: number;
  fieldName?: string;
  column?: string;
  value?: string;
  hint?: string;
  params: Record<string, unknown>;
}
interface JsonFile {
  columns: {
    field: string;
    column?: number;
    label?: string;
    match?: string;
    splitFrom?: Record<string, unknown>;
  }[];
  findings: JsonFinding[];
  normalize?: {
    cells: { column: number; label: string; filled: number; written: number; dropped: number }[];
  };
}
const fileOf = (stdout: string): JsonFile => (JSON.parse(stdout) as { files: JsonFile[] }).files[0]!;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-split-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (file: string): string[][] =>
  readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));

describe('odf validate: a split is proposed, never applied', () => {
  it('geo_point_2d « lat, lon »: both fields name the column, the part and the order, in every format', async () => {
    const r = await runCli(['validate', F('equipements-geo-point-2d.csv'), '-s', EQUIP, '--format', 'json']);
    expect(r.code).toBe(1);
    const f = fileOf(r.stdout);
    const lat = f.findings.find((x) => x.code === 'missing-label' && x.fieldName === 'EQUIP_LAT')!;
    expect(lat.params).toMatchObject({
      splitFrom: 'geo_point_2d',
      part: 'lat',
      order: 'lat-lon',
      orderEvidence: 'france',
      example: '48.4455',
    });
    expect(lat.hint).toContain('--accept-suggestions');
    expect(f.columns.find((c) => c.field === 'EQUIP_LONG')).toMatchObject({
      splitFrom: { label: 'geo_point_2d', column: 12, part: 'lon', order: 'lat-lon', example: '-4.2616' },
    });
    expect(f.columns.find((c) => c.field === 'EQUIP_LONG')!.column).toBeUndefined();
    // No cell is split without acceptance: no split-error either.
    expect(f.findings.some((x) => x.code === 'split-error')).toBe(false);

    const text = await runCli(['validate', F('equipements-geo-point-2d.csv'), '-s', EQUIP, '--lang', 'en']);
    expect(text.stdout).toContain('Column "geo_point_2d" holds the longitude, "-4.2616" for the first row');
  });

  it('an order nothing decides is said, without an example to accept', async () => {
    const r = await runCli(['validate', F('equipements-reunion.csv'), '-s', EQUIP, '--format', 'json']);
    const lon = fileOf(r.stdout).findings.find(
      (x) => x.code === 'missing-label' && x.fieldName === 'EQUIP_LONG',
    )!;
    expect(lon.params).toMatchObject({ splitFrom: 'coordonnees', part: 'lon', undecided: 'no-evidence' });
    expect(lon.params.example).toBeUndefined();
    expect(lon.hint).toMatch(/order: lat-lon/);
  });
});

describe('odf normalize --accept-suggestions', () => {
  it('writes each part in its field; a cell that cannot be split is an error on its row, and dropped', async () => {
    const out = path.join(dir, 'equipements.csv');
    const r = await runCli([
      'normalize',
      F('equipements-geo-point-2d.csv'),
      '-s',
      EQUIP,
      '-o',
      out,
      '--no-metadata',
      '--accept-suggestions',
      '--format',
      'json',
    ]);
    const rows = csv(out);
    const [lat, lon] = [rows[0]!.indexOf('EQUIP_LAT'), rows[0]!.indexOf('EQUIP_LONG')];
    expect([rows[1]![lat], rows[1]![lon]]).toEqual(['48.4455', '-4.2616']);
    expect(rows[0]).not.toContain('geo_point_2d');
    const f = fileOf(r.stdout);
    const errors = f.findings.filter((x) => x.code === 'split-error');
    expect(errors.map((x) => [x.line, x.column, x.params.reason, x.value])).toEqual([
      [12, 'geo_point_2d', 'order', '-4.2390, 48.4421'],
      [13, 'geo_point_2d', 'form', 'à vérifier'],
    ]);
    // Their parts are empty, not guessed.
    expect([rows[11]![lat], rows[11]![lon], rows[12]![lat]]).toEqual(['', '', '']);
    // Every non-empty cell of the column is accounted for: written through its parts, or dropped.
    expect(f.normalize!.cells.find((c) => c.label === 'geo_point_2d')).toMatchObject({
      filled: 12,
      written: 10,
      dropped: 2,
    });
    expect(f.columns.find((c) => c.field === 'EQUIP_LAT')).toMatchObject({
      label: 'geo_point_2d (latitude)',
      match: 'suggestion',
    });
  });

  it.each([
    ['stationnement-cyclable-wkt.csv', CYCLES, 'xlong', 'ylat', '-1.553621', '47.218371'],
    ['stationnement-cyclable-gps.csv', CYCLES, 'xlong', 'ylat', '7.7521', '48.5734'],
    [
      'covoiturage-geojson.csv',
      'etalab/schema-lieux-covoiturage@0.3.1',
      'Xlong',
      'Ylat',
      '1.081183',
      '49.921823',
    ],
  ])('%s: the longitude and latitude of the first row', async (name, schema, x, y, lon, lat) => {
    const out = path.join(dir, name);
    const r = await runCli([
      'normalize',
      F(name),
      '-s',
      schema,
      '-o',
      out,
      '--no-metadata',
      '--accept-suggestions',
    ]);
    expect(r.code).toBe(0);
    const rows = csv(out);
    expect([rows[1]![rows[0]!.indexOf(x)], rows[1]![rows[0]!.indexOf(y)]]).toEqual([lon, lat]);
  });

  it('splits a datetime into the date and time fields', async () => {
    const out = path.join(dir, 'comptages.csv');
    const r = await runCli([
      'normalize',
      F('comptages-horodatage.csv'),
      '-s',
      COUNTS,
      '-o',
      out,
      '--no-metadata',
      '--accept-suggestions',
      '--format',
      'json',
    ]);
    expect(csv(out).slice(0, 8)).toEqual([
      ['site', 'date_comptage', 'heure_comptage', 'passages'],
      ['Pont de Pierre', '2024-03-01', '08:00:00', '112'],
      ['Pont de Pierre', '2024-03-01', '09:00:00', '98'],
      ['Pont de Pierre', '2024-03-01', '10:00:00', '87'],
      ['Quai des Chartrons', '2024-03-01', '08:30:00', '57'],
      ['Quai des Chartrons', '2024-03-01', '09:30:00', '61'],
      ['Quai des Chartrons', '2024-03-01', '10:30:00', '66'],
      ['Cours Victor Hugo', '2024-03-01', '10:15:00+01:00', '40'],
    ]);
    const f = fileOf(r.stdout);
    expect(f.findings.filter((x) => x.code === 'split-error').map((x) => [x.line, x.value])).toEqual([
      [12, 'hier soir'],
    ]);
    expect(f.normalize!.cells.find((c) => c.label === 'horodatage')).toMatchObject({
      filled: 11,
      written: 10,
      dropped: 1,
    });
  });

  it('never splits a column whose order nothing decides: normalize refuses to write', async () => {
    const out = path.join(dir, 'reunion.csv');
    const r = await runCli([
      'normalize',
      F('equipements-reunion.csv'),
      '-s',
      EQUIP,
      '-o',
      out,
      '--no-metadata',
      '--accept-suggestions',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(fileOf(r.stdout).findings.map((x) => x.code)).toContain('required-field-unsourced');
    expect(() => readFileSync(out)).toThrow();
  });

  it('is not applied without --accept-suggestions', async () => {
    const out = path.join(dir, 'not-accepted.csv');
    const r = await runCli([
      'normalize',
      F('equipements-geo-point-2d.csv'),
      '-s',
      EQUIP,
      '-o',
      out,
      '--no-metadata',
    ]);
    expect(r.code).toBe(1);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('a split in a mapping file', () => {
  const mapping = (text: string): string => {
    const p = path.join(dir, `m${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(p, text);
    return p;
  };

  it('odf map writes the proposal as a comment; copied as the value, normalize applies it', async () => {
    const r = await runCli(['map', F('equipements-geo-point-2d.csv'), '-s', EQUIP, '-o', '-']);
    expect(r.stdout).toContain(
      'proposition : { split: "geo_point_2d", part: lon, order: lat-lon } → "-4.2616"',
    );
    const edited = r.stdout
      .replace(
        /^ {2}EQUIP_LAT: null .*$/m,
        '  EQUIP_LAT: { split: "geo_point_2d", part: lat, order: lat-lon }',
      )
      .replace(
        /^ {2}EQUIP_LONG: null .*$/m,
        '  EQUIP_LONG: { split: "geo_point_2d", part: lon, order: lat-lon }',
      );
    const m = mapping(edited);
    const again = await runCli([
      'map',
      F('equipements-geo-point-2d.csv'),
      '-s',
      EQUIP,
      '--map',
      m,
      '-o',
      '-',
    ]);
    expect(
      parseMappingFile(again.stdout, 'again').entries.find((e) => e.fieldName === 'EQUIP_LONG')!.source,
    ).toEqual({
      kind: 'split',
      label: 'geo_point_2d',
      part: 'lon',
      order: 'lat-lon',
    });
    expect(again.stdout).not.toContain('"geo_point_2d" (colonne 12)');
    const out = path.join(dir, 'mapped.csv');
    const n = await runCli([
      'normalize',
      F('equipements-geo-point-2d.csv'),
      '-s',
      EQUIP,
      '--map',
      m,
      '-o',
      out,
      '--no-metadata',
    ]);
    expect(n.stderr).toBe('');
    const rows = csv(out);
    expect(rows[1]![rows[0]!.indexOf('EQUIP_LONG')]).toBe('-4.2616');
  });

  it('gives the order nothing in the data decides; map then counts the fields as sourced', async () => {
    const m = mapping(
      'fields:\n  EQUIP_LAT: { split: coordonnees, part: latitude, order: lat-lon }\n  EQUIP_LONG: { split: coordonnees, part: longitude }\n',
    );
    const r = await runCli(['map', F('equipements-reunion.csv'), '-s', EQUIP, '--map', m]);
    expect(r.code).toBe(0);
    const out = path.join(dir, 'reunion-mapped.csv');
    const n = await runCli([
      'validate',
      F('equipements-reunion.csv'),
      '-s',
      EQUIP,
      '--map',
      m,
      '--format',
      'json',
    ]);
    expect(
      fileOf(n.stdout).findings.filter((x) => x.code === 'split-error' || x.code === 'missing-label'),
    ).toEqual([]);
    await runCli([
      'normalize',
      F('equipements-reunion.csv'),
      '-s',
      EQUIP,
      '--map',
      m,
      '-o',
      out,
      '--no-metadata',
    ]);
    const rows = csv(out);
    expect([rows[1]![rows[0]!.indexOf('EQUIP_LAT')], rows[1]![rows[0]!.indexOf('EQUIP_LONG')]]).toEqual([
      '-20.8789',
      '55.4481',
    ]);
  });

  it.each([
    [
      'no order, and the data does not tell it',
      'fields:\n  EQUIP_LAT: { split: coordonnees, part: lat }\n',
      2,
      /order: lat-lon ou order: lon-lat/,
    ],
    [
      'a column the file lacks',
      'fields:\n  EQUIP_LAT: { split: coords, part: lat }\n',
      2,
      /pas de colonne « coords »/,
    ],
    [
      'an unknown part',
      '\nfields:\n  EQUIP_LAT: { split: coordonnees, part: nord }\n',
      3,
      /partie inconnue « nord »/,
    ],
    [
      'a part that does not fit the field',
      'fields:\n  ERP_CATEGORIE: { split: coordonnees, part: lon, order: lat-lon }\n',
      2,
      /ne convient pas au champ « ERP_CATEGORIE », de type integer/,
    ],
    [
      'the same part twice',
      'fields:\n  EQUIP_LAT: { split: coordonnees, part: lat, order: lat-lon }\n  EQUIP_LONG: { split: coordonnees, part: lat }\n',
      3,
      /alimente déjà le champ « EQUIP_LAT »/,
    ],
    [
      'two orders for one column',
      'fields:\n  EQUIP_LAT: { split: coordonnees, part: lat, order: lat-lon }\n  EQUIP_LONG: { split: coordonnees, part: lon, order: lon-lat }\n',
      3,
      /contredit/,
    ],
    [
      'an order for a date',
      'fields:\n  COLL_NOM: { split: coordonnees, part: date, order: lat-lon }\n',
      2,
      /ne vaut que pour des coordonnées/,
    ],
  ])('stops on %s, with the line (exit 2)', async (_what, text, line, message) => {
    const r = await runCli(['validate', F('equipements-reunion.csv'), '-s', EQUIP, '--map', mapping(text)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`ligne ${line} :`);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
