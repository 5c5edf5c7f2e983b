// Shards of a batch: `--shard K/N` keeps the inputs whose stable hash falls in share K of N, the same on every machine.
import { createHash } from 'node:crypto';
import { OdfError } from '../errors.js';

/** Share `index` (1-based, like GitLab's CI_NODE_INDEX) of `total` shares. */
export interface Shard {
  index: number;
  total: number;
}

/** Shares at most: more machines than this is a typing mistake, not a plan. */
export const MAX_SHARDS = 10_000;

/**
 * Parse `K/N` (1 ≤ K ≤ N): the share this machine takes. `1/1` is the whole batch.
 * @throws OdfError `bad-option` with one sentence when the text is not of that form.
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || total > MAX_SHARDS || index < 1 || index > total) {
    throw new OdfError(
      'bad-option',
      `L'option --shard attend K/N avec 1 ≤ K ≤ N (par exemple 2/4 pour la deuxième part sur quatre), pas « ${text} ».`,
      { option: '--shard', value: text },
      `Option --shard expects K/N with 1 ≤ K ≤ N (for example 2/4 for the second share of four), not "${text}".`,
    );
  }
  return { index, total };
}

/** The environment variables `--shard auto` reads (a CI job's, a Kubernetes pod's). */
export type ShardEnv = Record<string, string | undefined>;

function autoError(text: string, fr: string, en: string): OdfError {
  return new OdfError(
    'bad-option',
    `--shard ${text} : ${fr}.`,
    { option: '--shard', value: text },
    `--shard ${text}: ${en}.`,
  );
}

/** A whole number read from the environment, or NaN. */
function envInt(env: ShardEnv, name: string): number {
  const v = env[name]?.trim();
  return v !== undefined && /^\d{1,6}$/.test(v) ? Number(v) : NaN;
}

/**
 * The share `--shard auto` (or `auto/N`) stands for, from what the job runner sets: GitLab's
 * `parallel:` (CI_NODE_INDEX, 1-based, and CI_NODE_TOTAL), a Kubernetes Indexed Job
 * (JOB_COMPLETION_INDEX, 0-based; its total is N of `auto/N`, the Job's `completions`). A GitHub
 * Actions matrix sets nothing of the kind: write `--shard ${{ matrix.shard }}/N` there.
 * @throws OdfError `bad-option` naming what is missing.
 */
export function shardFromEnv(text: string, env: ShardEnv): Shard {
  const m = /^\s*auto\s*(?:\/\s*(\d{1,6})\s*)?$/.exec(text);
  if (!m) return parseShard(text);
  const given = m[1] !== undefined ? Number(m[1]) : undefined;
  if (env.CI_NODE_INDEX !== undefined) {
    const index = envInt(env, 'CI_NODE_INDEX');
    const total = envInt(env, 'CI_NODE_TOTAL');
    if (given !== undefined && given !== total)
      throw autoError(
        text,
        `GitLab partage ce job en ${env.CI_NODE_TOTAL ?? '?'} (CI_NODE_TOTAL), pas en ${given}`,
        `GitLab splits this job in ${env.CI_NODE_TOTAL ?? '?'} (CI_NODE_TOTAL), not ${given}`,
      );
    return parseShard(`${index}/${total}`);
  }
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    const index = envInt(env, 'JOB_COMPLETION_INDEX');
    if (given === undefined)
      throw autoError(
        text,
        'JOB_COMPLETION_INDEX (Job Kubernetes indexé) ne dit pas combien de parts il y a : écrivez --shard auto/N avec N les completions du Job',
        'JOB_COMPLETION_INDEX (Kubernetes Indexed Job) does not say how many shares there are: write --shard auto/N with N the Job’s completions',
      );
    return parseShard(`${index + 1}/${given}`);
  }
  throw autoError(
    text,
    'ni CI_NODE_INDEX (GitLab parallel:) ni JOB_COMPLETION_INDEX (Job Kubernetes indexé) ne sont définis ; ailleurs (matrice GitHub Actions…), écrivez K/N',
    'neither CI_NODE_INDEX (GitLab parallel:) nor JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set; elsewhere (GitHub Actions matrix…), write K/N',
  );
}

/**
 * The share (1..total) an input belongs to: the first 48 bits of the SHA-256 of its name (as written:
 * relative path or URL), modulo `total`. Independent of the machine, the input order and the other inputs.
 */
export function shardOf(name: string, total: number): number {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return (digest.readUIntBE(0, 6) % total) + 1;
}

/** True when `name` belongs to `shard` (always true without a shard). */
export function inShard(name: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(name, shard.total) === shard.index;
}

/** The shard label as typed (`2/4`). */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}
