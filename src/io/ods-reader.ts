// ODS (OpenDocument spreadsheet) read as a stream: content.xml is inflated and parsed chunk by chunk, rows out.
import { OdfError } from '../errors.js';
import { TextDecoder } from 'node:util';
import { formatNumber, isPlainNumberText, NumberText, NUMBER, type FormatKind } from './cell-text.js';
import { xmlRunLimit, type ReaderLimits } from './limits.js';
import { CellAttributes, OdsScanner, Slot, type OdsCellSink } from './ods-scanner.js';
import { partDecoder, StopReading, XmlReader, type XmlHandler } from './xml.js';
import type { ZipArchive, ZipEntry } from './zip.js';
import type { SheetEvents, SheetInfo, SheetRow, WorkbookInput, WorkbookReader } from './workbook.js';

/**
 * Inflated chunk size of content.xml, twice the archive's default: content.xml is large (about 2 KiB per
 * row of 20 cells, the markup of each cell repeated) and each chunk costs a round trip through the zlib
 * stream and the scanner's carry; 128 KiB read budget-20000.stream.ods in 2 % fewer instructions than
 * 64 KiB, and 1 MiB in 4 % more.
 */
const CONTENT_CHUNK = 128 * 1024;

/** Inflated size allowed for styles.xml (read whole, before the sheets). */
const MAX_STYLES_PART = 16 * 2 ** 20;

/** Attribute by local name (`office:value-type` → `value-type`); `calcext:` attributes are asked by full name. */
function attr(attributes: Record<string, string>, name: string): string | undefined {
  for (const key in attributes) {
    // The part after the first colon is `name`, compared in place (this runs for every cell).
    const colon = key.indexOf(':');
    if (
      key.length - colon - 1 === name.length &&
      key.endsWith(name) &&
      !(colon === 7 && key.startsWith('calcext:'))
    )
      return attributes[key];
  }
  return undefined;
}

function count(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The number styles of a document: data style name → kind, cell style name → data style name. */
class OdsStyles {
  readonly dataStyles = new Map<string, FormatKind>();
  readonly cellStyles = new Map<string, string>();
  /** Table styles whose table is hidden (`table:display="false"`). */
  readonly hiddenTables = new Set<string>();
  private current:
    | {
        name: string;
        kind: 'date' | 'time' | 'number' | 'other';
        hasTime: boolean;
        integers: number;
        decimals: number;
        truncate: boolean;
      }
    | undefined;
  private tableStyle: string | undefined;

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'number:date-style':
      case 'number:time-style':
      case 'number:number-style':
      case 'number:percentage-style':
      case 'number:currency-style':
      case 'number:text-style':
      case 'number:boolean-style':
        this.current = {
          name: attr(a, 'name') ?? '',
          kind:
            name === 'number:date-style'
              ? 'date'
              : name === 'number:time-style'
                ? 'time'
                : name === 'number:number-style'
                  ? 'number'
                  : 'other',
          hasTime: false,
          integers: 1,
          decimals: 0,
          truncate: attr(a, 'truncate-on-overflow') !== 'false',
        };
        return;
      case 'number:hours':
      case 'number:minutes':
      case 'number:seconds':
        if (this.current) this.current.hasTime = true;
        return;
      case 'number:number':
        if (this.current) {
          this.current.integers = count(attr(a, 'min-integer-digits'));
          this.current.decimals = Number(attr(a, 'decimal-places') ?? 0) || 0;
        }
        return;
      case 'style:style': {
        const styleName = attr(a, 'name');
        const family = attr(a, 'family');
        if (styleName === undefined) return;
        if (family === 'table-cell') {
          const data = attr(a, 'data-style-name');
          const parent = attr(a, 'parent-style-name');
          if (data !== undefined) this.cellStyles.set(styleName, data);
          else if (parent !== undefined && this.cellStyles.has(parent))
            this.cellStyles.set(styleName, this.cellStyles.get(parent)!);
        } else if (family === 'table') this.tableStyle = styleName;
        return;
      }
      case 'style:table-properties':
        if (this.tableStyle !== undefined && attr(a, 'display') === 'false')
          this.hiddenTables.add(this.tableStyle);
        return;
    }
  }

  close(name: string): void {
    if (name === 'style:style') this.tableStyle = undefined;
    if (!this.current || !name.startsWith('number:') || !name.endsWith('-style')) return;
    const s = this.current;
    this.current = undefined;
    let kind: FormatKind = NUMBER;
    if (s.kind === 'date') kind = { kind: 'datetime', date: true, time: s.hasTime, elapsed: false };
    else if (s.kind === 'time') kind = { kind: 'datetime', date: false, time: true, elapsed: !s.truncate };
    else if (s.kind === 'number') {
      if (s.decimals > 0) kind = { kind: 'fixed', decimals: s.decimals };
      else if (s.integers > 1) kind = { kind: 'padded', width: s.integers };
    }
    this.dataStyles.set(s.name, kind);
  }

  kindOfCell(style: string | undefined): FormatKind {
    if (style === undefined) return NUMBER;
    const data = this.cellStyles.get(style);
    return (data !== undefined ? this.dataStyles.get(data) : undefined) ?? NUMBER;
  }
}

