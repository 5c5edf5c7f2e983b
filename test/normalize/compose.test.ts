// A field composed from two columns (IRVE coordonneesXY from Xlongitude and Ylatitude, issue 11): proposed
// by matching, shown in the missing-label hint, applied by normalize only with --accept-suggestions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFile } from '../../src/run/normalize-file.js';
import { validateFile } from '../../src/run/validate-file.js';
import { hintOf } from '../../src/findings/catalogue.js';

const IRVE = 'fixtures/matching/irve-xy.csv';
const SCHEMA = 'etalab/schema-irve-statique';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-compose-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('coordonneesXY from Xlongitude and Ylatitude', () => {
  it('is proposed, never applied, when validating', async () => {
    const r = await validateFile(IRVE, { schema: SCHEMA });
    const missing = r.run.findings.find(
      (f) => f.code === 'missing-label' && f.loc.fieldName === 'coordonneesXY',
    );
    expect(missing?.params).toMatchObject({
      composedFrom: ['Xlongitude', 'Ylatitude'],
      example: '[7.487105,48.345345]',
    });
    expect(hintOf(missing!, 'en')).toContain('--accept-suggestions');
    expect(r.mapping!.fields.find((m) => m.fieldName === 'coordonneesXY')!.column).toBeUndefined();
  });

  it('is written by normalize --accept-suggestions, its sources accounted as written', async () => {
    const output = path.join(dir, 'irve.csv');
    const r = await normalizeFile(IRVE, {
      schema: SCHEMA,
      output,
      acceptSuggestions: true,
      allowMissingRequired: true,
    });
    const lines = readFileSync(output, 'utf8').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const at = header.indexOf('coordonneesXY');
    expect(at).toBeGreaterThan(0);
    expect(lines[1]).toContain('"[7.487105,48.345345]"');
    expect(lines[2]).toContain('"[2.3522,48.8566]"');
    expect(header).not.toContain('Xlongitude');
    expect(r.droppedColumns).not.toContain('Xlongitude');
    const x = r.cells.find((c) => c.label === 'Xlongitude')!;
    expect([x.filled, x.written, x.dropped]).toEqual([x.filled, x.filled, 0]);
    expect(
      r.file.run.findings.some((f) => f.code === 'missing-label' && f.loc.fieldName === 'coordonneesXY'),
    ).toBe(false);
    expect(
      r.file.run.findings.filter((f) => f.loc.fieldName === 'coordonneesXY' && f.level === 'error'),
    ).toEqual([]);
  });

  it('is not applied without --accept-suggestions: normalize then refuses to write', async () => {
    const output = path.join(dir, 'irve-refused.csv');
    const r = await normalizeFile(IRVE, { schema: SCHEMA, output });
    expect(r.notWritten).toBe('required-field-unsourced');
    const f = r.file.run.findings.find((x) => x.code === 'required-field-unsourced');
    expect(f?.params.fields).toContain('coordonneesXY');
  });
});

describe('a datetime field from a date column and a time column', () => {
  const schema = {
    fields: [
      { name: 'lieu', type: 'string' },
      { name: 'debut', type: 'datetime', constraints: { required: true } },
    ],
  };

  it('is proposed from the values and written by normalize --accept-suggestions', async () => {
    const input = path.join(dir, 'seances.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(input, 'lieu,jour,heure\nMairie,01/03/2024,8h30\nÉcole,2024-03-15,14:05\n');
    const v = await validateFile(input, { schema });
    const missing = v.run.findings.find((f) => f.code === 'missing-label' && f.loc.fieldName === 'debut');
    expect(missing?.params).toMatchObject({
      composedFrom: ['jour', 'heure'],
      example: '2024-03-01T08:30:00',
    });
    const output = path.join(dir, 'seances.out.csv');
    const r = await normalizeFile(input, { schema, output, acceptSuggestions: true });
    expect(readFileSync(output, 'utf8').trim().split(/\r?\n/)).toEqual([
      'lieu,debut',
      'Mairie,2024-03-01T08:30:00',
      'École,2024-03-15T14:05:00',
    ]);
    expect(r.file.run.stats.errors).toBe(0);
  });

  it('reads the dates and times real exports write (01-03-2024, 01.03.2024, 8h, 08h30, 8:30:00)', async () => {
    const input = path.join(dir, 'seances-formes.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      input,
      'lieu;jour;heure\nMairie;01-03-2024;8h\nÉcole;15.03.2024;08h30\nGymnase;2024-03-20;8:30:00\nSalle;5/4/2024;14 h 05\n',
    );
    const v = await validateFile(input, { schema });
    const missing = v.run.findings.find((f) => f.code === 'missing-label' && f.loc.fieldName === 'debut');
    expect(missing?.params).toMatchObject({
      composedFrom: ['jour', 'heure'],
      example: '2024-03-01T08:00:00',
    });
    const output = path.join(dir, 'seances-formes.out.csv');
    const r = await normalizeFile(input, { schema, output, acceptSuggestions: true });
    expect(readFileSync(output, 'utf8').trim().split(/\r?\n/)).toEqual([
      'lieu,debut',
      'Mairie,2024-03-01T08:00:00',
      'École,2024-03-15T08:30:00',
      'Gymnase,2024-03-20T08:30:00',
      'Salle,2024-04-05T14:05:00',
    ]);
    expect(r.file.run.stats.errors).toBe(0);
  });
});

describe('a composition asked for in a mapping file', () => {
  it('is applied without --accept-suggestions, and odf map writes the proposal as a comment', async () => {
    const { writeFileSync } = await import('node:fs');
    const { formatMappingFile } = await import('../../src/schema/mapping-file.js');
    const mappingPath = path.join(dir, 'irve.yaml');
    writeFileSync(mappingPath, 'fields:\n  coordonneesXY: { compose: [Xlongitude, Ylatitude] }\n');
    const output = path.join(dir, 'irve-mapped.csv');
    const r = await normalizeFile(IRVE, { schema: SCHEMA, output, mapping: mappingPath });
    expect(readFileSync(output, 'utf8')).toContain('"[7.487105,48.345345]"');
    const m = r.file.mapping!.fields.find((x) => x.fieldName === 'coordonneesXY')!;
    expect(m.kind).toBe('mapping');
    // The proposal, written by odf map for the user to accept by editing the file.
    const v = await validateFile(IRVE, { schema: SCHEMA });
    const yaml = formatMappingFile(v.mapping!, v.schema!.schema, v.meta.columns);
    expect(yaml).toContain('proposition : { compose: ["Xlongitude", "Ylatitude"] } → "[7.487105,48.345345]"');
    // Round trip: the mapping file odf writes for an applied composition reads back the same.
    expect(formatMappingFile(r.file.mapping!, r.file.schema!.schema, r.file.meta.columns)).toMatch(
      /coordonneesXY: \{ compose: \["Xlongitude", "Ylatitude"\] \}/,
    );
  });

  it('names a missing column with the line of the mapping file', async () => {
    const { writeFileSync } = await import('node:fs');
    const mappingPath = path.join(dir, 'irve-bad.yaml');
    writeFileSync(mappingPath, 'fields:\n  coordonneesXY: { compose: [Xlongitude, Ylat] }\n');
    await expect(
      normalizeFile(IRVE, { schema: SCHEMA, output: path.join(dir, 'x.csv'), mapping: mappingPath }),
    ).rejects.toMatchObject({ code: 'mapping-invalid' });
  });
});
