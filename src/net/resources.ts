// Files given by URL: lists of URLs (one a line, or a CSV column such as data.gouv.fr's resource export) and polite fetching.
import { promises as fs } from 'node:fs';
import { OdfError } from '../errors.js';
import { openTable } from '../io/open.js';

/** What a catalogue says about a resource (data.gouv.fr's export of resources, or any CSV with such columns). */
export interface CatalogueInfo {
  resourceId?: string;
  title?: string;
  datasetId?: string;
  datasetTitle?: string;
  /** The publishing organisation's name and identifier. */
  organization?: string;
  organizationId?: string;
  /** The schema the catalogue declares for the resource. */
  schemaName?: string;
  schemaVersion?: string;
}

/** One file to fetch: its URL and what the list said about it. */
export interface Resource {
  url: string;
  /** Line of the list it came from (1-based), for messages. */
  line?: number;
  catalogue?: CatalogueInfo;
}

/** A list read: the resources in list order, and the rows passed over. */
export interface ResourceList {
  resources: Resource[];
  /** Rows with no URL in the URL column, and URLs listed more than once (kept once). */
  blank: number;
  duplicates: number;
}

/** True for an http(s) URL, the only inputs odf downloads. */
export function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

/**
 * The columns odf reads in a list, by header (compared without case). data.gouv.fr's export of
 * resources (`export-resource-*.csv`) names them `url`, `schema_name`, `schema_version`, `id`, `title`,
 * `dataset.id`, `dataset.title`, `dataset.organization`, `dataset.organization_id`; the other names
 * are those of similar exports (a consolidated list of resources per schema, a spreadsheet made by hand).
 */
export const LIST_COLUMNS: Record<keyof CatalogueInfo | 'url', readonly string[]> = {
  url: ['url', 'resource.url', 'resource_url', 'download_url', 'lien', 'adresse'],
  schemaName: ['schema_name', 'schema', 'resource.schema_name', 'schéma'],
  schemaVersion: ['schema_version', 'resource.schema_version', 'version_schema'],
  resourceId: ['id', 'resource.id', 'resource_id'],
  title: ['title', 'resource.title', 'resource_title', 'titre'],
  datasetId: ['dataset.id', 'dataset_id'],
  datasetTitle: ['dataset.title', 'dataset_title'],
  organization: ['dataset.organization', 'organization', 'organization_name', 'organisation', 'producteur'],
  organizationId: ['dataset.organization_id', 'organization_id', 'organisation_id'],
};

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

/** The schema a catalogue declares, as odf names it (`name@version`, or the name for its latest version). */
export function declaredSchemaRef(c: CatalogueInfo | undefined): string | undefined {
  if (!c?.schemaName) return undefined;
  return c.schemaVersion ? `${c.schemaName}@${c.schemaVersion}` : c.schemaName;
}

/** The host a URL is fetched from (lower case, with its port), for per-host politeness. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** Options of politeMap: how many at once in all, and per host. */
export interface PoliteOptions {
  concurrency: number;
  perHost: number;
}

/**
 * Run `work` on every item, at most `concurrency` at once in all and `perHost` at once per host,
 * taking hosts in turn so that one big host does not starve the others. Results keep item order.
 * `work` reports failures in its result: an error it throws stops the run.
 */
export function politeMap<T, R>(
  items: readonly T[],
  host: (item: T) => string,
  work: (item: T, index: number) => Promise<R>,
  options: PoliteOptions,
): Promise<R[]> {
  const concurrency = Math.max(1, options.concurrency);
  const perHost = Math.max(1, options.perHost);
  const results = new Array<R>(items.length);
  const queues = new Map<string, number[]>();
  items.forEach((item, i) => {
    const h = host(item);
    const q = queues.get(h);
    if (q) q.push(i);
    else queues.set(h, [i]);
  });
  const activeByHost = new Map<string, number>();
  // Hosts with waiting items and a free slot, in turn order.
  const ready = new Set<string>(queues.keys());
  let active = 0;
  let done = 0;
  return new Promise<R[]>((resolve, reject) => {
    let failed = false;
    if (items.length === 0) {
      resolve(results);
      return;
    }
    const pump = (): void => {
      while (!failed && active < concurrency && ready.size) {
        const h = ready.values().next().value as string;
        ready.delete(h);
        const q = queues.get(h)!;
        const i = q.shift()!;
        const running = (activeByHost.get(h) ?? 0) + 1;
        activeByHost.set(h, running);
        // Back of the turn, if it still has work and room.
        if (q.length && running < perHost) ready.add(h);
        active++;
        work(items[i]!, i).then(
          (r) => {
            results[i] = r;
            active--;
            done++;
            const left = activeByHost.get(h)! - 1;
            activeByHost.set(h, left);
            if (q.length && left < perHost) ready.add(h);
            if (done === items.length) resolve(results);
            else pump();
          },
          (e: unknown) => {
            failed = true;
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      }
    };
    pump();
  });
}
