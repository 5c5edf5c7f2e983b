// XLSX (Office Open XML) read as a stream: each sheet's XML is inflated and parsed chunk by chunk, rows out.
import { TextDecoder } from 'node:util';
import { OdfError } from '../errors.js';
import { isPlainNumberText, NumberText } from './cell-text.js';
import { xmlRunLimit, type ReaderLimits } from './limits.js';
import { SharedStrings } from './shared-strings.js';
import { SheetScanner, type CellSink } from './sheet-scanner.js';
import { StringsScanner } from './strings-scanner.js';
import { partDecoder, XmlReader, type XmlHandler } from './xml.js';
import type { ZipArchive, ZipEntry } from './zip.js';
import {
  parseCellRef,
  parseColumn,
  type SheetEvents,
  type SheetInfo,
  type SheetRow,
  type WorkbookInput,
  type WorkbookReader,
} from './workbook.js';

/** Inflated size allowed for the small parts read whole (workbook, relationships, styles). */
const MAX_SMALL_PART = 16 * 2 ** 20;

/**
 * Excel's built-in number formats (ECMA-376 part 1, 18.8.30), by id; ids 27–36 and 50–58 are
 * locale-specific date formats (East Asian calendars), read as dates.
 */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

function builtinFormat(id: number): string | undefined {
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'm/d/yy';
  return BUILTIN_FORMATS[id];
}

/** The local name of an element or attribute (`x:row` → `row`). */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Attribute by local name (generators may prefix them). */
function attr(attributes: Record<string, string>, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const key in attributes) if (local(key) === name) return attributes[key];
  return undefined;
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Parses a small part whole, with a handler of open tags only (workbook, relationships, styles). */
async function readSmallPart(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
  open: (name: string, attributes: Record<string, string>) => void,
  text?: { start(name: string): boolean; text(t: string): void; end(name: string): void },
): Promise<void> {
  let depth = 0;
  const handler: XmlHandler = {
    open(name, attributes) {
      const n = local(name);
      open(n, attributes);
      if (text?.start(n)) depth++;
    },
    close(name) {
      text?.end(local(name));
    },
    text(t) {
      if (depth >= 0) text?.text(t);
    },
  };
  const xml = new XmlReader(file, entry.name, handler, MAX_SMALL_PART);
  for await (const chunk of archive.stream(entry, MAX_SMALL_PART)) xml.write(chunk);
  xml.end();
}

interface SheetPart {
  info: SheetInfo;
  /** Archive entry of the sheet's XML, undefined for a chart sheet or a missing part (read as empty). */
  entry: ZipEntry | undefined;
}

/**
 * Shared strings, read once: the texts of `<si>` items (runs joined, phonetic hints left out), into a
 * compact store (closed here if the reading fails).
 */
async function readSharedStrings(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
  maxBytes: number,
  maxCell: number,
  input: WorkbookInput,
): Promise<SharedStrings> {
  const strings = new SharedStrings(file, input.sharedStringsInMemory);
  try {
    await readStringItems(archive, entry, file, maxBytes, maxCell, strings, input);
  } catch (e) {
    strings.close();
    throw e;
  }
  strings.finish();
  return strings;
}

