// `odf report merge reports/*.json`: the one report of a batch run in shares on several machines (--shard K/N).
//
// Usage: odf report merge FILE… [--format FORMAT] [-o FILE]
// Examples:
//   odf report merge reports/*.json -o rapport.json
//   odf report merge reports/*.json --format html -o rapport.html
import path from 'node:path';
import { Option, type Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { FORMAT_NAMES } from '../../report/format-names.js';
import { styleFor } from '../ui.js';

const HELP_FR = `
Exemples :
  $ odf validate --urls ressources.csv --shard 1/2 --format json -o reports/part-1.json   (machine 1)
  $ odf validate --urls ressources.csv --shard 2/2 --format json -o reports/part-2.json   (machine 2)
  $ odf report merge reports/*.json -o rapport.json
  $ odf report merge reports/*.json --format html -o rapport.html

Le rapport fusionné est celui qu'une seule machine aurait écrit pour le même lot (au JSON près).
Code de sortie : celui de odf validate sur tout le lot (0, 1 ou 2).`;

const HELP_EN = `
Examples:
  $ odf validate --urls resources.csv --shard 1/2 --format json -o reports/part-1.json   (machine 1)
  $ odf validate --urls resources.csv --shard 2/2 --format json -o reports/part-2.json   (machine 2)
  $ odf report merge reports/*.json -o report.json
  $ odf report merge reports/*.json --format html -o report.html

The merged report is the one a single machine would have written for the same batch (byte for byte in JSON).
Exit code: that of odf validate over the whole batch (0, 1 or 2).`;

/** Merge the reports and write the one report; returns validate's exit code for the whole batch. */
export async function runReportMerge(
  files: string[],
  o: { format: string; output?: string; maxExamples: number },
  ctx: CliContext,
): Promise<number> {
  const { mergeReports, renderReport, writeFileAtomic } = await import('../../index.js');
  const report = await mergeReports(files, { cwd: ctx.cwd });
  const colour = !o.output && o.format === 'text' ? await styleFor(ctx) : undefined;
  const text = renderReport(report, o.format, {
    lang: report.lang,
    maxExamples: o.maxExamples,
    style: colour,
  });
  if (o.output)
    await writeFileAtomic(
      path.resolve(ctx.cwd, o.output),
      text,
      files.map((f) => path.resolve(ctx.cwd, f)),
    );
  else ctx.stdout.write(text);
  if (report.failures.length) return 2;
  return report.valid ? 0 : 1;
}

/** Register `odf report merge`. */
export function registerReport(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const report = program
    .command('report')
    .description(en ? 'work with JSON reports' : 'travaille sur les rapports JSON')
    .addHelpText('after', en ? HELP_EN : HELP_FR);
  report
    .command('merge')
    .description(
      en
        ? 'merge the JSON reports of the shares of a batch (--shard) into one report'
        : 'fusionne les rapports JSON des parts d’un lot (--shard) en un seul rapport',
    )
    .argument('<files...>', en ? 'JSON reports' : 'rapports JSON')
    .addOption(
      new Option('-f, --format <format>', en ? 'report format' : 'format du rapport')
        .choices([...FORMAT_NAMES])
        .default('json'),
    )
    .option('-o, --output <file>', en ? 'write the report to a file' : 'écrit le rapport dans un fichier')
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (files: string[], o: { format: string; output?: string }) => {
      setExit(await runReportMerge(files, { ...o, maxExamples: 5 }, ctx));
    });
}
