// `odf normalize FILE…`: write a conform CSV (UTF-8, comma, schema column order, canonical values) and its metadata.
//
// Usage: odf normalize FILE… [--schema S] [-o OUT | --out-dir DIR] [--metadata udata,dcat] [--drop-invalid]
// Examples:
//   odf normalize budget.csv -s scdl/budget -o budget-propre.csv
//   odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/
//   odf normalize budget.xlsx -s budget -o - > budget.csv
import path from 'node:path';
import type { Command } from '../commander.js';
import { Option } from '../commander.js';
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
import type { MetadataOutcome, RedactAction, RedactSpec } from '../../index.js';
import { isMachineFormat } from '../../report/format-names.js';

const HELP_FR = `
Exemples :
  $ odf normalize budget.csv -s scdl/budget -o budget-propre.csv
  $ odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/ --metadata udata,dcat
  $ odf normalize budget.xlsx -s budget -o - > budget.csv
  $ odf normalize exports/ --out-dir publication/ --report rapport.html --format html

Sans -o ni --out-dir, le résultat est écrit à côté de l'entrée sous le nom NOM.normalise.csv.
L'entrée n'est jamais modifiée ; chaque sortie est écrite dans un fichier temporaire puis renommée.
--report FICHIER écrit le rapport en JSON, ou dans le format de --format s'il n'est pas text.`;

const HELP_EN = `
Examples:
  $ odf normalize budget.csv -s scdl/budget -o budget-clean.csv
  $ odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/ --metadata udata,dcat
  $ odf normalize budget.xlsx -s budget -o - > budget.csv
  $ odf normalize exports/ --out-dir publication/ --report report.html --format html

Without -o or --out-dir, the result is written next to the input as NAME.normalise.csv.
The input is never modified; each output is written to a temporary file, then renamed.
--report FILE writes the report as JSON, or in the --format given when it is not text.`;

interface NormalizeCliOptions {
  schema?: string;
  output?: string;
  outDir?: string;
  bom?: boolean;
  keepExtra?: boolean;
  dropInvalid?: boolean;
  failOnError?: boolean;
  allowMissingRequired?: boolean;
  allowUndecodable?: boolean;
  /** `--metadata udata,dcat`, or false with `--no-metadata` (no datapackage.json either). */
  metadata?: string | false;
  report?: string;
  format: string;
  limitErrors?: number;
  maxExamples: number;
  acceptSuggestions?: boolean;
  config?: string;
  jobs?: number;
  quiet?: boolean;
  map?: string;
  redact?: string;
  redactAction?: string;
  redactSalt?: string;
  baseUrl?: string;
  escapeFormulas?: boolean;
  [k: string]: unknown;
}