async function readStringItems(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
  maxBytes: number,
  maxCell: number,
  strings: SharedStrings,
  input: WorkbookInput,
): Promise<void> {
  let current = '';
  let inT = false;
  let inPhonetic = 0;
  // The scanner (StringsScanner) gives whole items to `add`, and reads the parser's state from the handler.
  const handler: XmlHandler & { add(text: string): void; sstOpens: number; depth: number } = {
    sstOpens: 0,
    depth: 0,
    add: (text) => strings.add(text),
    open(name) {
      const n = local(name);
      if (n === 't') inT = inPhonetic === 0;
      else if (n === 'si') current = '';
      else if (n === 'rPh') inPhonetic++;
      else if (n === 'sst' && this.depth === 0) this.sstOpens++;
      this.depth++;
    },
    close(name) {
      this.depth--;
      const n = local(name);
      if (n === 't') inT = false;
      else if (n === 'si') strings.add(current);
      else if (n === 'rPh') inPhonetic--;
    },
    text(t) {
      if (inT && current.length < maxCell) current += t;
    },
  };
  const xml = new XmlReader(file, entry.name, handler, xmlRunLimit(maxCell));
  const reader = input.sheetScanner === false ? xml : new StringsScanner(handler, xml, maxCell);
  const piece = input.textChunk ?? Infinity;
  const write = (text: string): void => {
    if (text.length <= piece) reader.writeText(text);
    else for (let at = 0; at < text.length; at += piece) reader.writeText(text.slice(at, at + piece));
  };
  let decoder: TextDecoder | undefined;
  try {
    for await (const chunk of archive.stream(entry, maxBytes)) {
      decoder ??= partDecoder(chunk);
      write(decoder.decode(chunk, { stream: true }));
    }
  } catch (e) {
    if (e instanceof OdfError && e.code === 'zip-bomb' && e.data.part === entry.name) {
      throw new OdfError(
        'input-too-large',
        `La table des textes partagés du classeur ${file} (${entry.name}) dépasse ${Math.round(maxBytes / 2 ** 20)} Mio une fois décompressée : odf doit la garder en mémoire et refuse de la lire (--max-shared-strings pour augmenter la limite).`,
        { name: file, part: entry.name, limit: maxBytes },
        `The shared string table of workbook ${file} (${entry.name}) exceeds ${Math.round(maxBytes / 2 ** 20)} MiB once inflated: odf must keep it in memory and refuses to read it (--max-shared-strings raises the limit).`,
      );
    }
    throw e;
  }
  if (decoder) write(decoder.decode());
  reader.end();
}

/** The workbook part, named by the package relationships (xl/workbook.xml when they are missing). */
async function workbookPart(archive: ZipArchive, file: string): Promise<ZipEntry> {
  let workbookPath = 'xl/workbook.xml';
  const rootRels = archive.find('_rels/.rels');
  if (rootRels) {
    await readSmallPart(archive, rootRels, file, (name, a) => {
      if (name === 'Relationship' && (a.Type ?? '').endsWith('/officeDocument') && a.Target) {
        workbookPath = resolveTarget('', a.Target);
      }
    });
  }
  const workbookEntry = archive.find(workbookPath) ?? archive.find('xl/workbook.xml');
  if (!workbookEntry) {
    throw new OdfError(
      'file-unreadable',
      `Le classeur ${file} est endommagé : sa partie principale (${workbookPath}) est absente.`,
      { name: file, part: workbookPath },
      `The workbook ${file} is damaged: its main part (${workbookPath}) is missing.`,
    );
  }
  return workbookEntry;
}

/** A sheet as the workbook part lists it. */
interface ListedSheet {
  name: string;
  hidden: boolean;
  /** Relationship id of its part. */
  rid: string | undefined;
}

/** The workbook part: its sheets (name, hidden state, relationship) and its date system. */
async function readWorkbook(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
): Promise<{ sheets: ListedSheet[]; date1904: boolean }> {
  const sheets: ListedSheet[] = [];
  let date1904 = false;
  await readSmallPart(archive, entry, file, (name, a) => {
    if (name === 'sheet') {
      const state = attr(a, 'state');
      sheets.push({
        name: attr(a, 'name') ?? `Sheet${sheets.length + 1}`,
        hidden: state === 'hidden' || state === 'veryHidden',
        rid: attr(a, 'id'),
      });
    } else if (name === 'workbookPr') {
      const v = attr(a, 'date1904');
      date1904 = v === '1' || v === 'true';
    }
  });
  return { sheets, date1904 };
}

/** The parts the workbook's relationships name: each sheet's (by relationship id), the styles, the strings. */
interface WorkbookRels {
  /** The relationships part, when there is one. */
  entry: ZipEntry | undefined;
  targets: Map<string, string>;
  stylesPath?: string;
  stringsPath?: string;
}

