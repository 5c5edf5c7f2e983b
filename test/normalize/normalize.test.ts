import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFile, type NormalizeOptions } from '../../src/run/normalize-file.js';
import { validateFile } from '../../src/run/validate-file.js';
import { buildFileReport } from '../../src/report/build.js';
import { flatten } from '../helpers/flatten.js';
import { catalogue } from '../../src/findings/catalogue.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'odf-normalize-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function normalize(input: string, options: Partial<NormalizeOptions> = {}) {
  const output = path.join(dir, `out-${n++}.csv`);
  const result = await normalizeFile(input, { output, ...options });
  return { result, output, bytes: existsSync(output) ? readFileSync(output) : undefined };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const TABLE_SCHEMA = 'fixtures/normalize/table.schema.json';

describe('every encoding and dialect of the same table normalises to the same bytes', () => {
  const groups = new Map<string, string[]>();
  for (const f of readdirSync('fixtures/encodings')) {
    const m = /^(table(?:-latin1|-latin9)?)\./.exec(f);
    if (!m) continue;
    if (!groups.has(m[1]!)) groups.set(m[1]!, []);
    groups.get(m[1]!)!.push(`fixtures/encodings/${f}`);
  }
  it.each([...groups.entries()])('%s', async (_group, files) => {
    expect(files.length).toBeGreaterThan(3);
    const outputs = new Set<string>();
    for (const f of files) {
      const { bytes, result } = await normalize(f, { schema: TABLE_SCHEMA });
      expect(result.counts.read).toBe(
        result.counts.written + result.counts.rejected + result.counts.blankDropped,
      );
      outputs.add(bytes!.toString('hex'));
    }
    expect(outputs.size).toBe(1);
    const text = Buffer.from([...outputs][0]!, 'hex').toString('utf8');
    expect(text.startsWith('code_insee,nom,montant,date,commentaire\r\n')).toBe(true);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe('messy municipal exports come out valid', () => {
  it('the Windows-1252 budget export gives exactly the conform file', async () => {
    const { bytes, result } = await normalize('fixtures/examples/budget-export-mairie.csv', {
      schema: 'scdl/budget',
    });
    expect(bytes!.equals(readFileSync('fixtures/examples/budget-conforme.csv'))).toBe(true);
    expect(result.file.run.stats.errors).toBe(0);
    const kinds = new Set(result.repairs.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['label', 'french-number', 'enum', 'whitespace']));
  });

  it.each([
    'fixtures/normalize/subventions-export.windows-1252.csv',
    'fixtures/normalize/subventions-export.xlsx',
  ])('%s normalises to a file odf validate finds valid', async (input) => {
    const { output, result } = await normalize(input, { schema: 'scdl/subventions@2.1.1' });
    expect(result.file.run.stats.errors).toBe(0);
    const check = buildFileReport(await validateFile(output, { schema: 'scdl/subventions@2.1.1' }), 'fr');
    // No error and no warning about the data (the schema's own old check names give a schema warning).
    const aboutData = check.findings.filter(
      (f) => f.level !== 'info' && !catalogue[f.code]?.tags.includes('schema'),
    );
    expect(aboutData).toEqual([]);
    expect(check.valid).toBe(true);
  });

  it('the CSV export: French dates and numbers, Oui/Non, enum case and float SIRETs are repaired and counted', async () => {
    const { result } = await normalize('fixtures/normalize/subventions-export.windows-1252.csv', {
      schema: 'scdl/subventions@2.1.1',
    });
    const byField = Object.fromEntries(
      result.repairs.filter((r) => r.kind !== 'label').map((r) => [`${r.field}:${r.kind}`, r.count]),
    );
    expect(byField).toEqual({
      'dateConvention:date-format': 3,
      'montant:french-number': 3,
      'pourcentageSubvention:french-number': 2,
      'notificationUE:boolean': 2,
      'nature:enum': 1,
      'idBeneficiaire:float-artefact': 3,
    });
  });
});

describe('never a guess', () => {
  it('a column mixing 1,234 and 1,5 is left as it is and reported', async () => {
    const schema = { fields: [{ name: 'n', type: 'number' }] };
    const input = write('ambiguous.csv', 'n\n"1,234"\n"1,5"\n2\n');
    const { result, bytes } = await normalize(input, { schema: schema as never });
    expect(result.repairs.filter((r) => r.kind === 'french-number')).toEqual([]);
    expect(bytes!.toString()).toBe('n\r\n"1,234"\r\n"1,5"\r\n2\r\n');
    expect(result.file.run.stats.errors).toBe(2);
  });

  it('a column of French numbers only is repaired', async () => {
    const schema = { fields: [{ name: 'n', type: 'number' }] };
    const input = write('fr.csv', 'n\n"1 234,5"\n"3,25"\n\n7\n');
    const { result, bytes } = await normalize(input, { schema: schema as never });
    expect(bytes!.toString()).toBe('n\r\n1234.5\r\n3.25\r\n7\r\n');
    expect(result.counts).toEqual({ read: 4, written: 3, rejected: 0, blankDropped: 1 });
  });

  it('09/15/2020 is not a day-first date: reported, not repaired', async () => {
    const schema = { fields: [{ name: 'd', type: 'date' }] };
    const input = write('dates.csv', 'd\n15/09/2020\n09/15/2020\n');
    const { result, bytes } = await normalize(input, { schema: schema as never });
    expect(bytes!.toString()).toBe('d\r\n2020-09-15\r\n09/15/2020\r\n');
    expect(flatten(buildFileReport(result.file, 'fr'))).toEqual([[3, 'd', 'type-error']]);
  });

  it('serial dates are repaired only when the whole column is serial numbers', async () => {
    const schema = { fields: [{ name: 'd', type: 'date' }] };
    const all = await normalize(write('serial.csv', 'd\n43655\n44000\n'), { schema: schema as never });
    expect(all.bytes!.toString()).toBe('d\r\n2019-07-09\r\n2020-06-18\r\n');
    const mixed = await normalize(write('serial-mixed.csv', 'd\n2020-01-01\n43655\n'), {
      schema: schema as never,
    });
    expect(mixed.bytes!.toString()).toBe('d\r\n2020-01-01\r\n43655\r\n');
    expect(mixed.result.file.run.stats.errors).toBe(1);
  });
});

describe('nothing lost', () => {
  it('--drop-invalid: read = written + rejected, rejected rows keep their number and findings', async () => {
    const schema = {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'nom', type: 'string' },
      ],
    };
    const input = write('drop.csv', 'id,nom\n1,a\nx,b\n3,c\n');
    const { result, output } = await normalize(input, { schema: schema as never, dropInvalid: true });
    expect(result.counts).toEqual({ read: 3, written: 2, rejected: 1, blankDropped: 0 });
    expect(readFileSync(output, 'utf8')).toBe('id,nom\r\n1,a\r\n3,c\r\n');
    const rejected = readFileSync(result.rejected!.path, 'utf8');
    expect(rejected).toBe('_ligne,_erreurs,id,nom\r\n3,type-error:id,x,b\r\n');
  });

  it('--fail-on-error writes nothing when errors remain', async () => {
    const schema = { fields: [{ name: 'id', type: 'integer' }] };
    const input = write('fail.csv', 'id\nx\n');
    const { result, bytes } = await normalize(input, { schema: schema as never, failOnError: true });
    expect(result.output).toBeUndefined();
    expect(bytes).toBeUndefined();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite its input', async () => {
    const input = write('same.csv', 'a\n1\n');
    await expect(
      normalizeFile(input, { output: input, schema: { fields: [{ name: 'a' }] } as never }),
    ).rejects.toMatchObject({
      code: 'bad-option',
    });
    expect(readFileSync(input, 'utf8')).toBe('a\n1\n');
  });

  it('optional fields missing from the input become empty columns; extra columns are dropped or kept', async () => {
    const schema = { fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    const input = write('extra.csv', 'c,a,zz\n3,1,x\n');
    const dropped = await normalize(input, { schema: schema as never });
    expect(dropped.bytes!.toString()).toBe('a,b,c\r\n1,,3\r\n');
    expect(dropped.result.droppedColumns).toEqual(['zz']);
    const kept = await normalize(input, { schema: schema as never, keepExtra: true });
    expect(kept.bytes!.toString()).toBe('a,b,c,zz\r\n1,,3,x\r\n');
  });

  it('--bom starts the file with a UTF-8 BOM', async () => {
    const { bytes } = await normalize(write('bom.csv', 'a\n1\n'), {
      schema: { fields: [{ name: 'a' }] } as never,
      bom: true,
    });
    expect([...bytes!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('properties', () => {
  // A small seeded generator of messy tables: quotes, separators, spaces, French numbers, dates, blanks.
  function prng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const schema = {
    fields: [
      { name: 'texte', type: 'string' },
      { name: 'montant', type: 'number' },
      { name: 'jour', type: 'date' },
      { name: 'ok', type: 'boolean' },
    ],
  };
  const pieces = ['a', 'é', ' ', '"', ',', ';', '\n', 'œ', 'x y', '€'];

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    'seed %i: normalise twice = normalise once; every row accounted for',
    async (seed) => {
      const rnd = prng(seed);
      const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
      const rows: string[][] = [];
      const nRows = 1 + Math.floor(rnd() * 20);
      for (let i = 0; i < nRows; i++) {
        rows.push([
          Array.from({ length: Math.floor(rnd() * 5) }, () => pick(pieces)).join(''),
          pick(['1,5', '2', ' 3 ', '1 234,56', '', 'abc']),
          pick(['2020-09-15', '15/09/2020', '', '31/02/2020']),
          pick(['true', 'false', 'Oui', 'non', '', 'peut-être']),
        ]);
      }
      const sep = pick([',', ';']);
      const cell = (c: string) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const text =
        ['texte,montant,jour,ok'.replace(/,/g, sep), ...rows.map((r) => r.map(cell).join(sep))].join('\n') +
        '\n';
      const input = write(`prop-${seed}.csv`, text);
      const once = await normalize(input, { schema: schema as never });
      const r = once.result.counts;
      expect(r.read).toBe(nRows);
      expect(r.read).toBe(r.written + r.rejected + r.blankDropped);
      const twice = await normalize(once.output, { schema: schema as never });
      expect(twice.bytes!.equals(once.bytes!)).toBe(true);
    },
  );
});

describe('QA cases', () => {
  it('a column that shows month-first dates is not rewritten day-first', async () => {
    const schema = { fields: [{ name: 'd', type: 'date' }] };
    const input = write('us-dates.csv', 'd\n09/15/2020\n01/02/2020\n12/31/2020\n');
    const { bytes, result } = await normalize(input, { schema: schema as never });
    expect(bytes!.toString()).toBe('d\r\n09/15/2020\r\n01/02/2020\r\n12/31/2020\r\n');
    expect(result.repairs.filter((r) => r.kind === 'date-format')).toEqual([]);
  });

  it('a lost leading zero is not restored when the SIRET check would refuse the result', async () => {
    const schema = {
      fields: [{ name: 's', type: 'string', constraints: { pattern: '^\\d{14}$' } }],
      custom_checks: [{ name: 'french-siret-value', params: { column: 's' } }],
    };
    const input = write('siret-zero.csv', 's\n2142021860001\n');
    const { bytes } = await normalize(input, { schema: schema as never });
    expect(bytes!.toString()).toBe('s\r\n2142021860001\r\n');
  });

  it('refuses to write the rejected rows over the input (re-running on X.rejected.csv)', async () => {
    const input = write('pub.rejected.csv', 'a\nx\n');
    const output = input.replace('.rejected.csv', '.csv');
    await expect(
      normalizeFile(input, {
        output,
        dropInvalid: true,
        schema: { fields: [{ name: 'a', type: 'integer' }] } as never,
      }),
    ).rejects.toMatchObject({ code: 'bad-option' });
    expect(readFileSync(input, 'utf8')).toBe('a\nx\n');
  });

  it('personal data in a column the output drops is no longer reported', async () => {
    const rows = ['nom;prenom;courriel;montant'];
    const people = [
      ['DUPONT', 'Jean'],
      ['MARTIN', 'Marie'],
      ['LEROY', 'Pierre'],
      ['MOREAU', 'Claire'],
      ['PETIT', 'Louis'],
    ];
    for (const [n, p] of people) rows.push(`${n};${p};${p!.toLowerCase()}.${n!.toLowerCase()}@gmail.com;12`);
    const input = write('perso.csv', rows.join('\n') + '\n');
    const schema = { fields: [{ name: 'montant', type: 'integer' }] };
    const { result } = await normalize(input, { schema: schema as never });
    expect(result.file.run.findings.filter((f) => f.code === 'personal-data-suspected')).toEqual([]);
    const kept = await normalize(input, { schema: schema as never, keepExtra: true });
    expect(kept.result.file.run.findings.some((f) => f.code === 'personal-data-suspected')).toBe(true);
  });
});

describe('every change is counted', () => {
  it('a valid value rewritten in canonical form is listed as such', async () => {
    const schema = {
      fields: [
        { name: 'ok', type: 'boolean' },
        { name: 'd', type: 'date', format: '%d/%m/%Y' },
      ],
    };
    const input = write('canonical.csv', 'ok,d\n1,1/9/2020\ntrue,01/09/2020\n');
    const { bytes, result } = await normalize(input, { schema: schema as never });
    expect(bytes!.toString()).toBe('ok,d\r\ntrue,01/09/2020\r\ntrue,01/09/2020\r\n');
    const counted = Object.fromEntries(result.repairs.map((r) => [`${r.field}:${r.kind}`, r.count]));
    expect(counted).toEqual({ 'ok:canonical': 1, 'd:canonical': 1 });
  });
});

describe('normalize reads its input once, deciding column-wide repairs on the first rows', () => {
  const schema = {
    fields: [
      { name: 'id', type: 'integer' },
      { name: 'montant', type: 'number' },
      { name: 'jour', type: 'date' },
    ],
  };
  /** 1,500 rows of French numbers and serial dates; `late` is written on row 1,400, past the sample. */
  function table(late: { montant?: string; jour?: string } = {}): string {
    const lines = ['id;montant;jour'];
    for (let i = 1; i <= 1500; i++) {
      const montant = i === 1400 && late.montant ? late.montant : `${i},5`;
      const jour = i === 1400 && late.jour ? late.jour : String(43000 + i);
      lines.push(`${i};${montant};${jour}`);
    }
    return `${lines.join('\n')}\n`;
  }
  /** The bytes written to a file (one reading) and to standard output (decided on every row first). */
  async function both(name: string, text: string) {
    const input = write(name, text);
    const { bytes, result } = await normalize(input, { schema });
    const chunks: Buffer[] = [];
    const piped = await normalizeFile(input, {
      schema,
      output: '-',
      stdout: { write: (s: string | Uint8Array) => chunks.push(Buffer.from(s)) },
    });
    return { file: bytes!, stdout: Buffer.concat(chunks), result, piped };
  }

  it('writes the same bytes as deciding on every row, when the first rows are right', async () => {
    const { file, stdout, result, piped } = await both('late-ok.csv', table());
    expect(file.equals(stdout)).toBe(true);
    expect(file.toString('utf8')).toMatch(/\r\n1400,1400\.5,2021-07-23\r\n/);
    expect(result.repairs).toEqual(piped.repairs);
    expect(result.file.run.stats).toEqual(piped.file.run.stats);
  });

  it.each([
    ['a dot-decimal number', { montant: '1400.5' }, '1400,5'],
    ['a real date among serial numbers', { jour: '2021-11-16' }, '44400'],
  ])('writes the same bytes as deciding on every row when %s comes late', async (_what, late, kept) => {
    const { file, stdout, result, piped } = await both(`late-${kept}.csv`, table(late));
    expect(file.equals(stdout)).toBe(true);
    // The late row contradicts the column-wide repair: the first rows keep their writing.
    expect(file.toString('utf8').split('\r\n')[1]).toContain(kept === '1400,5' ? '"1,5"' : '43001');
    expect(result.repairs).toEqual(piped.repairs);
    expect(result.file.run.stats).toEqual(piped.file.run.stats);
    expect(result.counts).toEqual(piped.counts);
  });
});