/** `PT10H30M00S` (ISO 8601 duration, as ODS stores times) → `10:30:00`; undefined when not one. */
function durationText(value: string): string | undefined {
  const m = /^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value);
  if (!m) return undefined;
  const hours = Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0);
  const seconds = Number(m[4] ?? 0);
  const whole = Math.floor(seconds);
  const fraction = m[4]?.includes('.') ? m[4].slice(m[4].indexOf('.')).replace(/0+$/, '') : '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(hours)}:${pad(Number(m[3] ?? 0))}:${pad(whole)}${fraction === '.' ? '' : fraction}`;
}

/** `2020-09-15T10:30:00.000` → `2020-09-15T10:30:00`. */
function dateText(value: string): string {
  return value.replace(/\.0*$/, '').replace(/(\.\d*?)0+$/, '$1');
}

/** A table of content.xml as its open tag names it. */
interface OdsTable {
  name: string;
  style?: string;
}

/** Finds the tables of content.xml (name and style) with a byte scan of its inflated chunks, without parsing. */
class TableTags {
  readonly found: OdsTable[] = [];
  private carry = Buffer.alloc(0);
  private static readonly marker = Buffer.from('<table:table ', 'latin1');

  /** The next inflated chunk of content.xml. */
  push(chunk: Uint8Array): void {
    const marker = TableTags.marker;
    const tables = this.found;
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const carry = this.carry;
    if (carry.length > 0) {
      // The chunk is copied behind the carry only when a table tag runs across the two (rarely): the carry
      // then starts with the tag's marker, or ends with a part of it.
      if (Buffer.concat([carry, buf.subarray(0, marker.length)]).includes(marker))
        buf = Buffer.concat([carry, buf]);
    }
    let at = buf.indexOf(marker);
    let keepFrom = Math.max(0, buf.length - marker.length);
    while (at >= 0) {
      const end = buf.indexOf(0x3e, at); // '>'
      if (end < 0) {
        keepFrom = at;
        break;
      }
      const tag = buf.subarray(at, end).toString('utf8');
      const name = /\btable:name="([^"]*)"/.exec(tag)?.[1];
      const style = /\btable:style-name="([^"]*)"/.exec(tag)?.[1];
      tables.push({
        name: decodeXml(name ?? `Feuille${tables.length + 1}`),
        ...(style !== undefined ? { style } : {}),
      });
      at = buf.indexOf(marker, end);
    }
    // A tag longer than 64 KiB is not a table tag worth keeping.
    this.carry = Buffer.from(buf.subarray(Math.max(keepFrom, buf.length - 65536)));
  }
}

/**
 * The tables of content.xml, found in one pass over it. `speculative`: the pass stops after the chunk where
 * the first table is found if it is the only one so far (`complete` false: more may follow).
 */
async function findTables(
  archive: ZipArchive,
  entry: ZipEntry,
  speculative: boolean,
): Promise<{ tables: OdsTable[]; complete: boolean }> {
  const tags = new TableTags();
  for await (const chunk of archive.stream(entry, Infinity, CONTENT_CHUNK)) {
    tags.push(chunk);
    if (speculative && tags.found.length === 1) return { tables: tags.found, complete: false };
  }
  return { tables: tags.found, complete: true };
}

