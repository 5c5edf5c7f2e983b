// Gather the histories of several machines (the shards of a run, or separate nights) into one file, atomically.
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { OdfError } from '../errors.js';
import { History } from './store.js';

/**
 * Merge history files into `output` (which may be one of them): runs matched by key, files by name,
 * results by fingerprint. An existing output is kept and added to, never replaced; the result is written
 * beside it and renamed, so the old file stays intact until the last moment. Paths relative to `cwd`.
 * @throws OdfError('history-error' | 'file-not-found' | 'output-error')
 */
export async function mergeHistoryFiles(
  inputs: readonly string[],
  output: string,
  options: { cwd?: string } = {},
): Promise<{ runs: number; observations: number }> {
  const cwd = path.resolve(options.cwd ?? '.');
  const target = path.resolve(cwd, output);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const counts = { runs: 0, observations: 0 };
  try {
    const merged = History.open(temp, { shown: output });
    // An existing target is kept and added to, never replaced: no run it holds can be lost.
    const targetExists = await fs.stat(target).then(
      (s) => s.isFile(),
      () => false,
    );
    const sources = targetExists ? [output, ...inputs] : inputs;
    try {
      for (const input of sources) {
        const r = merged.mergeFrom(path.resolve(cwd, input), input);
        counts.runs += r.runs;
        counts.observations += r.observations;
      }
    } finally {
      merged.close();
    }
    await fs.rename(temp, target).catch((e: Error) => {
      throw new OdfError(
        'output-error',
        `Impossible d’écrire ${output} : ${e.message}`,
        { path: output },
        `Cannot write ${output}: ${e.message}`,
      );
    });
  } finally {
    await fs.rm(temp, { force: true });
  }
  return counts;
}
