// `odf normalize FILE…`: write a conform CSV (UTF-8, comma, schema column order, canonical values) and its metadata.
//
// Usage: odf normalize FILE… [--schema S] [-o OUT | --out-dir DIR] [--metadata udata,dcat] [--drop-invalid]
// Examples:
//   odf normalize budget.csv -s scdl/budget -o budget-propre.csv
//   odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/
//   odf normalize budget.xlsx -s budget -o - > budget.csv
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Command } from '../commander.js';
import { Option } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { addMappingOption, addPrivacyOption, addReadOptions, parsePositiveInt } from '../options.js';
import {
  dataPackage,
  mergeDataPackage,
  readExistingDataPackage,
  dcatDistribution,
  udataResource,
  type WrittenResource,
} from '../../normalize/metadata.js';
import { readMappingFile } from '../../schema/mapping-file.js';
import { loadSynonymsFile } from '../../schema/synonyms.js';
import type { RedactAction, RedactSpec } from '../../privacy/index.js';
import { renderJson } from '../../report/json.js';
import { OdfError } from '../../errors.js';
import { writeFileAtomic } from '../../normalize/atomic.js';
import { styleFor } from '../ui.js';
import {
  REPORT_FORMATS,
  assembleReport,
  failureError,
  isMachineFormat,
  prepareBatch,
  renderReport,
  runBatch,
} from '../batch-run.js';

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
  metadata?: string;
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

/** Where a file's CSV goes, as the user would write it (relative paths stay relative). */
function outputFor(display: string, o: NormalizeCliOptions): string {
  const base = display === '<stdin>' ? 'stdin' : path.basename(display).replace(/\.[^.]+$/, '');
  if (o.output) return o.output;
  if (o.outDir) return path.join(o.outDir, `${base}.csv`);
  return path.join(path.dirname(display), `${base}.normalise.csv`);
}

/** odf's own outputs met in a folder are not inputs. */
const OWN_OUTPUT = /\.(normalise|rejected)\.csv$/i;

