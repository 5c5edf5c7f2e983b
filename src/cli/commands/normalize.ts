// `odf normalize FILE…`: write a conform CSV (UTF-8, comma, schema column order, canonical values) and its metadata.
//
// Usage: odf normalize FILE… [--schema S] [-o OUT | --out-dir DIR] [--metadata udata,dcat] [--drop-invalid]
// Examples:
//   odf normalize budget.csv -s scdl/budget -o budget-propre.csv
//   odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/
//   odf normalize budget.xlsx -s budget -o - > budget.csv
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { addMappingOption, addReadOptions, parsePositiveInt, readOptionsFrom } from '../options.js';
import { normalizeFile, type NormalizeResult } from '../../normalize/normalize.js';
import { dataPackage, dcatDistribution, udataResource, type WrittenResource } from '../../normalize/metadata.js';
import { resolveSchema } from '../../validate/validate.js';
import { buildFileReport, buildReport } from '../../report/build.js';
import { renderText } from '../../report/text.js';
import { renderJson } from '../../report/json.js';
import type { FileReport, Report } from '../../report/types.js';
import { OdfError, isOdfError } from '../../errors.js';
import { writeFileAtomic } from '../../normalize/atomic.js';
import { styleFor } from '../ui.js';

const HELP_FR = `
Exemples :
  $ odf normalize budget.csv -s scdl/budget -o budget-propre.csv
  $ odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/ --metadata udata,dcat
  $ odf normalize budget.xlsx -s budget -o - > budget.csv

Sans -o ni --out-dir, le résultat est écrit à côté de l'entrée sous le nom NOM.normalise.csv.
L'entrée n'est jamais modifiée ; chaque sortie est écrite dans un fichier temporaire puis renommée.`;

const HELP_EN = `
Examples:
  $ odf normalize budget.csv -s scdl/budget -o budget-clean.csv
  $ odf normalize exports/*.csv -s scdl/deliberations --out-dir publication/ --metadata udata,dcat
  $ odf normalize budget.xlsx -s budget -o - > budget.csv

Without -o or --out-dir, the result is written next to the input as NAME.normalise.csv.
The input is never modified; each output is written to a temporary file, then renamed.`;

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
  limitErrors: number;
  maxExamples: number;
  acceptSuggestions?: boolean;
  [k: string]: unknown;
}

function outputFor(file: string, o: NormalizeCliOptions): string {
  const base = file === '-' ? 'stdin' : path.basename(file).replace(/\.[^.]+$/, '');
  if (o.output) return o.output;
  if (o.outDir) return path.join(o.outDir, `${base}.csv`);
  return path.join(path.dirname(file), `${base}.normalise.csv`);
}

function summaryOf(r: NormalizeResult, lang: 'fr' | 'en'): NonNullable<FileReport['normalize']> {
  const s: NonNullable<FileReport['normalize']> = {
    counts: r.counts,
    repairs: r.repairs,
    droppedColumns: r.droppedColumns,
  };
  if (r.output) s.output = { path: r.output.path, bytes: r.output.bytes, sha256: r.output.sha256, rows: r.output.rows };
  else s.notWritten = lang === 'fr' ? 'Aucun fichier écrit : des erreurs restent (--fail-on-error).' : 'No file written: errors remain (--fail-on-error).';
  if (r.rejected) s.rejected = r.rejected;
  return s;
}

