// Forget the old runs of a history file: keep the last N runs, or those since a date.
import path from 'node:path';
import { OdfError } from '../errors.js';
import { History, type PruneOutcome } from './store.js';

/** Which runs `odf history prune` forgets. */
export interface PruneRequest {
  /** Keep only this many runs, the latest. */
  keepRuns?: number;
  /** Forget the runs started before this date (ISO 8601: 2026-01-01 or 2026-01-01T02:00:00Z). */
  before?: string;
  cwd?: string;
}

/**
 * Forget old runs of the history `file` (see History.prune), in one transaction.
 * @throws OdfError('bad-option') when neither option is given or the date is not one;
 *   ('history-error' | 'file-not-found') when the file is not a history odf can write.
 */
export function pruneHistoryFile(file: string, request: PruneRequest): PruneOutcome {
  if (request.keepRuns === undefined && request.before === undefined) {
    throw new OdfError(
      'bad-option',
      'Dites quelles exécutions oublier : --keep-runs N (garder les N dernières) ou --before DATE.',
      {},
      'Say which runs to forget: --keep-runs N (keep the last N) or --before DATE.',
    );
  }
  let before: string | undefined;
  if (request.before !== undefined) {
    const t = Date.parse(request.before);
    if (!Number.isFinite(t)) {
      throw new OdfError(
        'bad-option',
        `L'option --before attend une date ISO 8601 (2026-01-01 ou 2026-01-01T02:00:00Z), pas « ${request.before} ».`,
        { option: '--before' },
        `Option --before expects an ISO 8601 date (2026-01-01 or 2026-01-01T02:00:00Z), not "${request.before}".`,
      );
    }
    // Runs are stored as ISO dates without milliseconds: compared as text.
    before = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const full = path.resolve(request.cwd ?? '.', file);
  const history = History.open(full, { shown: file, mustExist: true });
  try {
    return history.prune({ keepRuns: request.keepRuns, before });
  } finally {
    history.close();
  }
}
