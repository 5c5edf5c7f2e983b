// Tests of the realistic exports (fixtures/exports): the matrix of schemas × export styles is complete, each
// file is read as written (encoding, delimiter) and maps as a careful reader would, except where its
// expected file records, with the reason, what the matcher still gets wrong and a mapping file fixes.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/io/open.js';
import type { MappingFile } from '../../src/schema/mapping-file.js';
import type { ColumnMapping } from '../../src/schema/mapping-types.js';
import { matchColumns } from '../../src/match/match.js';
import { bundledSchema, csvHeader } from './bundled.js';

/** A field's column as `[label, kind]`, `null` for none, or the column only suggested (level 5). */
type FieldOutcome = [string, string] | null | { suggestion: string };

/** The shape of fixtures/exports/NAME.expected.json (see its README). */
interface ExpectedFile {
  schema: string;
  /** What a careful reader maps: field → [label, kind] (`mapping` when only a mapping file can say it). */
  fields: Record<string, FieldOutcome>;
  /** Columns that feed no field, in file order. */
  extra: string[];
  /** Columns the matcher must report as ambiguous. */
  ties?: { label: string; fieldNames: string[]; kind: string }[];
  /** Fields the matcher gets wrong on purpose: its answer, and why no synonym should fix it. */
  misses?: Record<string, { matcher: FieldOutcome; why: string }>;
}

type Style = 'logiciel' | 'tableur' | 'formulaire';

/**
 * Every export, by schema and by who wrote it: business software (codes, abbreviations, upper case),
 * a spreadsheet user (French labels) or a web form / app (camelCase, snake_case, some English).
 */
const MATRIX: Record<string, Record<Style, string[]>> = {
  'scdl/budget': {
    logiciel: ['budget-ca-finance', 'budget-logiciel-ca'],
    tableur: ['budget-tableur-bp'],
    formulaire: ['budget-formulaire-dm'],
  },
  'scdl/deliberations': {
    logiciel: ['deliberations-logiciel'],
    tableur: ['deliberations-tableur'],
    formulaire: ['deliberations-formulaire'],
  },
  'scdl/subventions': {
    logiciel: ['subventions-logiciel'],
    tableur: ['subventions-tableur'],
    formulaire: ['subventions-formulaire', 'subventions-formulaire-plateforme'],
  },
  'scdl/prenoms': {
    logiciel: ['prenoms-etat-civil', 'prenoms-logiciel'],
    tableur: ['prenoms-colonnes-renommees', 'prenoms-tableur'],
    formulaire: ['prenoms-formulaire'],
  },
};

const dir = path.resolve('fixtures/exports');
const names = Object.values(MATRIX).flatMap((styles) => Object.values(styles).flat());

function readExpected(name: string): ExpectedFile {
  return JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as ExpectedFile;
}

/** The header as odf reads it (encoding and dialect detected), with the dialect found. */
async function readHeader(
  name: string,
): Promise<{ labels: string[]; encoding?: string; delimiter?: string }> {
  const { meta } = await openTable(path.join(dir, `${name}.csv`));
  return { labels: meta.columns, encoding: meta.encoding, delimiter: meta.delimiter };
}

/** Every data row of an export, as the sample content-aware matching reads (they are small files). */
async function readRows(name: string): Promise<string[][]> {
  const { rows } = await openTable(path.join(dir, `${name}.csv`));
  const out: string[][] = [];
  for await (const r of rows) out.push(r.cells);
  return out;
}

/** field → outcome, in the form of the expected files. */
function outcomes(m: ColumnMapping): Record<string, FieldOutcome> {
  const out: Record<string, FieldOutcome> = {};
  for (const f of m.fields) {
    if (f.column !== undefined) out[f.fieldName] = [f.label!, f.kind!];
    else out[f.fieldName] = f.suggestion ? { suggestion: f.suggestion.label } : null;
  }
  return out;
}

/** The labels of `labels` that no `[label, kind]` outcome uses, in file order. */
function unused(labels: readonly string[], fields: Record<string, FieldOutcome>): string[] {
  const used = new Set<string>();
  for (const o of Object.values(fields)) if (Array.isArray(o)) used.add(o[0]);
  return labels.filter((l) => !used.has(l));
}