function decodeXml(s: string): string {
  return s.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (m, hex: string, dec: string, named: string) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (dec) return String.fromCodePoint(Number(dec));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()] ?? m;
    },
  );
}

/** Reads the automatic styles of a part (content.xml or styles.xml) into `styles`, stopping at the body. */
async function readStyles(
  archive: ZipArchive,
  entry: ZipEntry,
  file: string,
  styles: OdsStyles,
  maxBytes: number,
): Promise<void> {
  const handler: XmlHandler = {
    open(name, a) {
      if (name === 'office:body') throw new StopReading();
      styles.open(name, a);
    },
    close(name) {
      styles.close(name);
    },
    text() {},
  };
  const xml = new XmlReader(file, entry.name, handler, MAX_STYLES_PART);
  try {
    for await (const chunk of archive.stream(entry, maxBytes)) xml.write(chunk);
    xml.end();
  } catch (e) {
    if (!(e instanceof StopReading)) throw e;
  }
}

/** Opens an ODS archive: the styles (number formats, hidden tables), and the names of its tables. */
export async function openOds(archive: ZipArchive, input: WorkbookInput): Promise<WorkbookReader> {
  const file = input.name;
  const content = archive.find('content.xml');
  if (!content) {
    throw new OdfError(
      'file-unreadable',
      `Le classeur ${file} est endommagé : sa partie content.xml est absente.`,
      { name: file, part: 'content.xml' },
      `The workbook ${file} is damaged: its content.xml part is missing.`,
    );
  }
  const styles = new OdsStyles();
  const stylesEntry = archive.find('styles.xml');
  if (stylesEntry) await readStyles(archive, stylesEntry, file, styles, MAX_STYLES_PART);
  await readStyles(archive, content, file, styles, Infinity);
  const found = await findTables(archive, content, input.speculativeSheets === true);
  const info = (t: OdsTable): SheetInfo => ({
    name: t.name,
    hidden: t.style !== undefined && styles.hiddenTables.has(t.style),
  });
  const reader: WorkbookReader = {
    format: 'ods',
    sheets: found.tables.map(info),
    rows: (index, events) =>
      readTable(archive, content, index, styles, input, events, reader.provisional ? settle : undefined),
    position: () => archive.position,
    close: () => archive.close(),
  };
  /** Every table is known: the list of sheets is complete (in place: callers hold it). */
  const settle = (tables: OdsTable[]): void => {
    if (!reader.provisional) return;
    reader.sheets.splice(0, reader.sheets.length, ...tables.map(info));
    reader.provisional = false;
  };
  if (!found.complete) {
    reader.provisional = true;
    reader.allSheets = async () => {
      if (reader.provisional) settle((await findTables(archive, content, false)).tables);
    };
  }
  return reader;
}

/** The attribute holding a cell's value for its `office:value-type`, undefined for a type without one. */
function valueAttribute(valueType: string | undefined, a: CellAttributes): string | undefined {
  switch (valueType) {
    case 'float':
    case 'percentage':
    case 'currency':
      return a.get(Slot.Value);
    case 'date':
      return a.get(Slot.DateValue);
    case 'time':
      return a.get(Slot.TimeValue);
    case 'boolean':
      return a.get(Slot.BooleanValue);
    case 'string':
      return a.get(Slot.StringValue);
    default:
      return undefined;
  }
}

/**
 * The XML handler of content.xml for one table (the `wanted`-th): its cells are read into rows (repeated
 * cells and rows kept as counts, within a budget of repeated cells), each row with a value into `batch`;
 * merged ranges and cells beyond the limits go to the sheet's events. Reading stops after the table.
 */
