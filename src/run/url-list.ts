// Lists of URLs: one a line, or a CSV with a URL column (data.gouv.fr's export of resources, with its declared schemas).
import { promises as fs } from 'node:fs';
import { OdfError } from '../errors.js';
import { openTable } from '../io/open.js';
import {
  isUrl,
  LIST_COLUMNS,
  type CatalogueInfo,
  type Resource,
  type ResourceList,
} from '../net/resources.js';

function listError(file: string, fr: string, en: string, data: Record<string, unknown> = {}): OdfError {
  return new OdfError(
    'file-unreadable',
    `La liste d’adresses ${file} ${fr}.`,
    { path: file, ...data },
    `The URL list ${file} ${en}.`,
  );
}

/** The first non-blank, non-comment line of a text, to tell a plain list from a CSV with a header. */
function firstLine(head: string): string {
  for (const line of head.split(/\r\n|\n|\r/)) {
    const t = line.replace(/^\uFEFF/, '').trim();
    if (t && !t.startsWith('#')) return t;
  }
  return '';
}

/**
 * Read a list of resources: a text file with one URL a line (blank lines and `#` comments passed
 * over), or a CSV (any encoding and delimiter odf reads) whose header names a URL column (see
 * LIST_COLUMNS) and, optionally, the declared schema and catalogue metadata. A URL listed twice is
 * kept once. `shown` is the name used in messages.
 * @throws OdfError when the file cannot be read or names no URL column.
 */
export async function readResourceList(file: string, shown = file): Promise<ResourceList> {
  const handle = await fs.open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT'
      ? new OdfError(
          'file-not-found',
          `La liste d’adresses ${shown} n’existe pas.`,
          { path: shown },
          `The URL list ${shown} does not exist.`,
        )
      : listError(
          shown,
          `ne peut pas être lue (${e.code ?? e.message})`,
          `cannot be read (${e.code ?? e.message})`,
        );
  });
  let head: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
  const seen = new Set<string>();
  const out: ResourceList = { resources: [], blank: 0, duplicates: 0 };
  const add = (r: Resource): void => {
    if (seen.has(r.url)) {
      out.duplicates++;
      return;
    }
    seen.add(r.url);
    out.resources.push(r);
  };
  if (isUrl(firstLine(head))) {
    const text = await fs.readFile(file, 'utf8');
    let n = 0;
    for (const line of text.split(/\r\n|\n|\r/)) {
      n++;
      const t = line.replace(/^\uFEFF/, '').trim();
      if (!t || t.startsWith('#')) continue;
      if (!isUrl(t)) {
        throw listError(
          shown,
          `contient à la ligne ${n} autre chose qu’une adresse http(s) : « ${t.slice(0, 80)} »`,
          `holds something other than an http(s) address on line ${n}: "${t.slice(0, 80)}"`,
          { line: n },
        );
      }
      add({ url: t, line: n });
    }
    return out;
  }
  const table = await openTable(file, { name: shown });
  const labels = table.meta.columns.map((c) => c.trim().toLowerCase());
  const index = (names: readonly string[]): number => {
    for (const n of names) {
      const i = labels.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const col = Object.fromEntries(
    Object.entries(LIST_COLUMNS).map(([k, names]) => [k, index(names)]),
  ) as Record<keyof typeof LIST_COLUMNS, number>;
  if (col.url < 0) {
    throw listError(
      shown,
      `n’a pas de colonne d’adresses (attendue : ${LIST_COLUMNS.url.join(', ')} ; trouvées : ${table.meta.columns.slice(0, 12).join(', ')})`,
      `has no URL column (expected: ${LIST_COLUMNS.url.join(', ')}; found: ${table.meta.columns.slice(0, 12).join(', ')})`,
    );
  }
  for await (const row of table.rows) {
    const url = (row.cells[col.url] ?? '').trim();
    if (!url) {
      out.blank++;
      continue;
    }
    const catalogue: CatalogueInfo = {};
    for (const key of Object.keys(LIST_COLUMNS) as (keyof typeof LIST_COLUMNS)[]) {
      if (key === 'url' || col[key] < 0) continue;
      const v = (row.cells[col[key]] ?? '').trim();
      if (v) catalogue[key] = v;
    }
    const r: Resource = { url, line: row.line };
    if (Object.keys(catalogue).length) r.catalogue = catalogue;
    add(r);
  }
  return out;
}
