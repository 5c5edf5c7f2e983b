// XLSX (Office Open XML) read as a stream: each sheet's XML is inflated and parsed chunk by chunk, rows out.
import { OdfError } from '../errors.js';
import { NumberText } from './cell-text.js';
import { xmlRunLimit } from './limits.js';
import { XmlReader, type XmlHandler } from './xml.js';
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

/** Shared strings, read once: the texts of `<si>` items (runs joined, phonetic hints left out). */
async function readSharedStrings(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
  maxBytes: number,
  maxCell: number,
): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inT = false;
  let inPhonetic = 0;
  const handler: XmlHandler = {
    open(name) {
      const n = local(name);
      if (n === 't') inT = inPhonetic === 0;
      else if (n === 'si') current = '';
      else if (n === 'rPh') inPhonetic++;
    },
    close(name) {
      const n = local(name);
      if (n === 't') inT = false;
      else if (n === 'si') strings.push(current);
      else if (n === 'rPh') inPhonetic--;
    },
    text(t) {
      if (inT && current.length < maxCell) current += t;
    },
  };
  const xml = new XmlReader(file, entry.name, handler, xmlRunLimit(maxCell));
  try {
    for await (const chunk of archive.stream(entry, maxBytes)) xml.write(chunk);
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
  xml.end();
  return strings;
}

/**
 * Opens an XLSX archive: reads the workbook part (sheet names, hidden state, 1904 date system), its
 * relationships, the styles (number format of each cell style) and the shared strings, then streams any
 * sheet on demand.
 */