class OdsTableParser implements OdsCellSink {
  /** Rows read since the reader last took them. */
  readonly batch: SheetRow[] = [];
  /** Bytes of content.xml read so far (the repetition budget grows with them). */
  bytesRead = 0;
  /** The wanted table has been read (StopReading was thrown for it). */
  done = false;
  /** Rows opened (not self-closing) up to the wanted table's end, and whether that was the last event. */
  rowOpens = 0;
  rowOpenedLast = false;
  private readonly cellAttributes = new CellAttributes();
  private readonly file: string;
  private readonly limits: ReaderLimits;
  private readonly numbers = new NumberText(false);
  private table = -1;
  private inTable = false;
  /** Cells created by repetition so far (empty ones excluded). */
  private repeated = 0;
  /** Column default cell styles: [first column, last column + 1, style]. */
  private readonly columnStyles: [number, number, string][] = [];
  private columnAt = 0;
  // Row state.
  private rowIndex = 0;
  private rowRepeat = 1;
  private cells: string[] = [];
  private errors: number[] | undefined;
  /** Merges starting in the current row: [column, columns spanned, rows spanned]. */
  private readonly rowMerges: [number, number, number][] = [];
  // Cell state.
  private col = 0;
  private cellRepeat = 1;
  private cellText = '';
  private cellError = false;
  private inCell = false;
  private paragraphs = 0;
  private inAnnotation = 0;
  private truncated = false;
  private cellStyle: string | undefined;
  private valueType: string | undefined;
  private value: string | undefined;

  constructor(
    input: WorkbookInput,
    private readonly wanted: number,
    private readonly styles: OdsStyles,
    private readonly events: SheetEvents,
  ) {
    this.file = input.name;
    this.limits = input.limits;
  }

  open(name: string, a: Record<string, string>, selfClosing: boolean): void {
    this.rowOpenedLast = false;
    if (!this.inTable) {
      if (name === 'table:table') this.nextTable();
      else if (name === 'table:table-row' && !selfClosing) {
        // A row of an earlier table: the scanner reads it too (checking it as the parser would), unheard.
        this.rowOpens++;
        this.rowOpenedLast = true;
      }
      return;
    }
    const inText = this.inCell && this.inAnnotation === 0;
    switch (name) {
      case 'table:table-cell':
      case 'table:covered-table-cell':
        this.openCell(name !== 'table:table-cell', this.cellAttributes.fromRecord(a), selfClosing);
        return;
      case 'text:p':
      case 'text:h':
        if (inText && this.paragraphs++ > 0) this.append('\n');
        return;
      case 'text:s':
        if (inText) this.append(' '.repeat(Math.min(count(attr(a, 'c')), this.limits.maxCellLength)));
        return;
      case 'text:tab':
        if (inText) this.append('\t');
        return;
      case 'text:line-break':
        if (inText) this.append('\n');
        return;
      case 'office:annotation':
        this.inAnnotation++;
        return;
      case 'table:table-row':
        this.rowRepeat = count(attr(a, 'number-rows-repeated'));
        this.cells = [];
        this.errors = undefined;
        this.col = 0;
        if (selfClosing) this.finishRow();
        else {
          this.rowOpens++;
          this.rowOpenedLast = true;
        }
        return;
      case 'table:table-column':
        this.addColumns(a);
        return;
    }
  }

  close(name: string): void {
    this.rowOpenedLast = false;
    if (!this.inTable) return;
    switch (name) {
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (this.inCell) this.finishCell();
        return;
      case 'office:annotation':
        this.inAnnotation--;
        return;
      case 'table:table-row':
        this.finishRow();
        return;
      case 'table:table':
        this.done = true;
        throw new StopReading();
    }
  }

  text(t: string): void {
    this.rowOpenedLast = false;
    if (this.inCell && this.inAnnotation === 0 && this.paragraphs > 0) this.append(t);
  }

  /** `<table:table>` outside the wanted table: counted; the wanted one is entered, reading stops past it. */
  private nextTable(): void {
    this.table++;
    if (this.table === this.wanted) this.inTable = true;
    else if (this.table > this.wanted) {
      this.done = true;
      throw new StopReading();
    }
  }

  /** `<table:table-column>`: the default cell style of the columns it stands for. */
  private addColumns(a: Record<string, string>): void {
    const n = count(attr(a, 'number-columns-repeated'));
    const style = attr(a, 'default-cell-style-name');
    if (style !== undefined && style !== 'Default')
      this.columnStyles.push([this.columnAt, this.columnAt + n, style]);
    this.columnAt += n;
  }

