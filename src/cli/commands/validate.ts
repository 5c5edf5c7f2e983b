// `odf validate FILE…`: check files against a schema and print a report; exit 0 (valid), 1 (errors), 2 (failure).
//
// Usage: odf validate FILE… [--schema NAME|PATH|URL] [--format text|json] [-o FILE] [--strict]
// Examples:
//   odf validate budget.csv                       (schéma reconnu d'après les en-têtes)
//   odf validate budget.csv --schema scdl/budget  (dernière version du schéma)
//   odf validate deliberations.xlsx -s scdl/deliberations@2.1.5 --format json -o rapport.json
//   cat budget.csv | odf validate - -s budget
import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { addMappingOption, addReadOptions, parsePositiveInt, readOptionsFrom } from '../options.js';
import { validateFile, resolveSchema } from '../../validate/validate.js';
import { buildFileReport, buildReport } from '../../report/build.js';
import { renderText } from '../../report/text.js';
import { renderJson } from '../../report/json.js';
import type { FileReport, Report } from '../../report/types.js';
import { isOdfError } from '../../errors.js';
import { writeFileAtomic } from '../../normalize/atomic.js';
import { startProgress, styleFor } from '../ui.js';

const HELP_FR = `
Exemples :
  $ odf validate budget.csv
  $ odf validate budget.csv --schema scdl/budget@0.8.3
  $ odf validate deliberations.xlsx --sheet 2 --format json -o rapport.json
  $ cat budget.csv | odf validate - -s budget

Code de sortie : 0 conforme, 1 erreurs trouvées, 2 odf n'a pas pu faire son travail.`;

const HELP_EN = `
Examples:
  $ odf validate budget.csv
  $ odf validate budget.csv --schema scdl/budget@0.8.3
  $ odf validate deliberations.xlsx --sheet 2 --format json -o report.json
  $ cat budget.csv | odf validate - -s budget

Exit code: 0 valid, 1 errors found, 2 odf could not do its job.`;

export interface ValidateCliOptions {
  schema?: string;
  format: string;
  output?: string;
  strict?: boolean;
  limitErrors: number;
  maxExamples: number;
  quiet?: boolean;
  [k: string]: unknown;
}

/** Run validate on the files and return the exit code. */
export async function runValidate(files: string[], o: ValidateCliOptions, ctx: CliContext): Promise<number> {
  const lang = ctx.lang;
  const readOptions = readOptionsFrom(o, ctx);
  // The schema is loaded once for every file; an unreadable schema stops the run (exit 2).
  const schema = await resolveSchema(o.schema);
  const reports: FileReport[] = [];
  const failures: Report['failures'] = [];
  const machine = o.format !== 'text';
  for (const file of files) {
    const progress = startProgress(ctx, file, !o.quiet && !(machine && !o.output));
    try {
      const result = await validateFile(file, {
        ...readOptions,
        schema,
        limitErrors: o.limitErrors,
        mapping: typeof o.map === 'string' ? o.map : undefined,
        onProgress: (bytes) => progress.update(`${file} — ${(bytes / 1e6).toFixed(1)} Mo`),
      });
      reports.push(buildFileReport(result, lang, file === '-' ? '<stdin>' : file));
    } catch (e) {
      if (!isOdfError(e) || files.length === 1) {
        progress.stop();
        throw e;
      }
      failures.push({ path: file, code: e.code, message: lang === 'en' && e.messageEn ? e.messageEn : e.message });
    } finally {
      progress.stop();
    }
  }
  const report = buildReport(reports, failures, lang, { strict: o.strict });
  const text =
    o.format === 'json'
      ? renderJson(report)
      : renderText(report, { lang, maxExamples: o.maxExamples, style: o.output ? undefined : styleFor(ctx) });
  if (o.output) await writeFileAtomic(o.output, text);
  else ctx.stdout.write(text);
  if (failures.length) return 2;
  return report.valid ? 0 : 1;
}

/** Register `odf validate`. */
export function registerValidate(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const cmd = program
    .command('validate')
    .description(en ? 'check files against a schema' : 'vérifie des fichiers par rapport à un schéma')
    .argument('<files...>', en ? 'CSV, XLSX or ODS files; - for standard input' : 'fichiers CSV, XLSX ou ODS ; - pour l’entrée standard')
    .option('-s, --schema <schema>', en ? 'catalogue name (scdl/budget@0.8.3), file or URL' : 'nom au catalogue (scdl/budget@0.8.3), fichier ou URL')
    .addOption(new Option('-f, --format <format>', en ? 'report format' : 'format du rapport').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', en ? 'write the report to a file' : 'écrit le rapport dans un fichier')
    .option('--strict', en ? 'warnings make the file invalid too' : 'les avertissements rendent aussi le fichier non conforme')
    .option('--limit-errors <n>', en ? 'stop collecting after N errors' : 'arrête de collecter après N erreurs', parsePositiveInt('--limit-errors'), 1000)
    .option('--max-examples <n>', en ? 'occurrences shown per finding code' : 'occurrences montrées par type de problème', parsePositiveInt('--max-examples'), 5)
    .option('-q, --quiet', en ? 'no progress on stderr' : 'pas de progression sur stderr');
  addReadOptions(cmd, ctx);
  addMappingOption(cmd, ctx);
  cmd.addHelpText('after', en ? HELP_EN : HELP_FR).action(async (files: string[], o: ValidateCliOptions) => {
    setExit(await runValidate(files, o, ctx));
  });
}