describe('the matrix of realistic exports', () => {
  it('lists every export of the folder once, each with its expected mapping', () => {
    const csv = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => f.replace(/\.csv$/, ''));
    const expected = readdirSync(dir)
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.replace(/\.expected\.json$/, ''));
    expect([...names].sort()).toEqual(csv.sort());
    expect([...names].sort()).toEqual(expected.sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(Object.entries(MATRIX))(
    '%s has a software, a spreadsheet and a web-form export',
    (schema, styles) => {
      for (const style of ['logiciel', 'tableur', 'formulaire'] as const) {
        expect(styles[style].length, style).toBeGreaterThan(0);
        for (const name of styles[style]) expect(readExpected(name).schema, name).toBe(schema);
      }
    },
  );

  it('has Excel exports: Windows-1252 with semicolons, read as such', async () => {
    const excel: string[] = [];
    for (const name of names) {
      const { encoding, delimiter } = await readHeader(name);
      if (encoding === 'windows-1252' && delimiter === ';') excel.push(name);
    }
    expect(excel).toEqual([
      'budget-logiciel-ca',
      'budget-tableur-bp',
      'deliberations-logiciel',
      'subventions-tableur',
      'prenoms-tableur',
    ]);
  });
});

describe.each(names)('%s', (name) => {
  const expected = readExpected(name);
  const misses = expected.misses ?? {};
  const schema = bundledSchema(expected.schema);

  it('is read by odf with the labels the test helper reads', async () => {
    const { labels } = await readHeader(name);
    expect(labels).toEqual(csvHeader(path.join(dir, `${name}.csv`)));
  });

  it('expected file: every schema field listed, extra columns are exactly the unused ones', async () => {
    const { labels } = await readHeader(name);
    expect(Object.keys(expected.fields)).toEqual(schema.fields.map((f) => f.name));
    expect(expected.extra).toEqual(unused(labels, expected.fields));
  });

  it('maps as expected (the recorded misses aside), ambiguity reported', async () => {
    const { labels } = await readHeader(name);
    const m = matchColumns(labels, schema, { schemaName: expected.schema });
    const effective = { ...expected.fields };
    for (const [field, miss] of Object.entries(misses)) effective[field] = miss.matcher;
    expect(outcomes(m)).toEqual(effective);
    expect(m.extra.map((e) => e.label)).toEqual(unused(labels, effective));
    expect(m.ties.map(({ label, fieldNames, kind }) => ({ label, fieldNames, kind }))).toEqual(
      expected.ties ?? [],
    );
  });

  // Content-aware matching (issue 11) must not undo what names decide well: code lists (`F`/`I`), French
  // numbers and dates, SIRETs with wrong keys and matters without their ACTES heading stay mapped.
  it('maps the same once its values are weighed', async () => {
    const { labels } = await readHeader(name);
    const sample = { rows: await readRows(name) };
    const m = matchColumns(labels, schema, { schemaName: expected.schema, sample });
    const effective = { ...expected.fields };
    for (const [field, miss] of Object.entries(misses)) effective[field] = miss.matcher;
    expect(outcomes(m)).toEqual(effective);
    expect(m.ties.map(({ label, fieldNames, kind }) => ({ label, fieldNames, kind }))).toEqual(
      expected.ties ?? [],
    );
  });

  if (Object.keys(misses).length === 0) return;
  it('each recorded miss is still one, with its reason, and a mapping file fixes it', async () => {
    const { labels } = await readHeader(name);
    const entries: MappingFile['entries'] = [];
    for (const [field, miss] of Object.entries(misses)) {
      expect(miss.matcher, field).not.toEqual(expected.fields[field]);
      expect(miss.why.length, field).toBeGreaterThan(40);
      const human = expected.fields[field];
      if (Array.isArray(human)) {
        expect(human[1], field).toBe('mapping');
        entries.push({
          fieldName: field,
          source: { kind: 'column', label: human[0] },
          line: entries.length + 2,
        });
      }
    }
    const mapping: MappingFile = { source: `${name}.mapping.yaml`, schema: expected.schema, entries };
    const m = matchColumns(labels, schema, { schemaName: expected.schema, mapping });
    expect(outcomes(m)).toEqual(expected.fields);
    expect(m.extra.map((e) => e.label)).toEqual(expected.extra);
  });
});
