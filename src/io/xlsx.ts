// Spreadsheet reader (XLSX, ODS, XLS): opens a workbook, chooses the sheet and its header, streams the rows.
import { readFile } from 'node:fs/promises';
import { OdfError } from '../errors.js';
import type { Finding } from '../findings/types.js';
import { DamageTracker } from './damage.js';
import { findHeaderRow, isSpacesRow } from './header.js';
import { readerLimits, sizeText, type ReaderLimits } from './limits.js';
import { openOds } from './ods-reader.js';
import { readError } from '../net/read-file.js';
import { foldAccents } from '../text/fold.js';
import type { OpenOptions, OpenTable, RawRow, TableMeta } from './types.js';
import {
  cellRef,
  type MergeRange,
  type SheetEvents,
  type SheetFormat,
  type SheetProblem,
  SheetsChanged,
  type SheetRow,
  type WorkbookReader,
} from './workbook.js';
import { openXlsx } from './xlsx-reader.js';
import { isZip, ZipArchive, zipBytesOf, zipFileOf, type ZipBytes } from './zip.js';

export { classifyFormat, formatNumber, serialText, type FormatKind } from './cell-text.js';
export { DEFAULT_MAX_UNZIPPED } from './limits.js';
export type { SheetFormat } from './workbook.js';

/** Rows looked at to find the header (title and blank rows above it), from the first filled row. */
const HEADER_SCAN_ROWS = 50;
/** Leading blank rows given to the header search (beyond, the window starts at the first filled row). */
const MAX_LEADING_BLANK_ROWS = 1000;
/** Merged ranges listed in a finding's params (the count is always exact). */
const MAX_LISTED_MERGES = 20;
/** At most this many `cell-too-long` findings per file. */
const MAX_CELL_FINDINGS = 100;
/** Rows between two progress calls. */
const PROGRESS_EVERY = 1024;
/**
 * Sheets whose header fits within this much of the best fit are all candidates: the one with the most
 * data rows is read, and the choice is a warning naming them.
 */
const FIT_MARGIN = 0.05;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// ---------------------------------------------------------------------------------------------------------------
// Opening

function emptyFile(name: string): OdfError {
  return new OdfError('empty-file', `Le fichier ${name} est vide.`, { name }, `The file ${name} is empty.`);
}

function notAWorkbook(name: string): OdfError {
  return new OdfError(
    'not-a-table',
    `Le fichier ${name} n’est pas un classeur XLSX, XLS ou ODS reconnu.`,
    { name },
    `The file ${name} is not a recognised XLSX, XLS or ODS workbook.`,
  );
}

