// The observatory site from one history (or several, merged in memory): read, modelled, rendered, written.
import path from 'node:path';
import type { Lang } from '../findings/spec.js';
import { History } from '../history/store.js';
import { buildObservatory } from './model.js';
import { renderObservatory } from './render.js';
import { writeSite } from './write.js';

/** What the observatory is built from and where it goes. */
export interface ObservatoryRequest {
  /** History files (relative to `cwd`); several are merged in memory. */
  histories: readonly string[];
  /** Folder of the site. */
  output: string;
  cwd?: string;
  lang?: Lang;
  title?: string;
  /** Public address of the site, for the badge snippets. */
  baseUrl?: string;
  /** A file whose content has not changed for this many days is "not updated" (default 365). */
  staleDays?: number;
  /** Only the last N runs (a window for big histories). */
  runs?: number;
  /** The odf version shown in the footer. */
  odfVersion: string;
}

/** What was written. */
export interface ObservatoryOutcome {
  /** index.html, as the user would write its path. */
  index: string;
  files: number;
  runs: number;
  /** Pages and badges written. */
  pages: number;
}

/**
 * Build the static, offline observatory site from the history of runs and write it (each page
 * atomically). @throws OdfError when a history cannot be read or the folder cannot be written.
 */
export async function writeObservatory(request: ObservatoryRequest): Promise<ObservatoryOutcome> {
  const cwd = path.resolve(request.cwd ?? '.');
  const files = request.histories.map((h) => path.resolve(cwd, h));
  let history: History;
  if (files.length === 1) {
    history = History.open(files[0]!, { readonly: true, shown: request.histories[0] });
  } else {
    history = History.open(':memory:');
    try {
      files.forEach((f, i) => history.mergeFrom(f, request.histories[i]));
    } catch (e) {
      history.close();
      throw e;
    }
  }
  let data;
  try {
    data = history.read({ lastRuns: request.runs });
  } finally {
    history.close();
  }
  const model = buildObservatory(data, { staleDays: request.staleDays ?? 365 });
  const site = renderObservatory(model, {
    lang: request.lang ?? 'fr',
    title: request.title,
    baseUrl: request.baseUrl,
    odfVersion: request.odfVersion,
  });
  await writeSite(path.resolve(cwd, request.output), site);
  return {
    index: path.join(request.output, 'index.html'),
    files: model.files.length,
    runs: model.runs.length,
    pages: site.size,
  };
}
