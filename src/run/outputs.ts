// Where normalize writes: one output per file (checked before any work), then the publication metadata.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { FileReport } from '../report/types.js';
import {
  dataPackage,
  dcatDistribution,
  mergeDataPackage,
  readExistingDataPackage,
  udataResource,
  type WrittenResource,
} from '../normalize/metadata.js';
import { writeFileAtomic } from '../output/atomic.js';
import type { RedactSpec } from '../privacy/index.js';
import type { FileTask, WrittenOutput } from './task.js';

/** What normalize writes, for every file of a run. */
export interface NormalizeRequest {
  /** Output CSV of a one-file run ('-' for standard output). */
  output?: string;
  /** Folder of the outputs (NAME.csv each) and of datapackage.json. */
  outDir?: string;
  bom?: boolean;
  keepExtra?: boolean;
  dropInvalid?: boolean;
  failOnError?: boolean;
  allowMissingRequired?: boolean;
  allowUndecodable?: boolean;
  /** `--escape-formulas`: prefix cells a spreadsheet would run as formulas with `'` (OWASP). */
  escapeFormulas?: boolean;
  redact?: RedactSpec;
  /**
   * Metadata written beside datapackage.json: `udata`, `dcat` (`datapackage` is always written);
   * false: none at all, not even datapackage.json (`--no-metadata`).
   */
  metadata?: readonly string[] | false;
  /** Where the files will be published (DCAT download and access URLs). */
  baseUrl?: string;
}

/** odf's own outputs met in a folder are not inputs. */
export const OWN_OUTPUT = /\.(normalise|rejected)\.csv$/i;

/** Where a file's CSV goes, as the user would write it (relative paths stay relative). */
function outputFor(display: string, n: NormalizeRequest): string {
  const base = display === '<stdin>' ? 'stdin' : path.basename(display).replace(/\.[^.]+$/, '');
  if (n.output) return n.output;
  if (n.outDir) return path.join(n.outDir, `${base}.csv`);
  return path.join(path.dirname(display), `${base}.normalise.csv`);
}

/** Refuse option combinations that cannot be honoured, before any file is read. */
export function checkNormalizeRequest(n: NormalizeRequest): void {
  if (n.output && n.outDir) {
    throw new OdfError(
      'bad-option',
      'Choisissez -o ou --out-dir, pas les deux.',
      {},
      'Choose -o or --out-dir, not both.',
    );
  }
  for (const k of n.metadata || []) {
    if (k !== 'udata' && k !== 'dcat' && k !== 'datapackage') {
      throw new OdfError(
        'bad-option',
        `Métadonnées inconnues : « ${k} » (choisissez udata, dcat).`,
        {},
        `Unknown metadata: "${k}" (choose udata, dcat).`,
      );
    }
  }
}

/** One output file (-o) cannot take several inputs. */
function checkOneOutput(n: NormalizeRequest, files: number): void {
  if (n.output && files > 1) {
    throw new OdfError(
      'bad-option',
      'Avec plusieurs fichiers, utilisez --out-dir DOSSIER plutôt que -o.',
      {},
      'With several files, use --out-dir DIR rather than -o.',
    );
  }
}

/**
 * Give each task its output (absolute, or '-'): two files never write to the same target. Returns the
 * map from absolute target to the path as the user would write it, for the report.
 */
