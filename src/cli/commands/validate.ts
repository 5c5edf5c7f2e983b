// `odf validate FILE…`: check files against a schema and print a report; exit 0 (valid), 1 (errors), 2 (failure).
//
// Usage: odf validate [FILE|DIR|GLOB|URL…] [--schema NAME|PATH|URL] [--config FILE] [--format FORMAT] [-o FILE]
//                     [--strict] [--jobs N] [--urls LIST] [--history FILE] [--shard K/N]
// Examples:
//   odf validate budget.csv                       (schéma reconnu d'après les en-têtes)
//   odf validate budget.csv --schema scdl/budget  (dernière version du schéma)
//   odf validate exports/ --format html -o rapport.html
//   odf validate                                  (les règles de odf.config.yaml)
//   cat budget.csv | odf validate - -s budget
import path from 'node:path';
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import {
  addFilterOptions,
  addMappingOption,
  addPrivacyOption,
  addReadOptions,
  addShared,
  cliRunOptions,
} from '../options.js';
import { styleFor, terminalWidth } from '../ui.js';
import { runFacts } from '../facts.js';
import { runWithProgress } from '../progress.js';
import { isMachineFormat, showsProfile } from '../../report/format-names.js';
import { addSourceOptions, sourceRequest, type SourceCliOptions } from '../sources.js';

const HELP_FR = `
Exemples :
  $ odf validate budget.csv
  $ odf validate budget.csv --schema scdl/budget@0.8.3
  $ odf validate deliberations.xlsx --sheet 2 --format json -o rapport.json
  $ odf validate exports/ "archives/**/*.csv" --format html -o rapport.html
  $ odf validate                       (fichiers et schémas de odf.config.yaml)
  $ odf validate --format junit -o odf-junit.xml    (GitLab CI, Jenkins)
  $ cat budget.csv | odf validate - -s budget
  $ odf validate https://exemple.fr/deliberations.csv
  $ odf validate --urls export-ressources.csv --history historique.sqlite --format json -o rapport.json
  $ odf validate --urls liste.txt --shard 2/4 --format json -o part-2.json   (2e machine sur 4)

Formats : text (défaut), json, html (page autonome), junit, github (annotations),
gitlab (Code Quality), markdown (commentaire de merge request), sarif (analyse de code GitHub).
Un datapackage.json est vérifié ressource par ressource. Les codes des problèmes sont expliqués
dans docs/errors.md ; --pick-errors / --skip-errors en retiennent ou en écartent.
Un dossier est parcouru récursivement ; les fichiers d'un format non pris en charge sont listés, pas en erreur.
Code de sortie : 0 aucun fichier en erreur (avertissements permis, sauf --strict), 1 erreurs trouvées,
2 odf n'a pas pu faire son travail.`;

const HELP_EN = `
Examples:
  $ odf validate budget.csv
  $ odf validate budget.csv --schema scdl/budget@0.8.3
  $ odf validate deliberations.xlsx --sheet 2 --format json -o report.json
  $ odf validate exports/ "archives/**/*.csv" --format html -o report.html
  $ odf validate                       (files and schemas from odf.config.yaml)
  $ odf validate --format junit -o odf-junit.xml    (GitLab CI, Jenkins)
  $ cat budget.csv | odf validate - -s budget
  $ odf validate https://example.fr/deliberations.csv
  $ odf validate --urls resource-export.csv --history history.sqlite --format json -o report.json
  $ odf validate --urls list.txt --shard 2/4 --format json -o part-2.json   (machine 2 of 4)

Formats: text (default), json, html (self-contained page), junit, github (annotations),
gitlab (Code Quality), markdown (merge-request comment), sarif (GitHub code scanning).
A datapackage.json is checked resource by resource. Finding codes are explained in
docs/errors.en.md; --pick-errors / --skip-errors keep or leave some out.
A folder is walked recursively; files in an unsupported format are listed, not errors.
Exit code: 0 no file with errors (warnings allowed, unless --strict), 1 errors found,
2 odf could not do its job.`;

export interface ValidateCliOptions {
  schema?: string;
  format: string;
  output?: string;
  strict?: boolean;
  limitErrors?: number;
  maxExamples: number;
  quiet?: boolean;
  config?: string;
  jobs?: number;
  map?: string;
  [k: string]: unknown;
}