/** Run normalize on the files and return the exit code. */
export async function runNormalize(files: string[], o: NormalizeCliOptions, ctx: CliContext): Promise<number> {
  const lang = ctx.lang;
  if (o.output && o.outDir) {
    throw new OdfError('bad-option', 'Choisissez -o ou --out-dir, pas les deux.', {}, 'Choose -o or --out-dir, not both.');
  }
  if (o.output && files.length > 1) {
    throw new OdfError('bad-option', 'Avec plusieurs fichiers, utilisez --out-dir DOSSIER plutôt que -o.', {}, 'With several files, use --out-dir DIR rather than -o.');
  }
  const metadataKinds = new Set((o.metadata ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  for (const k of metadataKinds) {
    if (k !== 'udata' && k !== 'dcat' && k !== 'datapackage') {
      throw new OdfError('bad-option', `Métadonnées inconnues : « ${k} » (choisissez udata, dcat).`, {}, `Unknown metadata: "${k}" (choose udata, dcat).`);
    }
  }
  if (o.outDir) await fs.mkdir(o.outDir, { recursive: true });
  const readOptions = readOptionsFrom(o, ctx);
  const schema = await resolveSchema(o.schema);
  const toStdout = o.output === '-';
  const reports: FileReport[] = [];
  const failures: Report['failures'] = [];
  const written: WrittenResource[] = [];
  for (const file of files) {
    try {
      const target = outputFor(file, o);
      const result = await normalizeFile(file, {
        ...readOptions,
        schema,
        output: target,
        stdout: ctx.stdout as { write(s: string): unknown },
        bom: o.bom,
        keepExtra: o.keepExtra,
        dropInvalid: o.dropInvalid,
        failOnError: o.failOnError,
        limitErrors: o.limitErrors,
        acceptSuggestions: o.acceptSuggestions,
        mapping: typeof o.map === 'string' ? o.map : undefined,
      });
      const report = buildFileReport(result.file, lang, file === '-' ? '<stdin>' : file);
      report.normalize = summaryOf(result, lang);
      reports.push(report);
      if (result.output && result.file.schema && !toStdout) {
        written.push({
          path: result.output.path,
          bytes: result.output.bytes,
          sha256: result.output.sha256,
          rows: result.output.rows,
          columns: result.output.columns,
          bom: Boolean(o.bom),
          schema: result.file.schema,
        });
      }
    } catch (e) {
      if (!isOdfError(e) || files.length === 1) throw e;
      failures.push({ path: file, code: e.code, message: lang === 'en' && e.messageEn ? e.messageEn : e.message });
    }
  }

  const notes: string[] = [];
  if (written.length) {
    const dir = o.outDir ?? path.dirname(written[0]!.path);
    const rel = written.map((w) => ({ ...w, path: path.relative(dir, w.path) }));
    await writeFileAtomic(path.join(dir, 'datapackage.json'), `${JSON.stringify(dataPackage(rel), null, 2)}\n`);
    if (metadataKinds.has('udata')) await writeFileAtomic(path.join(dir, 'udata.json'), `${JSON.stringify(rel.map(udataResource), null, 2)}\n`);
    if (metadataKinds.has('dcat')) {
      await writeFileAtomic(path.join(dir, 'dcat.jsonld'), `${JSON.stringify({ '@graph': rel.map((r) => dcatDistribution(r)) }, null, 2)}\n`);
    }
  } else if (toStdout && !o.outDir) {
    notes.push(lang === 'fr' ? 'Métadonnées non écrites : la sortie va sur stdout (ajoutez --out-dir).' : 'Metadata not written: output goes to stdout (add --out-dir).');
  }

  const report = buildReport(reports, failures, lang);
  const rendered =
    o.format === 'json' ? renderJson(report) : renderText(report, { lang, maxExamples: o.maxExamples, style: o.report ? undefined : styleFor(ctx) });
  if (o.report) await writeFileAtomic(o.report, o.format === 'json' ? rendered : renderJson(report));
  // With the CSV on stdout, the report goes to stderr so the two never mix.
  const sink = toStdout ? ctx.stderr : ctx.stdout;
  if (!o.report || !toStdout) sink.write(rendered);
  for (const n of notes) ctx.stderr.write(`${n}\n`);
  if (failures.length) return 2;
  return report.valid ? 0 : 1;
}

/** Register `odf normalize`. */
export function registerNormalize(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const cmd = program
    .command('normalize')
    .alias('normalise')
    .description(en ? 'write a conform CSV (UTF-8, comma, schema order) and its metadata' : 'écrit un CSV conforme (UTF-8, virgule, ordre du schéma) et ses métadonnées')
    .argument('<files...>', en ? 'files; - for standard input' : 'fichiers ; - pour l’entrée standard')
    .option('-s, --schema <schema>', en ? 'catalogue name, file or URL' : 'nom au catalogue, fichier ou URL')
    .option('-o, --output <file>', en ? 'output CSV (- for standard output)' : 'CSV de sortie (- pour la sortie standard)')
    .option('--out-dir <dir>', en ? 'folder for the outputs and datapackage.json' : 'dossier des sorties et du datapackage.json')
    .option('--bom', en ? 'start the CSV with a UTF-8 BOM (for Excel)' : 'commence le CSV par un BOM UTF-8 (pour Excel)')
    .option('--keep-extra', en ? 'keep columns outside the schema, at the end' : 'garde les colonnes hors schéma, à la fin')
    .option('--drop-invalid', en ? 'write invalid rows to NAME.rejected.csv' : 'écrit les lignes invalides dans NOM.rejected.csv')
    .option('--fail-on-error', en ? 'write nothing when errors remain' : "n'écrit rien s'il reste des erreurs")
    .option('--accept-suggestions', en ? 'apply column-name suggestions too' : 'applique aussi les suggestions de noms de colonnes')
    .option('--metadata <kinds>', en ? 'extra metadata: udata,dcat' : 'métadonnées en plus : udata,dcat')
    .option('--report <file>', en ? 'write the JSON report of the run' : 'écrit le rapport JSON de l’exécution')
    .addOption(new Option('-f, --format <format>', en ? 'console report format' : 'format du rapport affiché').choices(['text', 'json']).default('text'))
    .option('--limit-errors <n>', en ? 'stop collecting after N errors' : 'arrête de collecter après N erreurs', parsePositiveInt('--limit-errors'), 1000)
    .option('--max-examples <n>', en ? 'occurrences shown per finding code' : 'occurrences montrées par type de problème', parsePositiveInt('--max-examples'), 5);
  addReadOptions(cmd, ctx);
  addMappingOption(cmd, ctx);
  cmd.addHelpText('after', en ? HELP_EN : HELP_FR).action(async (files: string[], o: NormalizeCliOptions) => {
    setExit(await runNormalize(files, o, ctx));
  });
}
