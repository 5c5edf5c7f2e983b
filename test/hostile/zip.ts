// A minimal ZIP writer for hostile workbooks (XLSX, ODS): stored or deflated entries, honest or lying sizes,
// and entries whose inflated content is produced in chunks (hundreds of MB from a few MB of deflate).
import { deflateRawSync, createDeflateRaw } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of bytes, continuing from `crc` (ZIP's checksum). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** One entry of an archive. */
export interface ZipEntry {
  name: string;
  /** The content, or a generator of chunks (for contents too large to hold at once). */
  data: string | Uint8Array | (() => Iterable<string | Uint8Array>);
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
  /** Sizes written in the headers instead of the real ones (a zip that lies about its sizes). */
  claimedSize?: number;
}

interface Packed {
  name: Buffer;
  compressed: Buffer;
  crc: number;
  size: number;
  method: number;
  claimed: number;
}

/** An entry whose content is given whole, packed. */
function packWhole(e: ZipEntry & { data: string | Uint8Array }): Packed {
  const method = e.method ?? 8;
  const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
  const compressed = method === 8 ? deflateRawSync(raw) : raw;
  return {
    name: Buffer.from(e.name, 'utf8'),
    compressed,
    crc: crc32(raw),
    size: raw.length,
    method,
    claimed: e.claimedSize ?? raw.length,
  };
}

async function pack(e: ZipEntry): Promise<Packed> {
  if (typeof e.data !== 'function') return packWhole({ ...e, data: e.data });
  const method = e.method ?? 8;
  const name = Buffer.from(e.name, 'utf8');
  if (method !== 8) throw new Error('streamed entries are deflated');
  const deflate = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of e.data()) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, compressed: Buffer.concat(out), crc, size, method, claimed: e.claimedSize ?? size };
}

/** A ZIP archive of the entries (no ZIP64: entries stay under 4 GB). */
export async function zip(entries: ZipEntry[]): Promise<Buffer> {
  const packed: Packed[] = [];
  for (const e of entries) packed.push(await pack(e));
  return archive(packed);
}

/** A ZIP archive of entries whose contents are given whole, built at once. */
export function zipSync(entries: (ZipEntry & { data: string | Uint8Array })[]): Buffer {
  return archive(entries.map(packWhole));
}

function archive(entries: Packed[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(p.claimed >>> 0, 22);
    local.writeUInt16LE(p.name.length, 26);
    parts.push(local, p.name, p.compressed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(p.method, 10);
    cd.writeUInt32LE(p.crc, 16);
    cd.writeUInt32LE(p.compressed.length, 20);
    cd.writeUInt32LE(p.claimed >>> 0, 24);
    cd.writeUInt16LE(p.name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, p.name);
    offset += 30 + p.name.length + p.compressed.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** The opening of a worksheet XML (inline strings, no shared strings part needed). */
export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** An inline-string cell at a reference (`A1`). */
export function cell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** An XLSX whose one sheet is `sheet` (XML text or chunks), plus extra parts. */
export function xlsx(
  sheet: ZipEntry['data'],
  extra: ZipEntry[] = [],
  sheetClaimedSize?: number,
): Promise<Buffer> {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet,
      ...(sheetClaimedSize !== undefined ? { claimedSize: sheetClaimedSize } : {}),
    },
    ...extra,
  ]);
}

/** An ODS whose content.xml holds `table` inside its spreadsheet body. */
export function ods(table: string): Promise<Buffer> {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>${table}</office:spreadsheet></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>`;
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
    { name: 'content.xml', data: content },
    { name: 'styles.xml', data: styles },
    { name: 'META-INF/manifest.xml', data: manifest },
  ]);
}
