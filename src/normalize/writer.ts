// The normalised CSV writer: one row per validated row (canonical values), atomic outputs, hash and counts.
import { createHash } from 'node:crypto';
import type { RowOutcome } from '../validate/types.js';
import type { Redactor } from '../privacy/index.js';
import type { Field } from '../schema/types.js';
import { formatCell, formatRow, quoteFreeCanonical, UTF8_BOM } from './csv-writer.js';
import { openAtomicStream, writeToSink, type AtomicStream } from '../output/atomic.js';

/** What the writer writes: where, with which header, and which input columns it keeps beyond the schema. */
export interface WriterOptions {
  /** Output CSV (absolute path), or '-' for `stdout`. */
  output: string;
  stdout?: { write(s: string | Uint8Array): unknown };
  /** Rejected rows (--drop-invalid), beside the output. */
  rejected?: string;
  bom?: boolean;
  /** The output header: the schema's fields, then the kept extra columns. */
  header: readonly string[];
  /** The schema's fields (the first columns of the header). */
  fields: readonly Field[];
  /** Per schema field, the input column feeding it, or -1: where a cell accepted in place is read. */
  columns: readonly number[];
  /** Input columns kept after the schema's fields (--keep-extra). */
  keptExtra: readonly { column: number }[];
  redactor?: Redactor;
  /** `--escape-formulas`: prefix cells a spreadsheet would run as formulas with `'` (OWASP). */
  escapeFormulas?: boolean;
}

/** Rows read, written, rejected and blank rows dropped (read = written + rejected + blank). */
export interface WriteCounts {
  read: number;
  written: number;
  rejected: number;
  blankDropped: number;
}

/** A normalised CSV being written. */
export interface CsvWriter {
  /** The validation loop's `onRow`: writes (or rejects) each row; a promise when the output must drain. */
  onRow(row: RowOutcome): Promise<void> | undefined;
  /** Write what is buffered. */
  flush(): Promise<void>;
  /** Publish the outputs (rename the temporary files). */
  commit(): Promise<{ bytes: number; sha256: string }>;
  /** Leave nothing behind. */
  abort(): Promise<void>;
  readonly counts: WriteCounts;
}

/**
 * Open the outputs and write the header. Each row is written with its valid values in canonical form and
 * its invalid cells as they were; with --drop-invalid, rows with errors go to the rejected file (same
 * shape, with their row number and error codes). Rows are gathered into chunks of about 64 KiB: hashing,
 * counting bytes and writing per chunk, not per row.
 */
export async function openCsvWriter(o: WriterOptions): Promise<CsvWriter> {
  const toStdout = o.output === '-';
  const out: AtomicStream | undefined = toStdout ? undefined : openAtomicStream(o.output);
  const rej: AtomicStream | undefined = o.rejected ? openAtomicStream(o.rejected) : undefined;
  const hash = createHash('sha256');
  let bytes = 0;
  let buffered = '';
  const flush = async (): Promise<void> => {
    if (buffered === '') return;
    const chunk = Buffer.from(buffered, 'utf8');
    buffered = '';
    hash.update(chunk);
    bytes += chunk.byteLength;
    // Standard output: wait while it is full, one sentence when it fails (a full disk behind `>`).
    if (toStdout) {
      if (o.stdout) await writeToSink(o.stdout, chunk);
    } else await out!.write(chunk);
  };
  const counts: WriteCounts = { read: 0, written: 0, rejected: 0, blankDropped: 0 };
  const header = o.redactor ? o.redactor.header : o.header;
  const format = { escapeFormulas: Boolean(o.escapeFormulas) };
  buffered += (o.bom ? UTF8_BOM : '') + formatRow(header, format);
  if (rej) await rej.write(formatRow(['_ligne', '_erreurs', ...header], format));
  const fields = o.fields.length;
  const width = o.header.length;
  // Rows written as they come: no redaction, no formula escaping (formatRow does both).
  const plain = o.redactor === undefined && !format.escapeFormulas;
  // Per field: true when a valid cell's canonical text never needs quotes (numbers, enums…).
  const quoteFreeValid = o.fields.map(quoteFreeCanonical);
  const columns = o.columns;
  /** The text of a field's cell accepted in place (RowOutcome.accepted): its canonical text, read from the view. */
  const inPlace = (row: RowOutcome, i: number): string => {
    const view = row.view;
    const c = columns[i]!;
    return view.source(c).slice(view.start(c), view.end(c));
  };
  /** A cell of an extra input column kept. */
  const extra = (row: RowOutcome, column: number): string =>
    column < row.view.count ? row.view.cell(column) : '';

  return {
    counts,
    flush,
    onRow(row) {
      counts.read++;
      if (row.blank) {
        counts.blankDropped++;
        return undefined;
      }
      // The common row (nothing to redact, nowhere to reject it): its cells go straight into the chunk.
      if (plain && (rej === undefined || row.errors === 0)) {
        counts.written++;
        const { results, cells } = row;
        let line = '';
        for (let i = 0; i < fields; i++) {
          const r = results[i];
          if (i > 0) line += ',';
          if (r === row.accepted) line += quoteFreeValid[i] ? inPlace(row, i) : formatCell(inPlace(row, i));
          else if (r !== undefined && r.kind === 'ok')
            line += quoteFreeValid[i] ? r.canonical : formatCell(r.canonical);
          else line += formatCell(cells[i] ?? '');
        }
        for (let k = 0; k < o.keptExtra.length; k++) {
          if (fields + k > 0) line += ',';
          line += formatCell(extra(row, o.keptExtra[k]!.column));
        }
        buffered += line + '\r\n';
        return buffered.length >= 1 << 16 ? flush() : undefined;
      }
      const cells: string[] = new Array(width);
      for (let i = 0; i < fields; i++) {
        const r = row.results[i];
        if (r === row.accepted) cells[i] = inPlace(row, i);
        else cells[i] = r?.kind === 'ok' ? r.canonical : (row.cells[i] ?? '');
      }
      for (let k = 0; k < o.keptExtra.length; k++) cells[fields + k] = extra(row, o.keptExtra[k]!.column);
      const written = o.redactor ? o.redactor.row(cells) : cells;
      if (rej && row.errors > 0) {
        counts.rejected++;
        return rej.write(
          formatRow([String(row.raw.rowNumber), row.errorCodes.join(' '), ...written], format),
        );
      }
      counts.written++;
      buffered += formatRow(written, format);
      return buffered.length >= 1 << 16 ? flush() : undefined;
    },
    async commit() {
      await flush();
      await out?.commit();
      await rej?.commit();
      return { bytes, sha256: hash.digest('hex') };
    },
    async abort() {
      await out?.abort();
      await rej?.abort();
    },
  };
}