/** Reads the workbook part's relationships. */
async function readWorkbookRels(
  archive: ZipArchive,
  workbookEntry: ZipEntry,
  file: string,
): Promise<WorkbookRels> {
  const relsPath = `${workbookEntry.name.split('/').slice(0, -1).join('/')}/_rels/${workbookEntry.name.split('/').pop()!}.rels`;
  const rels: WorkbookRels = { entry: archive.find(relsPath.replace(/^\//, '')), targets: new Map() };
  if (rels.entry) {
    await readSmallPart(archive, rels.entry, file, (name, a) => {
      if (name !== 'Relationship' || !a.Target || !a.Id) return;
      const target = resolveTarget(workbookEntry.name, a.Target);
      const type = a.Type ?? '';
      if (type.endsWith('/styles')) rels.stylesPath = target;
      else if (type.endsWith('/sharedStrings')) rels.stringsPath = target;
      else if (type.endsWith('/worksheet')) rels.targets.set(a.Id, target);
    });
  }
  return rels;
}

/** The archive entry of each listed sheet. */
function sheetParts(archive: ZipArchive, sheets: readonly ListedSheet[], rels: WorkbookRels): SheetPart[] {
  return sheets.map((s, i) => {
    const target = s.rid !== undefined ? rels.targets.get(s.rid) : undefined;
    // Without relationships, sheets are conventionally xl/worksheets/sheetN.xml.
    const entry = target
      ? archive.find(target)
      : rels.entry
        ? undefined
        : archive.find(`xl/worksheets/sheet${i + 1}.xml`);
    return { info: { name: s.name, hidden: s.hidden }, entry };
  });
}

/** The number format code of each cell style: cellXfs[i].numFmtId → format code. */
async function readStyleFormats(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
): Promise<(string | undefined)[]> {
  const formatCodes = new Map<number, string>();
  const styleFormats: (string | undefined)[] = [];
  let inCellXfs = false;
  await readSmallPart(
    archive,
    entry,
    file,
    (name, a) => {
      if (name === 'numFmt') {
        const id = Number(attr(a, 'numFmtId'));
        const code = attr(a, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) formatCodes.set(id, code);
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(a, 'numFmtId') ?? 0);
        styleFormats.push(formatCodes.get(id) ?? builtinFormat(id));
      }
    },
    {
      start: () => false,
      text: () => {},
      end: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
  );
  return styleFormats;
}

/**
 * Opens an XLSX archive: reads the workbook part (sheet names, hidden state, 1904 date system), its
 * relationships, the styles (number format of each cell style) and the shared strings, then streams any
 * sheet on demand.
 */
export async function openXlsx(archive: ZipArchive, input: WorkbookInput): Promise<WorkbookReader> {
  const file = input.name;
  const limits = input.limits;
  const workbookEntry = await workbookPart(archive, file);
  const { sheets, date1904 } = await readWorkbook(archive, workbookEntry, file);
  const rels = await readWorkbookRels(archive, workbookEntry, file);
  const parts = sheetParts(archive, sheets, rels);
  const stylesEntry = archive.find(rels.stylesPath ?? 'xl/styles.xml');
  const styleFormats = stylesEntry ? await readStyleFormats(archive, stylesEntry, file) : [];
  const stringsEntry = archive.find(rels.stringsPath ?? 'xl/sharedStrings.xml');
  const shared = stringsEntry
    ? await readSharedStrings(
        archive,
        stringsEntry,
        file,
        limits.maxSharedStrings,
        limits.maxCellLength,
        input,
      )
    : new SharedStrings(file);
  const numbers = new NumberText(date1904);

  return {
    format: 'xlsx',
    sheets: parts.map((p) => p.info),
    rows: (index, events) =>
      readSheet(archive, parts[index]!, file, shared, styleFormats, numbers, input, events),
    position: () => archive.position,
    close: () => {
      shared.close();
      return archive.close();
    },
  };
}

/** Cell types of SpreadsheetML (`t` attribute). */
const enum CellType {
  Number,
  Shared,
  InlineString,
  FormulaString,
  Boolean,
  Error,
  Date,
}

function cellType(t: string | undefined): CellType {
  switch (t) {
    case undefined:
    case 'n':
      return CellType.Number;
    case 's':
      return CellType.Shared;
    case 'inlineStr':
      return CellType.InlineString;
    case 'str':
      return CellType.FormulaString;
    case 'b':
      return CellType.Boolean;
    case 'e':
      return CellType.Error;
    case 'd':
      return CellType.Date;
    default:
      return CellType.FormulaString;
  }
}

/**
 * The XML handler of a worksheet: `<c>` cells are read into the cells of their `<row>`, and each row with a
 * value into `batch`; merged ranges and cells beyond the limits go to the sheet's events.
 */
class SheetParser implements XmlHandler, CellSink {
  /** Rows read since the reader last took them. */
  readonly batch: SheetRow[] = [];
  private readonly maxColumns: number;
  private readonly maxRows: number;
  private readonly maxCellLength: number;
  // Row state.
  private rowIndex = -1;
  private cells: string[] = [];
  private errors: number[] | undefined;
  private rowDropped = false;
  // Cell state.
  private col = -1;
  private type = CellType.Number;
  private style = 0;
  private value = '';
  private inValue = false;
  private inInline = 0;
  private inPhonetic = 0;
  private hasValue = false;
  private truncated = false;
  /** Inside `<sheetData>`, and how many times it was opened (the scanner checks it took the real one). */
  inSheetData = false;
  sheetDataOpens = 0;
  /** The next `<row>` open is the current row's, replayed to the XML parser: its cells are kept. */
  resumeRow = false;

  constructor(
    private readonly shared: SharedStrings,
    private readonly styleFormats: readonly (string | undefined)[],
    private readonly numbers: NumberText,
    private readonly events: SheetEvents,
    limits: ReaderLimits,
  ) {
    this.maxColumns = limits.maxColumns;
    this.maxRows = limits.maxRows;
    this.maxCellLength = limits.maxCellLength;
  }

  open(rawName: string, a: Record<string, string>): void {
    const name = rawName.charCodeAt(1) === 58 || rawName.includes(':') ? local(rawName) : rawName;
    switch (name) {
      case 'c':
        this.startCell(a.r, a.t, a.s);
        return;
      case 'v':
        this.inValue = true;
        this.hasValue = true;
        return;
      case 'is':
        this.inInline++;
        this.hasValue = true;
        return;
      case 't':
        if (this.inInline > 0 && this.inPhonetic === 0) this.inValue = true;
        return;
      case 'rPh':
        this.inPhonetic++;
        return;
      case 'row':
        if (this.resumeRow) this.resumeRow = false;
        else this.startRow(a.r);
        return;
      case 'sheetData':
        this.inSheetData = true;
        this.sheetDataOpens++;
        return;
      case 'mergeCell': {
        const [from, to] = (a.ref ?? '').split(':');
        const s = parseCellRef(from ?? '');
        const e = parseCellRef(to ?? from ?? '');
        if (s && e) this.events.merge({ s, e });
        return;
      }
    }
  }

  close(rawName: string): void {
    const name = rawName.includes(':') ? local(rawName) : rawName;
    switch (name) {
      case 'v':
        this.inValue = false;
        return;
      case 't':
        if (this.inInline > 0) this.inValue = false;
        return;
      case 'is':
        this.inInline--;
        return;
      case 'rPh':
        this.inPhonetic--;
        return;
      case 'c':
        this.finishCell();
        return;
      case 'row':
        this.finishRow();
        return;
      case 'sheetData':
        this.inSheetData = false;
        return;
    }
  }

  text(t: string): void {
    if (this.inValue && this.inSheetData) this.addText(t);
  }

  /** Text of the cell's value (`<v>`, or `<t>` of an inline string). */
  addText(t: string): void {
    if (this.value.length + t.length > this.maxCellLength) {
      this.truncated = true;
      this.value += t.slice(0, Math.max(0, this.maxCellLength - this.value.length));
    } else this.value += t;
  }

  /** `<row r="…">`: a new row (its index from `r`, else the next one). */
  startRow(ref: string | undefined): void {
    const r = ref !== undefined ? Number(ref) - 1 : this.rowIndex + 1;
    this.rowIndex = Number.isInteger(r) && r >= 0 ? r : this.rowIndex + 1;
    this.cells = [];
    this.errors = undefined;
    this.col = -1;
    this.rowDropped = this.rowIndex >= this.maxRows;
  }

  /** `</row>`: a row with a value is batched, or reported when beyond the row limit. */
  finishRow(): void {
    const cells = this.cells;
    if (this.rowDropped) {
      if (cells.length > 0) this.events.problem({ kind: 'row-beyond-limit', r: this.rowIndex, c: 0 });
    } else if (cells.length > 0) {
      const errors = this.errors;
      this.batch.push(
        errors
          ? { index: this.rowIndex, cells, errors, repeat: 1 }
          : { index: this.rowIndex, cells, repeat: 1 },
      );
    }
  }

  /** `<c r="…" t="…" s="…">`: a new cell (its column from `r`, else the next one). */
  startCell(ref: string | undefined, t: string | undefined, s: string | undefined): void {
    let col = ref !== undefined ? parseColumn(ref) : this.col + 1;
    if (col < 0) col = parseCellRef(ref ?? '')?.c ?? 0;
    this.startCellAt(col, t, s !== undefined ? Number(s) : 0);
  }

  /** A new cell at 0-based column `col`, of type `t` and style index `style`. */
  startCellAt(col: number, t: string | undefined, style: number): void {
    this.col = col;
    this.type = cellType(t);
    this.style = style;
    this.value = '';
    this.hasValue = false;
    this.truncated = false;
  }

  /** `</c>`: the cell's text as shown, put in its column of the row (cells beyond the limit reported). */
  /** The cell has a value element (`<v>` or `<is>`), possibly empty. */
  markValue(): void {
    this.hasValue = true;
  }

  /** The column of the current cell (-1 before the row's first). */
  get column(): number {
    return this.col;
  }

  finishCell(): void {
    const col = this.col;
    if (!this.hasValue || col < 0) return;
    if (col >= this.maxColumns) {
      this.events.problem({ kind: 'column-beyond-limit', r: this.rowIndex, c: col });
      return;
    }
    const text = this.cellText();
    if (text === '') return;
    if (this.type === CellType.Error) (this.errors ??= []).push(col);
    if (this.truncated)
      this.events.problem({ kind: 'cell-too-long', r: this.rowIndex, c: col, length: this.value.length });
    const cells = this.cells;
    while (cells.length < col) cells.push('');
    cells[col] = text;
  }

  /** The text a person sees for the cell's value and type. */
  private cellText(): string {
    const value = this.value;
    switch (this.type) {
      case CellType.Number: {
        const kind = this.numbers.kindOf(this.styleFormats[this.style]);
        // Most values are already written as they are shown: no need to read and write them back.
        if (kind.kind === 'number' && isPlainNumberText(value)) return value;
        const v = Number(value);
        return value === '' || Number.isNaN(v) ? value : this.numbers.textOfKind(v, kind);
      }
      case CellType.Shared:
        return this.shared.get(Number(value));
      case CellType.Boolean:
        return value === '1' || value === 'true' ? 'true' : value === '' ? '' : 'false';
      case CellType.Date:
        return value.replace(/(\.0+)?Z$/, '');
      default:
        return value;
    }
  }
}

/**
 * The rows of a worksheet, streamed: its XML is inflated and decoded chunk by chunk, its rows read by the
 * sheet scanner (the XML parser reads the rest, and the rows too where the scanner is unsure), a batch per
 * chunk.
 */
async function* readSheet(
  archive: ZipArchive,
  part: SheetPart,
  file: string,
  shared: SharedStrings,
  styleFormats: readonly (string | undefined)[],
  numbers: NumberText,
  input: WorkbookInput,
  events: SheetEvents,
): AsyncGenerator<SheetRow[]> {
  if (!part.entry) return;
  const parser = new SheetParser(shared, styleFormats, numbers, events, input.limits);
  const batch = parser.batch;
  const xml = new XmlReader(file, part.entry.name, parser, xmlRunLimit(input.limits.maxCellLength));
  const reader = input.sheetScanner === false ? xml : new SheetScanner(parser, xml);
  const piece = input.textChunk ?? Infinity;
  const write = (text: string): void => {
    if (text.length <= piece) reader.writeText(text);
    else for (let at = 0; at < text.length; at += piece) reader.writeText(text.slice(at, at + piece));
  };
  let decoder: TextDecoder | undefined;
  for await (const chunk of archive.stream(part.entry)) {
    decoder ??= partDecoder(chunk);
    write(decoder.decode(chunk, { stream: true }));
    if (batch.length > 0) yield batch.splice(0);
  }
  if (decoder) write(decoder.decode());
  reader.end();
  if (batch.length > 0) yield batch.splice(0);
}