  /**
   * A cell opens (`covered` for `table:covered-table-cell`): its repetition, style, type and value; a merge
   * starting here is remembered.
   */
  openCell(covered: boolean, a: CellAttributes, selfClosing: boolean): void {
    if (!this.inTable) return;
    this.cellRepeat = count(a.get(Slot.Repeat));
    this.cellStyle = a.get(Slot.Style);
    this.valueType = a.get(Slot.ValueType);
    this.cellError = a.calcextType === 'error';
    this.value = valueAttribute(this.valueType, a);
    this.cellText = '';
    this.paragraphs = 0;
    this.truncated = false;
    const spanC = count(a.get(Slot.SpannedColumns));
    const spanR = count(a.get(Slot.SpannedRows));
    if ((spanC > 1 || spanR > 1) && !covered) this.rowMerges.push([this.col, spanC, spanR]);
    if (selfClosing) this.finishCell();
    else this.inCell = true;
  }

  /**
   * A cell holding one paragraph of text and nothing else (the scanner's common case): the steps `open`,
   * `text` and `close` take for its paragraph and its end, in one call.
   */
  textCell(a: CellAttributes, text: string): void {
    this.rowOpenedLast = false;
    if (!this.inTable) return;
    this.openCell(false, a, false);
    const inText = this.inCell && this.inAnnotation === 0;
    if (inText && this.paragraphs++ > 0) this.append('\n');
    if (inText && text.length > 0 && this.paragraphs > 0) this.append(text);
    if (this.inCell) this.finishCell();
  }

  /** Text of the cell's paragraphs, cut at the cell length limit. */
  private append(t: string): void {
    const max = this.limits.maxCellLength;
    if (this.cellText.length + t.length > max) {
      this.truncated = true;
      this.cellText += t.slice(0, Math.max(0, max - this.cellText.length));
    } else this.cellText += t;
  }

  /** Counts cells created by repetition; beyond the budget (which grows with the bytes read), a failure. */
  private budget(cellsCreated: number, where: string): void {
    this.repeated += cellsCreated;
    const { maxRepeatedCells } = this.limits;
    const file = this.file;
    if (this.repeated > maxRepeatedCells + this.bytesRead) {
      throw new OdfError(
        'input-too-large',
        `Le classeur ${file} répète ${where} au point de créer plus de ${maxRepeatedCells} cellules non vides à partir de quelques octets (attributs number-rows-repeated / number-columns-repeated) : odf refuse de le lire (--max-repeated-cells pour augmenter la limite).`,
        { name: file, limit: maxRepeatedCells, where },
        `The workbook ${file} repeats ${where} so as to create more than ${maxRepeatedCells} non-empty cells from a few bytes (number-rows-repeated / number-columns-repeated attributes): odf refuses to read it (--max-repeated-cells raises the limit).`,
      );
    }
  }

  /** The default cell style of column `c`, from the table's column declarations. */
  private columnStyle(c: number): string | undefined {
    for (const [from, to, style] of this.columnStyles) if (c >= from && c < to) return style;
    return undefined;
  }

  /** The text a person sees for the cell's value, type and number style. */
  private cellValue(): string {
    const { value, cellText } = this;
    // A formula error keeps a placeholder value (0); what the cell shows is its error text.
    if (this.cellError) return cellText;
    switch (this.valueType) {
      case 'float': {
        if (value === undefined) return cellText;
        const kind = this.styles.kindOfCell(this.cellStyle ?? this.columnStyle(this.col));
        // Most values are already written as they are shown: no need to read and write them back.
        if (kind.kind === 'number' && isPlainNumberText(value)) return value;
        const v = Number(value);
        if (Number.isNaN(v)) return cellText;
        return this.numbers.textOfKind(v, kind);
      }
      case 'percentage':
      case 'currency': {
        const v = Number(value);
        return value === undefined || Number.isNaN(v) ? cellText : formatNumber(v);
      }
      case 'date':
        return value !== undefined ? dateText(value) : cellText;
      case 'time':
        return (value !== undefined ? durationText(value) : undefined) ?? cellText;
      case 'boolean':
        return value === undefined ? cellText : value === 'true' || value === '1' ? 'true' : 'false';
      default:
        return value ?? cellText;
    }
  }

