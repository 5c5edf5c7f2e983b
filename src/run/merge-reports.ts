// Merge the JSON reports of the shares of a batch (`--shard K/N`) into the one report a single run gives.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { Report } from '../report/types.js';
import { mergeShardReports, type ShardReport } from '../batch/merge.js';
import { assembleReport } from './engine.js';

/** Read one JSON report written by `odf validate --format json`. @throws OdfError, one sentence. */
async function readReport(file: string, shown: string): Promise<ShardReport> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OdfError(
      code === 'ENOENT' ? 'file-not-found' : 'file-unreadable',
      code === 'ENOENT'
        ? `Le rapport ${shown} n’existe pas.`
        : `Le rapport ${shown} ne peut pas être lu (${code}).`,
      { path: shown },
      code === 'ENOENT'
        ? `The report ${shown} does not exist.`
        : `The report ${shown} cannot be read (${code}).`,
    );
  }
  let report: ShardReport;
  try {
    report = JSON.parse(text) as ShardReport;
  } catch (e) {
    throw new OdfError(
      'file-unreadable',
      `Le rapport ${shown} n’est pas du JSON valide (${(e as Error).message}).`,
      { path: shown },
      `The report ${shown} is not valid JSON (${(e as Error).message}).`,
    );
  }
  if (!report || report.version !== 1 || !Array.isArray(report.files) || !Array.isArray(report.failures)) {
    throw new OdfError(
      'file-unreadable',
      `${shown} n’est pas un rapport JSON de odf (odf validate --format json).`,
      { path: shown },
      `${shown} is not an odf JSON report (odf validate --format json).`,
    );
  }
  return report;
}

/**
 * The one report of a batch run in shares: the shares' JSON reports (paths relative to `cwd`) put back
 * in the order of the whole batch and built again by the engine's report builder, so it is the report a
 * single machine would have written (byte for byte in JSON).
 * @throws OdfError when a report cannot be read or the reports are not the shares of one batch.
 */
export async function mergeReports(
  files: readonly string[],
  options: { cwd?: string } = {},
): Promise<Report> {
  const cwd = path.resolve(options.cwd ?? '.');
  const reports = [];
  for (const f of files) reports.push({ name: f, report: await readReport(path.resolve(cwd, f), f) });
  const parts = mergeShardReports(reports);
  return assembleReport(parts.files, parts.failures, parts.skipped, parts.lang, parts);
}