export async function planOutputs(
  tasks: FileTask[],
  n: NormalizeRequest,
  cwd: string,
): Promise<Map<string, string>> {
  checkOneOutput(n, tasks.length);
  const shown = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const t of tasks) {
    const target = outputFor(t.display, n);
    const abs = target === '-' ? '-' : path.resolve(cwd, target);
    const other = targets.get(abs);
    if (other !== undefined) {
      throw new OdfError(
        'bad-option',
        `${other} et ${t.display} seraient écrits dans le même fichier ${target} : traitez-les séparément ou renommez l'un d'eux.`,
        { path: target },
        `${other} and ${t.display} would be written to the same file ${target}: process them separately or rename one.`,
      );
    }
    targets.set(abs, t.display);
    shown.set(abs, target);
    t.normalize = {
      output: abs,
      bom: n.bom,
      keepExtra: n.keepExtra,
      dropInvalid: n.dropInvalid,
      failOnError: n.failOnError,
      ...(n.escapeFormulas ? { escapeFormulas: true } : {}),
    };
    if (n.allowMissingRequired) t.normalize.allowMissingRequired = true;
    if (n.allowUndecodable) t.normalize.allowUndecodable = true;
    if (n.redact) t.normalize.redact = n.redact;
  }
  if (n.outDir) await fs.mkdir(path.resolve(cwd, n.outDir), { recursive: true });
  // An existing datapackage.json odf could not merge is refused before any work, and never replaced.
  const first = [...targets.keys()][0];
  if (n.metadata !== false && n.output !== '-' && first !== undefined) {
    const dir = n.outDir ? path.resolve(cwd, n.outDir) : path.dirname(first);
    await readExistingDataPackage(path.join(dir, 'datapackage.json'));
  }
  return shown;
}

/** Reports show the outputs as the user would write them. */
export function showOutputs(
  reports: readonly FileReport[],
  shown: ReadonlyMap<string, string>,
  cwd: string,
): void {
  for (const r of reports) {
    const n = r.normalize;
    const target = n?.output ? shown.get(n.output.path) : undefined;
    if (!n || target === undefined) continue;
    n.output!.path = target;
    if (n.rejected && !path.isAbsolute(target)) n.rejected.path = path.relative(cwd, n.rejected.path);
  }
}

/** A path as the user would write it: relative below the working folder, absolute elsewhere. */
export function shownPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
}

/** Each written file's report names the datapackage.json written beside it (not only a note on stderr). */
export function showMetadata(reports: readonly FileReport[], m: MetadataOutcome, cwd: string): void {
  if (m.written !== 'datapackage') return;
  for (const r of reports) {
    if (r.normalize?.output) r.normalize.metadata = { path: shownPath(cwd, m.path), resources: m.resources };
  }
}

/** What the metadata step did: the data package written or updated, or why none was. */
export type MetadataOutcome =
  | { written: 'datapackage'; path: string; updated: boolean; resources: number }
  | { written: 'none'; reason: 'stdout' };

/** The parsed JSON of a file, or undefined when there is none (or it is not JSON: it is then replaced). */
/**
 * Write datapackage.json beside the outputs (merged into an existing one), and udata.json, dcat.jsonld
 * when asked. Nothing is written when the CSV went to standard output.
 */
export async function writeMetadata(
  written: readonly WrittenOutput[],
  n: NormalizeRequest,
  cwd: string,
): Promise<MetadataOutcome | undefined> {
  if (n.metadata === false) return undefined;
  const toStdout = n.output === '-';
  const resources: WrittenResource[] = toStdout ? [] : written.map((w) => ({ ...w, bom: Boolean(n.bom) }));
  if (resources.length === 0)
    return toStdout && !n.outDir ? { written: 'none', reason: 'stdout' } : undefined;
  const dir = n.outDir ? path.resolve(cwd, n.outDir) : path.dirname(resources[0]!.path);
  const rel = resources.map((w) => ({ ...w, path: path.relative(dir, w.path) }));
  // An existing datapackage.json keeps its own keys and its other resources: odf adds or replaces its own.
  const pkgPath = path.join(dir, 'datapackage.json');
  const merged = mergeDataPackage(await readExistingDataPackage(pkgPath), dataPackage(rel));
  await writeFileAtomic(pkgPath, `${JSON.stringify(merged.pkg, null, 2)}\n`);
  const kinds = new Set(n.metadata ?? []);
  if (kinds.has('udata'))
    await writeFileAtomic(
      path.join(dir, 'udata.json'),
      `${JSON.stringify(rel.map(udataResource), null, 2)}\n`,
    );
  if (kinds.has('dcat')) {
    await writeFileAtomic(
      path.join(dir, 'dcat.jsonld'),
      `${JSON.stringify({ '@graph': rel.map((r) => dcatDistribution(r, n.baseUrl)) }, null, 2)}\n`,
    );
  }
  return { written: 'datapackage', path: pkgPath, updated: merged.updated, resources: merged.resources };
}
