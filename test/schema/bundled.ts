// Test helper: the bundled catalogue's latest schemas, read once, as recognition candidates.
import { readFileSync } from 'node:fs';
import { createDecoder } from '../../src/io/encoding.js';
import { latestSchemas } from '../../src/schema/catalogue.js';
import type { RecognitionInput } from '../../src/match/recognize.js';
import type { TableSchema } from '../../src/schema/types.js';

let cache: RecognitionInput[] | undefined;

/** The latest version of every bundled schema, parsed. */
export function latestCandidates(): RecognitionInput[] {
  cache ??= latestSchemas().map((r) => ({
    name: r.name,
    version: r.version,
    schema: JSON.parse(readFileSync(r.path, 'utf8')) as TableSchema,
  }));
  return cache;
}

/** One bundled schema, latest version, by catalogue name. */
export function bundledSchema(name: string): TableSchema {
  const c = latestCandidates().find((s) => s.name === name);
  if (!c) throw new Error(`no bundled schema ${name}`);
  return c.schema;
}

/**
 * The header labels of a CSV file: its first line, split on `;` or `,` (whichever is more frequent), unquoted.
 * Read as UTF-8, or as Windows-1252 when the bytes are not UTF-8 (Excel's CSV exports).
 */
export function csvHeader(file: string): string[] {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node's TextDecoder reads 'windows-1252' as Latin-1 (0x80 is not €): use odf's own decoder.
    const decoder = createDecoder('windows-1252');
    text = decoder.write(bytes) + decoder.end();
  }
  text = text.replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/)[0]!;
  const sep = (line.match(/;/g)?.length ?? 0) >= (line.match(/,/g)?.length ?? 0) ? ';' : ',';
  return line.split(sep).map((c) => c.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
}
