// Batch inputs: files, directories (walked recursively) and globs → the list of files to read, and the skipped ones.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SkippedFile } from '../report/types.js';
import { globToRegExp, isGlob, staticPrefix } from './glob.js';

/** Extensions odf reads when it finds files in a directory or by a glob (a file named explicitly is always tried). */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.tab', '.xlsx', '.xls', '.ods'];
// `.txt` is not found in folders (a README.txt is no table); a `.txt` named explicitly (Excel's
// "Unicode text" export) is read like any file.

/** One file to read: where to open it and how to show it (as the user wrote it, never made absolute). */
export interface BatchFile {
  /** Path to open: absolute, or '-' for standard input. */
  path: string;
  /** Path shown in reports. */
  display: string;
}

/** The files a batch reads, in input order, and those it passes over. */
export interface Expansion {
  files: BatchFile[];
  skipped: SkippedFile[];
}

/** Options of expandInputs. */
export interface ExpandOptions {
  /** Directory relative inputs are read from. */
  cwd: string;
  /** Which found files to read (default: by SUPPORTED_EXTENSIONS). */
  isSupported?: (file: string) => boolean;
  /** Found files to ignore silently, e.g. odf's own outputs (default none). */
  ignore?: (file: string) => boolean;
}

/** True when the file name ends with a supported extension (case-insensitive). */
export function isSupportedFile(file: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Every file under `dir` (relative `/` paths, sorted by code point per directory); dot-entries are passed over. */
async function walk(dir: string, rel = ''): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const f of await walk(dir, r)) out.push(f);
    else if (e.isFile() || e.isSymbolicLink()) out.push(r);
  }
  return out;
}

/**
 * Expand command-line inputs: '-' stays standard input, a file stays itself, a directory gives every
 * file below it, a glob (quoted, so the shell left it) every file it matches. Found files with an
 * unsupported extension are listed as skipped. A file reached twice is read once. A glob matching
 * nothing is kept as written, so that reading it fails with a clear « file not found ».
 */
export async function expandInputs(inputs: readonly string[], options: ExpandOptions): Promise<Expansion> {
  const supported = options.isSupported ?? isSupportedFile;
  const ignore = options.ignore ?? (() => false);
  const files: BatchFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string, display: string, found: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    if (found && ignore(abs)) return;
    if (found && !supported(abs)) skipped.push({ path: display, reason: 'unsupported' });
    else files.push({ path: abs, display });
  };
  for (const input of inputs) {
    if (input === '-') {
      files.push({ path: '-', display: '<stdin>' });
      continue;
    }
    const abs = path.resolve(options.cwd, input);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) {
      for (const rel of await walk(abs)) add(path.join(abs, rel), joinDisplay(input, rel), true);
    } else if (!stat && isGlob(input)) {
      const matches = await matchGlob(input, options.cwd);
      if (matches.length === 0) add(abs, input, false);
      for (const m of matches) add(m.abs, m.display, true);
    } else add(abs, input, false);
  }
  return { files, skipped };
}

function joinDisplay(dir: string, rel: string): string {
  const base = toPosix(dir).replace(/\/+$/, '');
  return base === '' || base === '.' ? rel : `${base}/${rel}`;
}

/** Files matching a glob, walked from its static prefix; displayed relative to `cwd` as the pattern was written. */
export async function matchGlob(pattern: string, cwd: string): Promise<{ abs: string; display: string }[]> {
  const posix = toPosix(pattern).replace(/^\.\//, '');
  const prefix = staticPrefix(posix) || (posix.startsWith('/') ? '/' : '');
  const re = globToRegExp(posix);
  const root = path.resolve(cwd, prefix || '.');
  const out: { abs: string; display: string }[] = [];
  for (const rel of await walk(root)) {
    const display = prefix ? `${prefix.replace(/\/$/, '')}/${rel}` : rel;
    if (re.test(display)) out.push({ abs: path.join(root, rel), display });
  }
  return out;
}