/** Run normalize on the files (or the config's rules) and return the exit code. */
export async function runNormalize(
  files: string[],
  o: NormalizeCliOptions,
  ctx: CliContext,
): Promise<number> {
  const lang = ctx.lang;
  if (o.output && o.outDir) {
    throw new OdfError(
      'bad-option',
      'Choisissez -o ou --out-dir, pas les deux.',
      {},
      'Choose -o or --out-dir, not both.',
    );
  }
  const metadataKinds = new Set(
    (o.metadata ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const k of metadataKinds) {
    if (k !== 'udata' && k !== 'dcat' && k !== 'datapackage') {
      throw new OdfError(
        'bad-option',
        `Métadonnées inconnues : « ${k} » (choisissez udata, dcat).`,
        {},
        `Unknown metadata: "${k}" (choose udata, dcat).`,
      );
    }
  }
  const batch = await prepareBatch(files, o, ctx, {
    ignore: (f) => OWN_OUTPUT.test(f),
    acceptSuggestions: o.acceptSuggestions,
  });
  // The column profile costs as much as the checks: computed only when a shown report carries it.
  const profile = o.format === 'json' || o.format === 'html' || o.report !== undefined;
  for (const t of batch.tasks) t.profile = profile;
  if (o.output && batch.tasks.length > 1) {
    throw new OdfError(
      'bad-option',
      'Avec plusieurs fichiers, utilisez --out-dir DOSSIER plutôt que -o.',
      {},
      'With several files, use --out-dir DIR rather than -o.',
    );
  }
  if (typeof o.map === 'string') {
    const mapping = readMappingFile(path.resolve(ctx.cwd, o.map));
    for (const t of batch.tasks) t.mapping = mapping;
  }
  if (typeof o.synonyms === 'string') {
    const synonyms = loadSynonymsFile(path.resolve(ctx.cwd, o.synonyms)).fields;
    for (const t of batch.tasks) t.synonyms = synonyms;
  }
  const toStdout = o.output === '-';
  const targetsOfRedact = (o.redact ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const redact: RedactSpec | undefined = targetsOfRedact.length
    ? {
        targets: targetsOfRedact,
        action: (o.redactAction ?? 'mask') as RedactAction,
        ...(o.redactSalt !== undefined ? { salt: o.redactSalt } : {}),
      }
    : undefined;
  // Shown path → absolute path, to give reports the paths as the user wrote them.
  const shown = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const t of batch.tasks) {
    const target = outputFor(t.display, o);
    const abs = target === '-' ? '-' : path.resolve(ctx.cwd, target);
    const other = targets.get(abs);
    if (other !== undefined) {
      throw new OdfError(
        'bad-option',
        `${other} et ${t.display} seraient écrits dans le même fichier ${target} : traitez-les séparément ou renommez l'un d'eux.`,
        { path: target },
        `${other} and ${t.display} would be written to the same file ${target}: process them separately or rename one.`,
      );
    }
    targets.set(abs, t.display);
    shown.set(abs, target);
    t.normalize = {
      output: abs,
      bom: o.bom,
      keepExtra: o.keepExtra,
      dropInvalid: o.dropInvalid,
      failOnError: o.failOnError,
      escapeFormulas: o.escapeFormulas,
    };
    if (redact) t.normalize.redact = redact;
  }
  if (o.outDir) await fs.mkdir(path.resolve(ctx.cwd, o.outDir), { recursive: true });
  // An existing datapackage.json odf could not merge is refused before any work (and never replaced).
  const firstTarget = [...targets.keys()][0];
  if (!toStdout && firstTarget !== undefined) {
    const dir = o.outDir ? path.resolve(ctx.cwd, o.outDir) : path.dirname(firstTarget);
    await readExistingDataPackage(path.join(dir, 'datapackage.json'));
  }

  const machine = isMachineFormat(o.format) && !o.report;
  const progress = !o.quiet && !toStdout && !machine;
  const outcome = await runBatch(
    batch.tasks,
    o,
    ctx,
    progress,
    ctx.stdout as { write(s: string | Uint8Array): unknown },
  );
  if (batch.single && outcome.failures.length) throw failureError(outcome.failures[0]!);
  for (const r of outcome.reports) {
    const n = r.normalize;
    const target = n?.output ? shown.get(n.output.path) : undefined;
    if (!n || target === undefined) continue;
    n.output!.path = target;
    if (n.rejected && !path.isAbsolute(target)) n.rejected.path = path.relative(ctx.cwd, n.rejected.path);
  }

  const notes: string[] = [];
  const written: WrittenResource[] = toStdout
    ? []
    : outcome.written.map((w) => ({ ...w, bom: Boolean(o.bom) }));
  if (written.length) {
    const dir = o.outDir ? path.resolve(ctx.cwd, o.outDir) : path.dirname(written[0]!.path);
    const rel = written.map((w) => ({ ...w, path: path.relative(dir, w.path) }));
    // An existing datapackage.json keeps its own keys and its other resources: odf adds or replaces its own.
    const pkgPath = path.join(dir, 'datapackage.json');
    const merged = mergeDataPackage(await readExistingDataPackage(pkgPath), dataPackage(rel));
    await writeFileAtomic(pkgPath, `${JSON.stringify(merged.pkg, null, 2)}\n`);
    notes.push(
      lang === 'fr'
        ? `${merged.updated ? 'Mis à jour' : 'Écrit'} : ${shownPath(ctx.cwd, pkgPath)} (${merged.resources} ressource${merged.resources > 1 ? 's' : ''}).`
        : `${merged.updated ? 'Updated' : 'Written'}: ${shownPath(ctx.cwd, pkgPath)} (${merged.resources} resource${merged.resources > 1 ? 's' : ''}).`,
    );
    if (metadataKinds.has('udata'))
      await writeFileAtomic(
        path.join(dir, 'udata.json'),
        `${JSON.stringify(rel.map(udataResource), null, 2)}\n`,
      );
    if (metadataKinds.has('dcat')) {
      await writeFileAtomic(
        path.join(dir, 'dcat.jsonld'),
        `${JSON.stringify({ '@graph': rel.map((r) => dcatDistribution(r, o.baseUrl)) }, null, 2)}\n`,
      );
    }
  } else if (toStdout && !o.outDir) {
    notes.push(
      lang === 'fr'
        ? 'Métadonnées non écrites : la sortie va sur stdout (ajoutez --out-dir).'
        : 'Metadata not written: output goes to stdout (add --out-dir).',
    );
  }

  const report = assembleReport(outcome, batch.skipped, lang, false);
  const colour = !o.report && o.format === 'text' ? styleFor(ctx) : undefined;
  const rendered = renderReport(report, o.format, { lang, maxExamples: o.maxExamples, style: colour });
  // --report keeps its JSON default; with another --format it writes that format.
  if (o.report)
    await writeFileAtomic(
      path.resolve(ctx.cwd, o.report),
      o.format === 'text' ? renderJson(report) : rendered,
    );
  // With the CSV on stdout, the report goes to stderr so the two never mix.
  const sink = toStdout ? ctx.stderr : ctx.stdout;
  if (!o.report || !toStdout) sink.write(rendered);
  for (const n of notes) ctx.stderr.write(`${n}\n`);
  if (report.failures.length) return 2;
  return report.valid ? 0 : 1;
}

/** A path as the user would write it: relative below the working folder, absolute elsewhere. */
function shownPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
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
    )
    .option('-s, --schema <schema>', en ? 'catalogue name, file or URL' : 'nom au catalogue, fichier ou URL')
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
    )
    .option(
      '--accept-suggestions',
      en ? 'apply column-name suggestions too' : 'applique aussi les suggestions de noms de colonnes',
    )
    .option('--metadata <kinds>', en ? 'extra metadata: udata,dcat' : 'métadonnées en plus : udata,dcat')
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
    )
    .addOption(
      new Option('-f, --format <format>', en ? 'report format' : 'format du rapport')
        .choices([...REPORT_FORMATS])
        .default('text'),
    )
    .option(
      '--config <file>',
      en
        ? 'project file (default: odf.config.yaml if present)'
        : 'fichier de projet (défaut : odf.config.yaml s’il existe)',
    )
    .option(
      '-j, --jobs <n>',
      en
        ? 'files processed in parallel (default: processor cores)'
        : 'fichiers traités en parallèle (défaut : cœurs du processeur)',
      parsePositiveInt('--jobs'),
    )
    .option('-q, --quiet', en ? 'no progress on stderr' : 'pas de progression sur stderr')
    .option(
      '--limit-errors <n>',
      en
        ? 'stop collecting after N errors (default 1000)'
        : 'arrête de collecter après N erreurs (défaut 1000)',
      parsePositiveInt('--limit-errors'),
    )
    .option(
      '--max-examples <n>',
      en ? 'occurrences shown per finding code' : 'occurrences montrées par type de problème',
      parsePositiveInt('--max-examples', true),
      5,
    );
  addReadOptions(cmd, ctx);
  addMappingOption(cmd, ctx);
  addPrivacyOption(cmd, ctx);
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