export async function openXlsx(archive: ZipArchive, input: WorkbookInput): Promise<WorkbookReader> {
  const file = input.name;
  const limits = input.limits;
  // The main part is named by the package relationships; xl/workbook.xml when they are missing.
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
  const sheets: { name: string; hidden: boolean; rid: string | undefined }[] = [];
  let date1904 = false;
  await readSmallPart(archive, workbookEntry, file, (name, a) => {
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
  const relsPath = `${workbookEntry.name.split('/').slice(0, -1).join('/')}/_rels/${workbookEntry.name.split('/').pop()!}.rels`;
  const targets = new Map<string, string>();
  let stylesPath: string | undefined;
  let stringsPath: string | undefined;
  const relsEntry = archive.find(relsPath.replace(/^\//, ''));
  if (relsEntry) {
    await readSmallPart(archive, relsEntry, file, (name, a) => {
      if (name !== 'Relationship' || !a.Target || !a.Id) return;
      const target = resolveTarget(workbookEntry.name, a.Target);
      const type = a.Type ?? '';
      if (type.endsWith('/styles')) stylesPath = target;
      else if (type.endsWith('/sharedStrings')) stringsPath = target;
      else if (type.endsWith('/worksheet')) targets.set(a.Id, target);
    });
  }
  const parts: SheetPart[] = sheets.map((s, i) => {
    const target = s.rid !== undefined ? targets.get(s.rid) : undefined;
    // Without relationships, sheets are conventionally xl/worksheets/sheetN.xml.
    const entry = target
      ? archive.find(target)
      : relsEntry
        ? undefined
        : archive.find(`xl/worksheets/sheet${i + 1}.xml`);
    return { info: { name: s.name, hidden: s.hidden }, entry };
  });

  // Styles: cellXfs[i].numFmtId → format code.
  const formatCodes = new Map<number, string>();
  const styleFormats: (string | undefined)[] = [];
  const stylesEntry = archive.find(stylesPath ?? 'xl/styles.xml');
  if (stylesEntry) {
    let inCellXfs = false;
    await readSmallPart(
      archive,
      stylesEntry,
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
  }
  const stringsEntry = archive.find(stringsPath ?? 'xl/sharedStrings.xml');
  const shared = stringsEntry
    ? await readSharedStrings(archive, stringsEntry, file, limits.maxSharedStrings, limits.maxCellLength)
    : [];
  const numbers = new NumberText(date1904);

  return {
    format: 'xlsx',
    sheets: parts.map((p) => p.info),
    rows: (index, events) =>
      readSheet(archive, parts[index]!, file, shared, styleFormats, numbers, input, events),
    position: () => archive.position,
    close: () => archive.close(),
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

async function* readSheet(
  archive: ZipArchive,
  part: SheetPart,
  file: string,
  shared: readonly string[],
  styleFormats: readonly (string | undefined)[],
  numbers: NumberText,
  input: WorkbookInput,
  events: SheetEvents,
): AsyncGenerator<SheetRow[]> {
  if (!part.entry) return;
  const { maxColumns, maxRows, maxCellLength } = input.limits;
  const batch: SheetRow[] = [];
  // Row state.
  let rowIndex = -1;
  let cells: string[] = [];
  let errors: number[] | undefined;
  let rowDropped = false;
  // Cell state.
  let col = -1;
  let type = CellType.Number;
  let style = 0;
  let value = '';
  let inValue = false;
  let inInline = 0;
  let inPhonetic = 0;
  let hasValue = false;
  let truncated = false;
  let inSheetData = false;

  const finishCell = (): void => {
    if (!hasValue || col < 0) return;
    if (col >= maxColumns) {
      events.problem({ kind: 'column-beyond-limit', r: rowIndex, c: col });
      return;
    }
    let text: string;
    switch (type) {
      case CellType.Number: {
        const v = Number(value);
        text = value === '' || Number.isNaN(v) ? value : numbers.text(v, styleFormats[style]);
        break;
      }
      case CellType.Shared: {
        const i = Number(value);
        text = shared[i] ?? '';
        break;
      }
      case CellType.Boolean:
        text = value === '1' || value === 'true' ? 'true' : value === '' ? '' : 'false';
        break;
      case CellType.Date:
        text = value.replace(/(\.0+)?Z$/, '');
        break;
      default:
        text = value;
    }
    if (text === '') return;
    if (type === CellType.Error) (errors ??= []).push(col);
    if (truncated) events.problem({ kind: 'cell-too-long', r: rowIndex, c: col, length: value.length });
    while (cells.length < col) cells.push('');
    cells[col] = text;
  };

  const handler: XmlHandler = {
    open(rawName, a) {
      const name = rawName.charCodeAt(1) === 58 || rawName.includes(':') ? local(rawName) : rawName;
      switch (name) {
        case 'c': {
          const ref = a.r;
          col = ref !== undefined ? parseColumn(ref) : col + 1;
          if (col < 0) col = parseCellRef(ref ?? '')?.c ?? 0;
          type = cellType(a.t);
          style = a.s !== undefined ? Number(a.s) : 0;
          value = '';
          hasValue = false;
          truncated = false;
          return;
        }
        case 'v':
          inValue = true;
          hasValue = true;
          return;
        case 'is':
          inInline++;
          hasValue = true;
          return;
        case 't':
          if (inInline > 0 && inPhonetic === 0) inValue = true;
          return;
        case 'rPh':
          inPhonetic++;
          return;
        case 'row': {
          const r = a.r !== undefined ? Number(a.r) - 1 : rowIndex + 1;
          rowIndex = Number.isInteger(r) && r >= 0 ? r : rowIndex + 1;
          cells = [];
          errors = undefined;
          col = -1;
          rowDropped = rowIndex >= maxRows;
          return;
        }
        case 'sheetData':
          inSheetData = true;
          return;
        case 'mergeCell': {
          const [from, to] = (a.ref ?? '').split(':');
          const s = parseCellRef(from ?? '');
          const e = parseCellRef(to ?? from ?? '');
          if (s && e) events.merge({ s, e });
          return;
        }
      }
    },
    close(rawName) {
      const name = rawName.includes(':') ? local(rawName) : rawName;
      switch (name) {
        case 'v':
          inValue = false;
          return;
        case 't':
          if (inInline > 0) inValue = false;
          return;
        case 'is':
          inInline--;
          return;
        case 'rPh':
          inPhonetic--;
          return;
        case 'c':
          finishCell();
          return;
        case 'row':
          if (rowDropped) {
            if (cells.length > 0) events.problem({ kind: 'row-beyond-limit', r: rowIndex, c: 0 });
          } else if (cells.length > 0) {
            batch.push(
              errors ? { index: rowIndex, cells, errors, repeat: 1 } : { index: rowIndex, cells, repeat: 1 },
            );
          }
          return;
        case 'sheetData':
          inSheetData = false;
          return;
      }
    },
    text(t) {
      if (!inValue || !inSheetData) return;
      if (value.length + t.length > maxCellLength) {
        truncated = true;
        value += t.slice(0, Math.max(0, maxCellLength - value.length));
      } else value += t;
    },
  };
  const xml = new XmlReader(file, part.entry.name, handler, xmlRunLimit(maxCellLength));
  for await (const chunk of archive.stream(part.entry)) {
    xml.write(chunk);
    if (batch.length > 0) yield batch.splice(0);
  }
  xml.end();
  if (batch.length > 0) yield batch.splice(0);
}