/** Which workbook a ZIP archive holds, refusing archives whose declared size is beyond the limit. */
async function zipFormat(archive: ZipArchive, name: string, limits: ReaderLimits): Promise<'xlsx' | 'ods'> {
  let total = 0;
  for (const e of archive.entries) total += e.uncompressedSize;
  if (total > limits.maxUnzipped) {
    const declared = sizeText(total);
    const limit = sizeText(limits.maxUnzipped);
    throw new OdfError(
      'zip-bomb',
      `Le classeur ${name} se décompresserait en ${declared.fr}, au-delà de la limite de ${limit.fr} : odf refuse de l’ouvrir (protection contre les « bombes ZIP » ; --max-unzipped pour l’augmenter).`,
      { name, unzipped: total, limit: limits.maxUnzipped },
      `The workbook ${name} would unzip to ${declared.en}, beyond the ${limit.en} limit: odf refuses to open it (zip bomb protection; --max-unzipped raises it).`,
    );
  }
  if (archive.find('xl/workbook.xml')) return 'xlsx';
  if (archive.find('content.xml')) {
    const mimetype = archive.find('mimetype');
    let text = '';
    if (mimetype) {
      try {
        text = await archive.text(mimetype, 1024);
      } catch {
        text = '';
      }
    }
    if (!mimetype || text.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  throw new OdfError(
    'not-a-table',
    `Le fichier ${name} ressemble à une archive ZIP, mais ce n’est pas un classeur XLSX ni ODS : odf n’y trouve pas de tableau à lire.`,
    { name, entries: archive.entries.slice(0, 20).map((e) => e.name) },
    `The file ${name} looks like a ZIP archive, but not an XLSX or ODS workbook: odf finds no table to read in it.`,
  );
}

async function openReader(
  input: { path?: string; bytes?: Uint8Array; name: string },
  limits: ReaderLimits,
  speculativeSheets: boolean,
): Promise<{ reader: WorkbookReader; size: number }> {
  const name = input.name;
  let bytes: ZipBytes;
  if (input.bytes) bytes = zipBytesOf(input.bytes);
  else if (input.path !== undefined) {
    try {
      bytes = await zipFileOf(input.path);
    } catch (e) {
      throw readError(name, input.path, e);
    }
  } else {
    throw new OdfError('bad-option', 'Aucun fichier ni contenu à lire.', {}, 'No file or content to read.');
  }
  const size = bytes.size;
  try {
    if (size === 0) throw emptyFile(name);
    const magic = await bytes.read(0, 8);
    if (CFB_MAGIC.every((b, i) => magic[i] === b)) {
      const all = input.bytes ?? (await readFile(input.path!));
      await bytes.close();
      // Loaded on demand: the spreadsheet library is large, and only XLS needs it.
      const { openXls } = await import('./xls-reader.js');
      return { reader: openXls(all, { name, limits }), size };
    }
    if (!isZip(magic)) throw notAWorkbook(name);
    const archive = await ZipArchive.open(bytes, name, limits.maxUnzipped);
    if (!archive) {
      throw new OdfError(
        'file-unreadable',
        `Le classeur ${name} est endommagé : son répertoire ZIP est illisible (fichier tronqué ?).`,
        { name },
        `The workbook ${name} is damaged: its ZIP directory cannot be read (truncated file?).`,
      );
    }
    const format = await zipFormat(archive, name, limits);
    const reader =
      format === 'xlsx'
        ? await openXlsx(archive, { name, limits })
        : await openOds(archive, { name, limits, speculativeSheets });
    return { reader, size };
  } catch (e) {
    await bytes.close();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sheet choice and layout

function fold(s: string): string {
  return foldAccents(s).trim();
}

/**
 * Index of the sheet asked for: an exact name, a 1-based number, or a name equal once accents, case and
 * surrounding spaces are ignored (when only one sheet matches). Unknown → OdfError('bad-option').
 */
export function resolveSheet(wanted: string | number, names: readonly string[], file: string): number {
  if (typeof wanted === 'string') {
    const exact = names.indexOf(wanted);
    if (exact >= 0) return exact;
    const folded = names.flatMap((n, i) => (fold(n) === fold(wanted) ? [i] : []));
    if (folded.length === 1) return folded[0]!;
  }
  const n = typeof wanted === 'number' ? wanted : /^\s*\d+\s*$/.test(wanted) ? Number(wanted) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= names.length) return n - 1;
  const list = names.map((s) => `« ${s} »`).join(', ');
  throw new OdfError(
    'bad-option',
    `La feuille « ${String(wanted)} » n’existe pas dans ${file} ; ses feuilles sont : ${list} (nom ou numéro à partir de 1).`,
    { option: 'sheet', value: wanted, sheets: [...names] },
    `Sheet "${String(wanted)}" does not exist in ${file}; its sheets are: ${names.map((s) => `"${s}"`).join(', ')} (name or number from 1).`,
  );
}

/** The first rows of a sheet, enough to find its header. */
interface Probe {
  index: number;
  rows: SheetRow[];
  /** Index of the first non-blank row, -1 for an empty sheet. */
  firstFilled: number;
  /** True when the whole sheet was read. */
  complete: boolean;
}

const IGNORE: SheetEvents = { merge: () => {}, problem: () => {} };

async function probeSheet(
  reader: WorkbookReader,
  index: number,
  headerRow: number | undefined,
): Promise<Probe> {
  const rows: SheetRow[] = [];
  let firstFilled = -1;
  let end = Infinity;
  let complete = true;
  const it = reader.rows(index, IGNORE);
  try {
    outer: for await (const batch of it) {
      for (const row of batch) {
        if (firstFilled < 0) {
          firstFilled = row.index;
          end = Math.max(headerRow === undefined ? 0 : headerRow - 1, firstFilled) + HEADER_SCAN_ROWS;
        }
        if (row.index >= end) {
          complete = false;
          break outer;
        }
        rows.push(row);
      }
    }
  } finally {
    await it.return(undefined);
  }
  return { index, rows, firstFilled, complete };
}

/** Where the table sits in a sheet: its first column and its header row. */
interface Layout {
  /** 0-based index of the first column with a filled cell in the rows looked at. */
  firstCol: number;
  /** 0-based index of the header row, and the sheet rows (1-based) skipped above it. */
  headerIndex: number;
  skipped: number[];
  columns: string[];
  /** A filled row below the header exists (or may exist: the sheet goes on past the rows looked at). */
  rowBelow: boolean;
}

function firstFilledColumn(cells: readonly string[]): number {
  for (let c = 0; c < cells.length; c++) if (cells[c] !== '') return c;
  return -1;
}

/** Measures a sheet from its first rows and finds its header (`headerRow` when given). */
function layoutOf(
  probe: Probe,
  headerRow: number | undefined,
  sheetName: string,
  labelScore?: (labels: string[]) => number,
): Layout | undefined {
  if (probe.rows.length === 0) return undefined;
  let firstCol = Infinity;
  for (const row of probe.rows) {
    const c = firstFilledColumn(row.cells);
    if (c >= 0 && c < firstCol) firstCol = c;
  }
  if (firstCol === Infinity) firstCol = 0;
  const last = probe.rows.at(-1)!;
  const lastSeen = last.index + last.repeat - 1;
  const byIndex = (r: number): string[] => {
    for (const row of probe.rows) {
      if (r >= row.index && r < row.index + row.repeat) return row.cells.slice(firstCol);
      if (row.index > r) break;
    }
    return [];
  };
  let headerIndex: number;
  let skipped: number[] = [];
  if (headerRow !== undefined) {
    if (!Number.isInteger(headerRow) || headerRow < 1 || (probe.complete && headerRow > lastSeen + 1)) {
      throw new OdfError(
        'bad-option',
        `La ligne d’en-tête ${String(headerRow)} est hors de la feuille « ${sheetName} », qui a ${lastSeen + 1} lignes.`,
        { option: 'headerRow', value: headerRow, rows: lastSeen + 1 },
        `Header row ${String(headerRow)} is outside sheet "${sheetName}", which has ${lastSeen + 1} rows.`,
      );
    }
    headerIndex = headerRow - 1;
  } else {
    const start = probe.firstFilled > MAX_LEADING_BLANK_ROWS ? probe.firstFilled : 0;
    const head: string[][] = [];
    for (let r = start; r <= Math.min(lastSeen, probe.firstFilled + HEADER_SCAN_ROWS - 1); r++)
      head.push(byIndex(r));
    const guess = findHeaderRow(head, labelScore);
    headerIndex = start + guess.index;
    skipped = guess.skipped.map((s) => start + s.index + 1);
  }
  const rowBelow = !probe.complete || lastSeen > headerIndex;
  return { firstCol, headerIndex, skipped, columns: byIndex(headerIndex), rowBelow };
}

/** A sheet looks like a table when its header has two labels or more and at least one row below it. */
function looksLikeTable(layout: Layout): boolean {
  let labels = 0;
  for (const label of layout.columns) if (label.trim() !== '') labels++;
  return labels >= 2 && layout.rowBelow;
}

/** Non-blank rows below the header: one pass over the sheet. */
async function countDataRows(reader: WorkbookReader, index: number, headerIndex: number): Promise<number> {
  let n = 0;
  for await (const batch of reader.rows(index, IGNORE)) {
    for (const row of batch) {
      const end = row.index + row.repeat;
      if (end > headerIndex + 1) n += end - Math.max(row.index, headerIndex + 1);
    }
  }
  return n;
}

interface Chosen {
  index: number;
  layout: Layout;
  findings: Finding[];
}

/** A sheet with data, as measured, and how it fits the schema and how many data rows it has when asked. */
interface Candidate {
  index: number;
  layout: Layout;
  score?: number;
  rows?: number;
}

/** The sheet the user named or numbered: an empty one is a failure. */
async function wantedSheet(
  reader: WorkbookReader,
  name: string,
  wanted: string | number,
  headerRow: number | undefined,
  labelScore?: (labels: string[]) => number,
): Promise<Chosen> {
  const names = reader.sheets.map((s) => s.name);
  const index = resolveSheet(wanted, names, name);
  const layout = layoutOf(await probeSheet(reader, index, headerRow), headerRow, names[index]!, labelScore);
  if (!layout) {
    throw new OdfError(
      'empty-file',
      `La feuille « ${names[index]!} » du classeur ${name} est vide.`,
      { name, sheet: names[index], sheets: names },
      `Sheet "${names[index]!}" of workbook ${name} is empty.`,
    );
  }
  return { index, layout, findings: [] };
}

/** Every sheet with data, visible ones first; a workbook with none is a failure. */
async function probeSheets(
  reader: WorkbookReader,
  name: string,
  headerRow: number | undefined,
  labelScore?: (labels: string[]) => number,
): Promise<Candidate[]> {
  const names = reader.sheets.map((s) => s.name);
  const order = names
    .map((_, i) => i)
    .sort((a, b) => Number(reader.sheets[a]!.hidden) - Number(reader.sheets[b]!.hidden) || a - b);
  const probed: Candidate[] = [];
  for (const index of order) {
    const layout = layoutOf(await probeSheet(reader, index, headerRow), headerRow, names[index]!, labelScore);
    if (layout) probed.push({ index, layout });
  }
  if (probed.length === 0) {
    throw new OdfError(
      'empty-file',
      `Le classeur ${name} ne contient aucune donnée (${names.length > 1 ? 'toutes ses feuilles sont vides' : 'sa feuille est vide'}).`,
      { name, sheets: names },
      `The workbook ${name} holds no data (${names.length > 1 ? 'all its sheets are empty' : 'its sheet is empty'}).`,
    );
  }
  return probed;
}

/** The table-like sheets that fit best: visible ones before hidden ones, then the best `labelScore`. */
function bestFitting(
  reader: WorkbookReader,
  tables: Candidate[],
  labelScore?: (labels: string[]) => number,
): { pool: Candidate[]; scored: boolean } {
  const visible = tables.filter((p) => !reader.sheets[p.index]!.hidden);
  let pool = visible.length > 0 ? visible : tables;
  let scored = false;
  if (labelScore) {
    for (const p of pool) p.score = labelScore(p.layout.columns);
    const best = Math.max(...pool.map((p) => p.score!));
    if (best > 0) {
      scored = true;
      pool = pool.filter((p) => p.score! > 0 && p.score! >= best - FIT_MARGIN);
    }
  }
  return { pool, scored };
}

/** The one sheet read, with a `sheet-chosen` info when the workbook has others. */
function chosenAlone(names: readonly string[], p: Candidate, scored: boolean): Chosen {
  const findings: Finding[] =
    names.length > 1
      ? [
          {
            code: 'sheet-chosen',
            level: 'info',
            loc: {},
            params: scored
              ? { sheet: names[p.index], sheets: names, score: p.score }
              : { sheet: names[p.index], sheets: names },
          },
        ]
      : [];
  return { index: p.index, layout: p.layout, findings };
}

/** Among several sheets that fit, the one with the most data rows, named in `sheet-choice-ambiguous`. */
async function mostRows(
  reader: WorkbookReader,
  names: readonly string[],
  pool: Candidate[],
): Promise<Chosen> {
  for (const p of pool) p.rows = await countDataRows(reader, p.index, p.layout.headerIndex);
  const chosen = pool.reduce((a, b) =>
    b.rows! > a.rows! || (b.rows === a.rows && (b.score ?? 0) > (a.score ?? 0)) ? b : a,
  );
  const finding: Finding = {
    code: 'sheet-choice-ambiguous',
    level: 'warning',
    loc: {},
    params: {
      sheet: names[chosen.index],
      rows: chosen.rows,
      sheets: names,
      candidates: pool.map((p) =>
        p.score === undefined
          ? { sheet: names[p.index], rows: p.rows }
          : { sheet: names[p.index], rows: p.rows, score: p.score },
      ),
    },
  };
  return { index: chosen.index, layout: chosen.layout, findings: [finding] };
}

/**
 * The sheet to read: the one asked for, or else, among the sheets that look like a table (visible ones
 * before hidden ones), the one whose header best fits `labelScore` (the schema), then the one with the most
 * data rows. When several sheets fit, the choice is a warning (`sheet-choice-ambiguous`) naming each with
 * its row count; when one does among several sheets, an info (`sheet-chosen`). A workbook with no table-like
 * sheet is read on its first sheet with data.
 */
async function chooseSheet(
  reader: WorkbookReader,
  name: string,
  wanted: string | number | undefined,
  headerRow: number | undefined,
  labelScore?: (labels: string[]) => number,
): Promise<Chosen> {
  if (wanted !== undefined) return wantedSheet(reader, name, wanted, headerRow, labelScore);
  const names = reader.sheets.map((s) => s.name);
  const probed = await probeSheets(reader, name, headerRow, labelScore);
  const tables = probed.filter((p) => looksLikeTable(p.layout));
  if (tables.length === 0) return chosenAlone(names, probed[0]!, false);
  const { pool, scored } = bestFitting(reader, tables, labelScore);
  if (pool.length === 1) return chosenAlone(names, pool[0]!, scored);
  return mostRows(reader, names, pool);
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

/** Turns what the reader met in place (cells cut, cells beyond the limits) into findings. */
class ProblemReport {
  private tooLong = 0;
  private beyond: Partial<Record<'columns' | 'rows' | 'outside', Finding>> = {};

  constructor(
    private readonly findings: Finding[],
    private readonly limits: ReaderLimits,
    private readonly layout: Layout,
  ) {}

  private loc(r: number, c: number): Finding['loc'] {
    const { headerIndex, firstCol } = this.layout;
    return r > headerIndex
      ? { line: r + 1, rowNumber: r - headerIndex + 1, fieldNumber: c - firstCol + 1 }
      : { line: r + 1 };
  }

  problem(p: SheetProblem): void {
    if (p.kind === 'cell-too-long') {
      if (this.tooLong++ >= MAX_CELL_FINDINGS) return;
      this.findings.push({
        code: 'cell-too-long',
        level: 'error',
        loc: this.loc(p.r, p.c),
        params: { cell: cellRef(p.r, p.c), limit: this.limits.maxCellLength, line: p.r + 1 },
      });
      return;
    }
    const what = p.kind === 'column-beyond-limit' ? 'columns' : 'rows';
    this.count(what, p.r, p.c, what === 'columns' ? this.limits.maxColumns : this.limits.maxRows);
  }

  count(what: 'columns' | 'rows' | 'outside', r: number, c: number, limit?: number): void {
    const existing = this.beyond[what];
    if (existing) {
      existing.params.count = Number(existing.params.count) + 1;
      return;
    }
    const finding: Finding =
      what === 'outside'
        ? {
            code: 'cell-outside-table',
            level: 'warning',
            loc: { line: r + 1, rowNumber: r - this.layout.headerIndex + 1 },
            params: { cell: cellRef(r, c), count: 1, line: r + 1 },
          }
        : {
            code: 'table-beyond-limits',
            level: 'error',
            loc: { line: r + 1 },
            params: { what, limit: limit ?? 0, cell: cellRef(r, c), count: 1, line: r + 1 },
          };
    this.beyond[what] = finding;
    this.findings.push(finding);
  }
}

/** Merged ranges that reach below the header: counted, the first ones listed, one finding at the end. */
class MergeReport {
  private merges = 0;
  private first: MergeRange | undefined;
  private readonly listed: string[] = [];

  constructor(private readonly headerIndex: number) {}

  /** A merged range met while reading the sheet. */
  merge(m: MergeRange): void {
    if (m.e.r < this.headerIndex) return;
    this.merges++;
    if (!this.first || m.s.r < this.first.s.r) this.first = m;
    if (this.listed.length < MAX_LISTED_MERGES)
      this.listed.push(`${cellRef(m.s.r, m.s.c)}:${cellRef(m.e.r, m.e.c)}`);
  }

  /** `sheet-merged-cells`, when some were met. */
  finding(): Finding | undefined {
    if (this.merges === 0 || !this.first) return undefined;
    return {
      code: 'sheet-merged-cells',
      level: 'warning',
      loc: { line: this.first.s.r + 1, rowNumber: this.first.s.r - this.headerIndex + 1 },
      params: { count: this.merges, ranges: this.listed },
    };
  }
}

/** The workbook opened, its sheet chosen; the reader is closed when the choice fails. */
async function openChosen(
  input: { path?: string; bytes?: Uint8Array; name: string },
  options: OpenOptions,
  limits: ReaderLimits,
): Promise<{ reader: WorkbookReader; size: number; chosen: Chosen }> {
  const speculative = options.speculativeSheets === true && options.sheet === undefined;
  const { reader: opened, size } = await openReader(input, limits, speculative);
  let closed: Promise<void> | undefined;
  const reader: WorkbookReader = Object.assign(Object.create(opened) as WorkbookReader, {
    close: () => (closed ??= opened.close()),
  });
  try {
    const choose = (): Promise<Chosen> =>
      chooseSheet(reader, input.name, options.sheet, options.headerRow, options.labelScore);
    let chosen: Chosen | undefined;
    if (reader.provisional) {
      // The first table alone is read on speculation only when it has data: otherwise the choice (or
      // the failure) is made knowing every table.
      chosen = await choose().catch((e: unknown) => {
        if (e instanceof OdfError) return undefined;
        throw e;
      });
      if (!chosen) await reader.allSheets!();
    }
    chosen ??= await choose();
    return { reader, size, chosen };
  } catch (e) {
    await reader.close();
    throw e;
  }
}

/** The findings of the chosen sheet's header: rows skipped above it, a blank header, damaged labels. */
function headerFindings(chosen: Chosen): { findings: Finding[]; damage: DamageTracker } {
  const { headerIndex, columns } = chosen.layout;
  const findings: Finding[] = [...chosen.findings];
  if (chosen.layout.skipped.length > 0) {
    findings.push({
      code: 'header-rows-skipped',
      level: 'warning',
      loc: { line: headerIndex + 1 },
      params: { lines: chosen.layout.skipped, headerLine: headerIndex + 1 },
    });
  }
  if (isSpacesRow(columns)) {
    findings.push({
      code: 'header-blank',
      level: 'error',
      loc: { line: headerIndex + 1 },
      params: { line: headerIndex + 1, columns: columns.length },
    });
  }
  const damage = new DamageTracker(findings);
  damage.labels(columns, headerIndex + 1);
  return { findings, damage };
}

/** A sheet row's cells in the table's columns: the leading columns dropped, padded to the header's width. */
function cellsOf(row: SheetRow, firstCol: number, width: number): string[] {
  const cells = row.cells;
  let out: string[];
  if (firstCol === 0)
    out = cells.length >= width ? cells : cells.concat(new Array<string>(width - cells.length).fill(''));
  else {
    out = cells.slice(firstCol);
    while (out.length < width) out.push('');
  }
  return out;
}

/** A blank row of the table (sheet row `r`, 0-based), between two rows the sheet holds. */
function blankRow(r: number, width: number, headerIndex: number): RawRow {
  return { cells: new Array<string>(width).fill(''), rowNumber: r - headerIndex + 1, line: r + 1 };
}

/** What the row stream of a sheet needs. */
interface SheetRead {
  reader: WorkbookReader;
  index: number;
  layout: Layout;
  size: number;
  meta: TableMeta;
  damage: DamageTracker;
  problems: ProblemReport;
  merges: MergeReport;
  onProgress: OpenOptions['onProgress'];
  /** How the sheet was chosen, to choose again when the reader's sheets were provisional. */
  choose: () => Promise<Chosen>;
}

/**
 * The sheet was chosen on the first ODS table alone: now that every table is known (the row pass read on
 * to the end of content.xml, or `allSheets` reads them), the choice is made again. The same sheet and
 * header: the workbook's sheets and the choice's findings go in the table's metadata, as an open knowing
 * them would have put them (first). Another: `SheetsChanged`.
 */
async function settleSheets(s: SheetRead): Promise<void> {
  const { reader, meta, layout } = s;
  if (reader.provisional) await reader.allSheets!();
  if (reader.sheets.length <= 1) return;
  const again = await s.choose();
  const same =
    again.index === s.index &&
    again.layout.headerIndex === layout.headerIndex &&
    again.layout.firstCol === layout.firstCol &&
    again.layout.columns.length === layout.columns.length &&
    again.layout.columns.every((c, i) => c === layout.columns[i]) &&
    again.layout.skipped.length === layout.skipped.length;
  if (!same) throw new SheetsChanged();
  meta.sheets!.splice(0, meta.sheets!.length, ...reader.sheets.map((x) => x.name));
  meta.findings.unshift(...again.findings);
}

/**
 * The data rows of the chosen sheet, below its header: a repeated row once per repetition, a gap as blank
 * rows, each row checked for damage; the merges and the row count are set at the end, and the workbook
 * closed however the stream ends.
 */
async function* sheetRows(s: SheetRead): AsyncGenerator<RawRow> {
  const { reader, damage, problems, onProgress, size } = s;
  const { headerIndex, firstCol } = s.layout;
  const width = s.layout.columns.length;
  let count = 0;
  let next = headerIndex + 1;
  const events: SheetEvents = { merge: (m) => s.merges.merge(m), problem: (p) => problems.problem(p) };
  const it = reader.rows(s.index, events);
  const provisional = reader.provisional === true;
  let ended = false;
  let failed = false;
  try {
    for await (const batch of it) {
      for (const row of batch) {
        let r = row.index;
        let n = row.repeat;
        if (r + n - 1 <= headerIndex) continue;
        if (r <= headerIndex) {
          n -= headerIndex + 1 - r;
          r = headerIndex + 1;
        }
        for (; next < r; next++) {
          count++;
          yield blankRow(next, width, headerIndex);
        }
        if (firstCol > 0) {
          for (let c = 0; c < firstCol && c < row.cells.length; c++) {
            if (row.cells[c] !== '') problems.count('outside', r, c);
          }
        }
        const cells = cellsOf(row, firstCol, width);
        const errors = row.errors?.filter((c) => c >= firstCol).map((c) => c - firstCol);
        for (let k = 0; k < n; k++) {
          const line = r + k + 1;
          const rowNumber = line - headerIndex;
          damage.row(cells, rowNumber, line, errors, { column0: firstCol, sheetRow: line });
          count++;
          if (onProgress && count % PROGRESS_EVERY === 0)
            onProgress(Math.min(size, reader.position?.() ?? 0));
          yield { cells: k === n - 1 ? cells : cells.slice(), rowNumber, line };
        }
        next = r + n;
      }
    }
    ended = true;
    if (provisional) await settleSheets(s);
    damage.end();
    const merged = s.merges.finding();
    if (merged) s.meta.findings.push(merged);
    s.meta.rowCount = count;
    onProgress?.(size);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    try {
      await it.return(undefined);
      // A stream left early (its consumer stopped) must not leave a speculation unchecked.
      if (provisional && !ended && !failed) await settleSheets(s);
    } finally {
      await reader.close();
    }
  }
}

/**
 * Opens a spreadsheet (XLSX, XLS or ODS) and yields its data rows as the text a person sees: numbers in
 * shortest round-trip form at 15 significant digits, number formats applied (zero-padded codes, fixed
 * decimals), dates as ISO 8601, booleans `true`/`false`, formulas as their cached value, error cells as
 * their text (`#DIV/0!`, reported). Merged cells keep their value in the top-left cell only (reported).
 * Leading columns empty in the rows around the header are dropped (a cell found in them further down is
 * reported, `cell-outside-table`), as are trailing blank rows; a row shorter than the header is padded
 * with empty cells.
 *
 * XLSX and ODS are streamed: sheet XML is inflated and parsed chunk by chunk, so memory does not grow with
 * the row count (XLSX reads its shared string table first: compact bytes, past 32 MiB in a temporary
 * file; see shared-strings.ts). XLS (at most 65,536 rows) is parsed whole.
 * The sheet is `options.sheet` (name or 1-based number) or chosen by fit (see chooseSheet); the header is
 * `options.headerRow` (sheet row) or found by `findHeaderRow` below blank and title rows. Every limit of
 * docs/limits.md applies (`OpenOptions.max…`).
 *
 * Failures: `not-a-table` (not a workbook), `zip-bomb` (declared or inflated size beyond
 * `options.maxUnzipped`, default 1 GiB), `input-too-large` (repetition or shared strings beyond their
 * limit), `file-unreadable` (damaged, password-protected, a DOCTYPE), `empty-file`, `bad-option` (unknown
 * sheet, header row beyond the data).
 */
export async function openWorkbook(
  input: { path?: string; bytes?: Uint8Array; name: string },
  options: OpenOptions,
): Promise<OpenTable> {
  const limits = readerLimits(options);
  const { reader, size, chosen } = await openChosen(input, options, limits);
  try {
    return tableOf(input, options, limits, reader, size, chosen);
  } catch (e) {
    await reader.close();
    throw e;
  }
}

/** The table of the chosen sheet: its metadata and header findings, and its rows to stream. */
function tableOf(
  input: { path?: string; bytes?: Uint8Array; name: string },
  options: OpenOptions,
  limits: ReaderLimits,
  reader: WorkbookReader,
  size: number,
  chosen: Chosen,
): OpenTable {
  const { index, layout } = chosen;
  const names = reader.sheets.map((s) => s.name);
  const { findings, damage } = headerFindings(chosen);
  const meta: TableMeta = {
    path: input.path ?? input.name,
    format: reader.format as SheetFormat,
    headerRow: layout.headerIndex + 1,
    columns: layout.columns,
    sheet: names[index]!,
    sheets: names,
    bytes: size,
    findings,
  };
  const problems = new ProblemReport(findings, limits, layout);
  const merges = new MergeReport(layout.headerIndex);
  const rows = sheetRows({
    reader,
    index,
    layout,
    size,
    meta,
    damage,
    problems,
    merges,
    onProgress: options.onProgress,
    choose: () => chooseSheet(reader, input.name, options.sheet, options.headerRow, options.labelScore),
  });
  return { meta, rows, close: () => reader.close() };
}