/** ODF_CHUNK_THRESHOLD (bytes): the smallest file cut into chunks, for tests of chunked runs. */
function chunkThresholdOf(env: CliContext['env']): { chunkThreshold?: number } {
  const n = Number(env.ODF_CHUNK_THRESHOLD);
  return env.ODF_CHUNK_THRESHOLD && Number.isInteger(n) && n >= 0 ? { chunkThreshold: n } : {};
}

/** Run validate on the files (or the config's rules) and return the exit code. */
export async function runValidate(files: string[], o: ValidateCliOptions, ctx: CliContext): Promise<number> {
  // A likely batch: a worker thread loads while this thread loads the library (src/run/prestart.ts).
  if (o.history === undefined)
    await (await import('../../run/prestart.js')).prestartFor(files, o.jobs, ctx.cwd);
  const lang = ctx.lang;
  const progress = !o.quiet && !(isMachineFormat(o.format) && !o.output);
  const notice = (m: string): void => {
    if (!o.quiet) ctx.stderr.write(`${lang === 'en' ? 'odf:' : 'odf :'} ${m}\n`);
  };
  const { report, durations } = await runWithProgress(
    ctx,
    progress,
    {
      command: 'validate',
      inputs: files,
      cwd: ctx.cwd,
      config: o.config ?? true,
      lang,
      ...cliRunOptions(o),
      strict: Boolean(o.strict),
      // The column profile costs as much as the checks: computed only for the formats that show it.
      profile: showsProfile(o.format),
      // Checked before the work: the report must never land on a file being read.
      reportOutput: o.output,
      throwOnSingleFailure: true,
      stdin: ctx.stdin,
      // For tests only: cut files this small into chunks (the differential tests of chunked runs).
      ...chunkThresholdOf(ctx.env),
      // URLs and lists of them, a share of the batch, the history of runs.
      ...(await sourceRequest(o as SourceCliOptions, ctx)),
    },
    notice,
  );
  const { exitCodeOf, failuresSentence, renderReport, writeFileAtomic } = await import('../../index.js');
  const colour = !o.output && o.format === 'text' ? await styleFor(ctx) : undefined;
  const text = renderReport(report, o.format, {
    lang,
    maxExamples: o.maxExamples,
    style: colour,
    width: o.output ? undefined : terminalWidth(ctx),
    ...runFacts(durations, ctx.env),
  });
  if (o.output) await writeFileAtomic(path.resolve(ctx.cwd, o.output), text);
  else ctx.stdout.write(text);
  const failed = failuresSentence(report, lang);
  if (failed) ctx.stderr.write(`${failed}\n`);
  return exitCodeOf(report);
}

/** Register `odf validate`. */
export function registerValidate(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const cmd = program
    .command('validate')
    .description(en ? 'check files against a schema' : 'vérifie des fichiers par rapport à un schéma')
    .argument(
      '[files...]',
      en
        ? 'CSV, XLSX or ODS files, folders, globs or URLs; - for standard input (default: odf.config.yaml)'
        : 'fichiers CSV, XLSX ou ODS, dossiers, motifs ou adresses ; - pour l’entrée standard (défaut : odf.config.yaml)',
    );
  addShared(cmd, ctx, 'schema', 'reportFormat');
  cmd
    .option('-o, --output <file>', en ? 'write the report to a file' : 'écrit le rapport dans un fichier')
    .option(
      '--strict',
      en ? 'warnings make the file invalid too' : 'les avertissements rendent aussi le fichier non conforme',
    );
  addShared(cmd, ctx, 'config', 'jobs', 'limitErrors', 'maxExamples', 'quiet');
  addReadOptions(cmd, ctx);
  addMappingOption(cmd, ctx);
  addPrivacyOption(cmd, ctx);
  addFilterOptions(cmd, ctx);
  addSourceOptions(cmd, ctx);
  cmd.addHelpText('after', en ? HELP_EN : HELP_FR).action(async (files: string[], o: ValidateCliOptions) => {
    // --privacy has a default; left at it, odf.config.yaml's `privacy:` may still decide.
    if (cmd.getOptionValueSource('privacy') === 'default') delete o.privacy;
    setExit(await runValidate(files, o, ctx));
  });
}