/** The --redact option as the engine takes it. */
function redactOf(o: NormalizeCliOptions): RedactSpec | undefined {
  const targets = (o.redact ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (targets.length === 0) return undefined;
  return {
    targets,
    action: (o.redactAction ?? 'mask') as RedactAction,
    ...(o.redactSalt !== undefined ? { salt: o.redactSalt } : {}),
  };
}

/** The note about the metadata written (or not), on stderr. */
function metadataNote(m: MetadataOutcome, cwd: string, fr: boolean): string {
  if (m.written === 'none') {
    return fr
      ? 'Métadonnées non écrites : la sortie va sur stdout (ajoutez --out-dir).'
      : 'Metadata not written: output goes to stdout (add --out-dir).';
  }
  const shown = shownPath(cwd, m.path);
  const n = m.resources;
  return fr
    ? `${m.updated ? 'Mis à jour' : 'Écrit'} : ${shown} (${n} ressource${n > 1 ? 's' : ''}).`
    : `${m.updated ? 'Updated' : 'Written'}: ${shown} (${n} resource${n > 1 ? 's' : ''}).`;
}

/** Run normalize on the files (or the config's rules) and return the exit code. */
export async function runNormalize(
  files: string[],
  o: NormalizeCliOptions,
  ctx: CliContext,
): Promise<number> {
  const lang = ctx.lang;
  const toStdout = o.output === '-';
  // A likely batch: a worker thread loads while this thread loads the library (src/run/prestart.ts).
  if (!toStdout) await (await import('../../run/prestart.js')).prestartFor(files, o.jobs, ctx.cwd);
  const machine = isMachineFormat(o.format) && !o.report;
  const progress = !o.quiet && !toStdout && !machine;
  const redact = redactOf(o);
  const outcome = await runWithProgress(ctx, progress, {
    command: 'normalize',
    inputs: files,
    cwd: ctx.cwd,
    config: o.config ?? true,
    lang,
    ...cliRunOptions(o),
    acceptSuggestions: o.acceptSuggestions,
    // The column profile costs as much as the checks: computed only when a shown report carries it.
    profile: o.format === 'json' || o.format === 'html' || o.report !== undefined,
    throwOnSingleFailure: true,
    stdin: ctx.stdin,
    stdout: ctx.stdout as { write(s: string | Uint8Array): unknown },
    normalize: {
      output: o.output,
      outDir: o.outDir,
      bom: o.bom,
      keepExtra: o.keepExtra,
      dropInvalid: o.dropInvalid,
      failOnError: o.failOnError,
      allowMissingRequired: o.allowMissingRequired,
      allowUndecodable: o.allowUndecodable,
      escapeFormulas: o.escapeFormulas,
      ...(redact ? { redact } : {}),
      metadata:
        o.metadata === false
          ? false
          : (o.metadata ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
      baseUrl: o.baseUrl,
    },
  });
  const report = outcome.report;
  const { exitCodeOf, failuresSentence, renderJson, renderReport, writeFileAtomic } =
    await import('../../index.js');
  const colour = !o.report && o.format === 'text' ? await styleFor(ctx) : undefined;
  const rendered = renderReport(report, o.format, {
    lang,
    maxExamples: o.maxExamples,
    style: colour,
    width: o.report || toStdout ? undefined : terminalWidth(ctx),
    ...runFacts(outcome.durations, ctx.env),
  });
  // --report keeps its JSON default; with another --format it writes that format.
  if (o.report)
    await writeFileAtomic(
      path.resolve(ctx.cwd, o.report),
      o.format === 'text' ? renderJson(report) : rendered,
    );
  // With the CSV on stdout, the report goes to stderr so the two never mix.
  const sink = toStdout ? ctx.stderr : ctx.stdout;
  if (!o.report || !toStdout) sink.write(rendered);
  // --quiet keeps stderr for what went wrong: the note on metadata is left out, the failures are not.
  if (outcome.metadata && !o.quiet)
    ctx.stderr.write(`${metadataNote(outcome.metadata, ctx.cwd, lang === 'fr')}\n`);
  const failed = failuresSentence(report, lang);
  if (failed) ctx.stderr.write(`${failed}\n`);
  return exitCodeOf(report);
}

/** A path as the user would write it: relative below the working folder, absolute elsewhere. */
function shownPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** The options that let normalize write where it otherwise refuses to act on a guess (issue 11). */
function addGuardOptions(cmd: Command, en: boolean): void {
  cmd
    .option(
      '--allow-missing-required',
      en
        ? 'write even when a required field has no source while columns are unused'
        : 'écrit même quand un champ obligatoire n’a pas de source alors que des colonnes ne servent pas',
    )
    .option(
      '--allow-undecodable',
      en
        ? 'write even when bytes cannot be decoded (they become U+FFFD)'
        : 'écrit même quand des octets ne se lisent pas dans l’encodage (ils deviennent U+FFFD)',
    );
}

/** What normalize writes and how: output, folder, BOM, extra columns, invalid rows, formulas. */
function addWriteOptions(cmd: Command, en: boolean): void {
  cmd
    .option(
      '-o, --output <file>',
      en ? 'output CSV (- for standard output)' : 'CSV de sortie (- pour la sortie standard)',
    )
    .option(
      '--out-dir <dir>',
      en ? 'folder for the outputs and datapackage.json' : 'dossier des sorties et du datapackage.json',
    )
    .option(
      '--bom',
      en ? 'start the CSV with a UTF-8 BOM (for Excel)' : 'commence le CSV par un BOM UTF-8 (pour Excel)',
    )
    .option(
      '--keep-extra',
      en ? 'keep columns outside the schema, at the end' : 'garde les colonnes hors schéma, à la fin',
    )
    .option(
      '--drop-invalid',
      en ? 'write invalid rows to NAME.rejected.csv' : 'écrit les lignes invalides dans NOM.rejected.csv',
    )
    .option(
      '--fail-on-error',
      en ? 'write nothing when errors remain' : "n'écrit rien s'il reste des erreurs",
    )
    .option(
      '--escape-formulas',
      en
        ? 'prefix cells a spreadsheet would run as formulas (=, +, -, @) with an apostrophe (OWASP)'
        : 'préfixe d’une apostrophe les cellules qu’un tableur exécuterait comme formules (=, +, -, @ ; OWASP)',
    );
}

/** Register `odf normalize`. */
export function registerNormalize(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const cmd = program
    .command('normalize')
    .alias('normalise')
    .description(
      en
        ? 'write a conform CSV (UTF-8, comma, schema order) and its metadata'
        : 'écrit un CSV conforme (UTF-8, virgule, ordre du schéma) et ses métadonnées',
    )
    .argument(
      '[files...]',
      en
        ? 'files, folders or globs; - for standard input (default: odf.config.yaml)'
        : 'fichiers, dossiers ou motifs ; - pour l’entrée standard (défaut : odf.config.yaml)',
    );
  addShared(cmd, ctx, 'schema');
  addWriteOptions(cmd, en);
  addGuardOptions(cmd, en);
  addShared(cmd, ctx, 'acceptSuggestions');
  cmd
    .option('--metadata <kinds>', en ? 'extra metadata: udata,dcat' : 'métadonnées en plus : udata,dcat')
    .option(
      '--no-metadata',
      en
        ? 'write no datapackage.json (nor other metadata)'
        : 'n’écrit pas de datapackage.json (ni d’autres métadonnées)',
    )
    .option(
      '--base-url <url>',
      en
        ? 'where the files will be published (DCAT download and access URLs)'
        : 'adresse où les fichiers seront publiés (URL de téléchargement et d’accès DCAT)',
    )
    .option(
      '--report <file>',
      en
        ? 'write the report of the run (JSON, or --format)'
        : 'écrit le rapport de l’exécution (JSON, ou --format)',
    );
  addShared(cmd, ctx, 'reportFormat', 'config', 'jobs', 'quiet', 'limitErrors', 'maxExamples');
  addReadOptions(cmd, ctx);
  addMappingOption(cmd, ctx);
  addPrivacyOption(cmd, ctx);
  addFilterOptions(cmd, ctx);
  cmd
    .option(
      '--redact <targets>',
      en
        ? 'columns or kinds of personal data to redact, comma-separated (nom,telephone,nir…)'
        : 'colonnes ou types de données personnelles à occulter, séparés par des virgules (nom,telephone,nir…)',
    )
    .addOption(
      new Option(
        '--redact-action <action>',
        en
          ? 'how: drop the column, mask or hash the values'
          : 'comment : supprimer la colonne, masquer ou hacher les valeurs',
      )
        .choices(['drop', 'mask', 'hash'])
        .default('mask'),
    )
    .option(
      '--redact-salt <salt>',
      en ? 'secret salt for --redact-action hash' : 'sel secret pour --redact-action hash',
    );
  cmd.addHelpText('after', en ? HELP_EN : HELP_FR).action(async (files: string[], o: NormalizeCliOptions) => {
    // --privacy has a default; left at it, odf.config.yaml's `privacy:` may still decide.
    if (cmd.getOptionValueSource('privacy') === 'default') delete o.privacy;
    setExit(await runNormalize(files, o, ctx));
  });
}
