// validate's options beyond local files: URLs and lists of them, shares of a batch (--shard), the history of runs.
import { Option, type Command } from './commander.js';
import type { CliContext } from './context.js';
import { OdfError } from '../errors.js';
import { parsePositiveInt } from './options.js';
import type { RunRequest } from '../index.js';

/** Default size limit of a download, as --help shows it (the engine's DEFAULT_MAX_SIZE, 512 MiB). */
const DEFAULT_MAX_SIZE = 512 * 1024 * 1024;

/** Options this module adds to validate. */
export interface SourceCliOptions {
  urls?: string;
  history?: string;
  shard?: string;
  runId?: string;
  runDate?: string;
  /** A folder, or false for --no-cache. */
  cache?: string | boolean;
  maxSize?: number;
  timeout?: number;
  perHost?: number;
  downloads?: number;
}

/** Parse a size: bytes, or with a unit (500K, 100M, 2G; Ko/Mo/Go too). */
export function parseSize(name: string): (v: string) => number {
  return (v: string) => {
    const m = /^\s*(\d+(?:[.,]\d+)?)\s*([kmgt]?)(?:i?[bo])?\s*$/i.exec(v);
    const units: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
    const n = m ? Number(m[1]!.replace(',', '.')) * units[m[2]!.toLowerCase()]! : NaN;
    if (!Number.isFinite(n) || n < 1) {
      throw new OdfError(
        'bad-option',
        `L'option ${name} attend une taille (octets, ou 500K, 100M, 2G), pas « ${v} ».`,
        { option: name },
        `Option ${name} expects a size (bytes, or 500K, 100M, 2G), not "${v}".`,
      );
    }
    return Math.floor(n);
  };
}

function parseSeconds(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v.replace(',', '.'));
    if (!/^\s*\d+(?:[.,]\d+)?\s*$/.test(v) || !(n > 0)) {
      throw new OdfError(
        'bad-option',
        `L'option ${name} attend un nombre de secondes, pas « ${v} ».`,
        { option: name },
        `Option ${name} expects a number of seconds, not "${v}".`,
      );
    }
    return n;
  };
}

/** Add the URL, shard and history options to validate. */
export function addSourceOptions(cmd: Command, ctx: CliContext): Command {
  const en = ctx.lang === 'en';
  return cmd
    .option(
      '--urls <file>',
      en
        ? 'list of URLs: one a line, or a CSV with a url column (data.gouv.fr resource export: its schema_name is used)'
        : 'liste d’adresses : une par ligne, ou un CSV avec une colonne url (export des ressources de data.gouv.fr : son schema_name est utilisé)',
    )
    .option(
      '--history <file>',
      en
        ? 'record the run in this history (SQLite), reuse results of unchanged files'
        : 'enregistre l’exécution dans cet historique (SQLite), réutilise le résultat des fichiers inchangés',
    )
    .option(
      '--shard <K/N|auto>',
      en
        ? 'check share K of N of the batch (stable split by name, for N machines); auto: from GitLab parallel: (CI_NODE_INDEX), auto/N: from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)'
        : 'vérifie la part K sur N du lot (partage stable par nom, pour N machines) ; auto : d’après GitLab parallel: (CI_NODE_INDEX), auto/N : d’après un Job Kubernetes indexé (JOB_COMPLETION_INDEX)',
    )
    .option(
      '--run-id <id>',
      en
        ? 'key of the run in the history, shared by its shards (default: CI pipeline id, else the date)'
        : 'clé de l’exécution dans l’historique, commune à ses parts (défaut : id du pipeline CI, sinon la date)',
    )
    .option(
      '--run-date <date>',
      en
        ? 'date of the run (ISO 8601; default: now)'
        : 'date de l’exécution (ISO 8601 ; défaut : maintenant)',
    )
    .option(
      '--cache <dir>',
      en
        ? 'download cache (default: the user cache folder, or ODF_CACHE_DIR)'
        : 'cache des téléchargements (défaut : le dossier de cache de l’utilisateur, ou ODF_CACHE_DIR)',
    )
    .option('--no-cache', en ? 'download to a temporary folder' : 'télécharge dans un dossier temporaire')
    .addOption(
      new Option(
        '--max-size <size>',
        en ? 'largest download (500K, 100M, 2G)' : 'plus gros téléchargement (500K, 100M, 2G)',
      )
        .argParser(parseSize('--max-size'))
        .default(DEFAULT_MAX_SIZE, '512M'),
    )
    .addOption(
      new Option('--timeout <seconds>', en ? 'time allowed per download' : 'temps permis par téléchargement')
        .argParser(parseSeconds('--timeout'))
        .default(60),
    )
    .addOption(
      new Option(
        '--per-host <n>',
        en ? 'downloads at once from one server' : 'téléchargements simultanés par serveur',
      )
        .argParser(parsePositiveInt('--per-host'))
        .default(2),
    )
    .addOption(
      new Option('--downloads <n>', en ? 'downloads at once in all' : 'téléchargements simultanés en tout')
        .argParser(parsePositiveInt('--downloads'))
        .default(8),
    );
}

/**
 * The parts of validate's run request these options make: the URL limits and list, the share, the
 * history with its key (--run-id, else the CI pipeline's, else the date).
 */
export async function sourceRequest(o: SourceCliOptions, ctx: CliContext): Promise<Partial<RunRequest>> {
  const { ciRunKey, defaultCacheDir, shardFromEnv } = await import('../index.js');
  const out: Partial<RunRequest> = {
    urls: {
      maxBytes: o.maxSize,
      timeoutMs: o.timeout === undefined ? undefined : Math.round(o.timeout * 1000),
      perHost: o.perHost,
      downloads: o.downloads,
    },
  };
  if (o.cache !== false)
    out.urls!.cacheDir = typeof o.cache === 'string' ? o.cache : defaultCacheDir(ctx.env);
  if (o.urls !== undefined) out.urls!.lists = [o.urls];
  if (o.shard !== undefined) out.shard = shardFromEnv(o.shard, ctx.env);
  if (o.history !== undefined) {
    out.history = { file: o.history };
    const key = o.runId ?? ciRunKey(ctx.env);
    if (key !== undefined) out.history.runKey = key;
    if (o.runDate !== undefined) out.history.runDate = o.runDate;
  }
  return out;
}
