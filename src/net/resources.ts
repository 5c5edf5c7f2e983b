// Files given by URL: what a list says about each, the host it comes from, polite fetching.

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
