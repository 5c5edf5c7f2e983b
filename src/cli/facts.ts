// What reports may show about the run itself (odf's version, when, how long each file took): measured here, as renderers read no clock.
import { createRequire } from 'node:module';
import type { CliContext } from './context.js';

/** odf's version, from its package.json. */
export const ODF_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;

/** The facts of a run, as renderReport takes them. */
export interface RunFacts {
  version: string;
  /** ISO date-time of the run. */
  generatedAt: string;
  durations?: Record<string, number>;
}

/**
 * odf's version, now, and the durations measured. With SOURCE_DATE_EPOCH set (the reproducible-builds
 * convention), the date is that one and durations are left out, so two runs over the same files give
 * the same bytes.
 */
export function runFacts(durations: Record<string, number>, env: CliContext['env']): RunFacts {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch))
    return { version: ODF_VERSION, generatedAt: new Date(Number(epoch) * 1000).toISOString() };
  return { version: ODF_VERSION, generatedAt: new Date().toISOString(), durations };
}