  /** A cell ends: its text put in each column it is repeated over (within the column limit). */
  private finishCell(): void {
    this.inCell = false;
    const text = this.valueType === undefined && this.cellText === '' ? '' : this.cellValue();
    const n = this.cellRepeat;
    const col = this.col;
    if (text !== '') {
      const { maxColumns } = this.limits;
      const rowIndex = this.rowIndex;
      if (n > 1) this.budget(n - 1, `une cellule (ligne ${rowIndex + 1})`);
      if (this.truncated)
        this.events.problem({ kind: 'cell-too-long', r: rowIndex, c: col, length: this.cellText.length });
      const last = Math.min(col + n, maxColumns);
      if (col + n > maxColumns)
        this.events.problem({ kind: 'column-beyond-limit', r: rowIndex, c: Math.max(col, maxColumns) });
      const cells = this.cells;
      while (cells.length < col) cells.push('');
      const isError = this.cellError || this.valueType === 'error';
      for (let c = col; c < last; c++) {
        cells[c] = text;
        if (isError) (this.errors ??= []).push(c);
      }
    }
    this.col = col + n;
  }

  /** A row ends: batched once with its repeat count (its merges repeated), or reported beyond the limit. */
  private finishRow(): void {
    const n = this.rowRepeat;
    const { cells, rowIndex, rowMerges } = this;
    if (cells.length > 0) {
      const { maxRows } = this.limits;
      if (n > 1) this.budget((n - 1) * (cells.length + rowMerges.length), `la ligne ${rowIndex + 1}`);
      // A repeated row repeats its merges too (bounded: the budget above counts its repeated cells).
      for (let k = 0; k < n && rowMerges.length > 0; k++) {
        for (const [c, spanC, spanR] of rowMerges) {
          this.events.merge({
            s: { r: rowIndex + k, c },
            e: { r: rowIndex + k + spanR - 1, c: c + spanC - 1 },
          });
        }
      }
      if (rowIndex >= maxRows) this.events.problem({ kind: 'row-beyond-limit', r: rowIndex, c: 0 });
      else {
        const kept = Math.min(n, maxRows - rowIndex);
        if (kept < n) this.events.problem({ kind: 'row-beyond-limit', r: maxRows, c: 0 });
        const errors = this.errors;
        this.batch.push(
          errors
            ? { index: rowIndex, cells, errors, repeat: kept }
            : { index: rowIndex, cells, repeat: kept },
        );
      }
    }
    rowMerges.length = 0;
    this.rowIndex = rowIndex + n;
  }
}

/**
 * The rows of the `wanted`-th table of content.xml, streamed: inflated and decoded chunk by chunk, its cells
 * read by the ODS scanner (the XML parser reads the rest, and the cells too where the scanner is unsure).
 */
async function* readTable(
  archive: ZipArchive,
  entry: ZipEntry,
  wanted: number,
  styles: OdsStyles,
  input: WorkbookInput,
  events: SheetEvents,
  settle?: (tables: OdsTable[]) => void,
): AsyncGenerator<SheetRow[]> {
  const parser = new OdsTableParser(input, wanted, styles, events);
  const batch = parser.batch;
  const xml = new XmlReader(input.name, entry.name, parser, xmlRunLimit(input.limits.maxCellLength));
  const reader = input.sheetScanner === false ? xml : new OdsScanner(parser, xml);
  // While the tables are not all known, the pass looks for them too, and past the wanted table to the end.
  const tags = settle ? new TableTags() : undefined;
  const piece = input.textChunk ?? Infinity;
  const write = (text: string): void => {
    if (text.length <= piece) reader.writeText(text);
    else for (let at = 0; at < text.length; at += piece) reader.writeText(text.slice(at, at + piece));
  };
  let decoder: TextDecoder | undefined;
  let reading = true;
  const stopped = (e: unknown): void => {
    if (!(e instanceof StopReading) || !parser.done) throw e;
    reading = false;
  };
  for await (const chunk of archive.stream(entry, Infinity, CONTENT_CHUNK)) {
    tags?.push(chunk);
    if (!reading) continue;
    parser.bytesRead += chunk.length;
    decoder ??= partDecoder(chunk);
    try {
      write(decoder.decode(chunk, { stream: true }));
    } catch (e) {
      stopped(e);
    }
    if (batch.length > 0) yield batch.splice(0);
    if (!reading && !tags) break;
  }
  if (reading) {
    try {
      if (decoder) write(decoder.decode());
      reader.end();
    } catch (e) {
      stopped(e);
    }
  }
  if (batch.length > 0) yield batch.splice(0);
  if (tags && settle) settle(tags.found);
}
