// `odf observatoire --history FILE -o site/`: the static, offline observatory site built from the history of runs.
//
// Usage: odf observatoire --history FILE [--history FILE…] -o DIR [--title TEXT] [--base-url URL]
//                         [--stale-days N] [--runs N]
// Examples:
//   odf observatoire --history historique.sqlite -o site/
//   odf observatoire --history shard-1.sqlite --history shard-2.sqlite -o site/   (histories merged on the fly)
//   odf observatoire --history historique.sqlite -o site/ --base-url https://data.example.fr/observatoire/
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { parsePositiveInt } from '../options.js';

const HELP_FR = `
Exemples :
  $ odf validate --urls ressources.csv --history historique.sqlite --format json -o rapport.json
  $ odf observatoire --history historique.sqlite -o site/
  $ odf observatoire --history part-1.sqlite --history part-2.sqlite -o site/

Le site (index.html, une page par fichier, producteur et schéma, un badge SVG pour chacun) fonctionne
hors ligne : ouvrez site/index.html dans un navigateur, ou publiez le dossier tel quel.
Un fichier « pas mis à jour » est un fichier dont le contenu n'a pas changé depuis --stale-days jours.`;

const HELP_EN = `
Examples:
  $ odf validate --urls resources.csv --history history.sqlite --format json -o report.json
  $ odf observatoire --history history.sqlite -o site/
  $ odf observatoire --history part-1.sqlite --history part-2.sqlite -o site/

The site (index.html, one page per file, producer and schema, an SVG badge for each) works offline:
open site/index.html in a browser, or publish the folder as it is.
A file "not updated" is one whose content has not changed for --stale-days days.`;

interface ObservatoireOptions {
  history: string[];
  output: string;
  title?: string;
  baseUrl?: string;
  staleDays: number;
  runs?: number;
}

/** Build the site from one history (or several, merged in memory) and write it; returns the exit code. */
export async function runObservatoire(o: ObservatoireOptions, ctx: CliContext): Promise<number> {
  const { writeObservatory, ODF_VERSION } = await import('../../index.js');
  const done = await writeObservatory({
    histories: o.history,
    output: o.output,
    cwd: ctx.cwd,
    lang: ctx.lang,
    title: o.title,
    baseUrl: o.baseUrl,
    staleDays: o.staleDays,
    runs: o.runs,
    odfVersion: ODF_VERSION,
  });
  ctx.stderr.write(
    ctx.lang === 'en'
      ? `odf: observatory written: ${done.index} (${done.files} files, ${done.runs} runs, ${done.pages} pages and badges)\n`
      : `odf : observatoire écrit : ${done.index} (${done.files} fichiers, ${done.runs} exécutions, ${done.pages} pages et badges)\n`,
  );
  return 0;
}

/** Register `odf observatoire` (alias `observatory`). */
export function registerObservatoire(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  program
    .command('observatoire')
    .alias('observatory')
    .description(
      en
        ? 'build the offline observatory site from the history of runs'
        : 'construit le site hors ligne de l’observatoire à partir de l’historique des exécutions',
    )
    .requiredOption(
      '--history <file>',
      en
        ? 'history file written by validate --history (repeat to merge several)'
        : 'historique écrit par validate --history (à répéter pour en fusionner plusieurs)',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .requiredOption('-o, --output <dir>', en ? 'folder of the site' : 'dossier du site')
    .option('--title <text>', en ? 'title of the site' : 'titre du site')
    .option(
      '--base-url <url>',
      en
        ? 'public address of the site, for the badge snippets'
        : 'adresse publique du site, pour le code des badges',
    )
    .option(
      '--stale-days <n>',
      en
        ? 'a file unchanged for this many days is "not updated" (default 365)'
        : 'un fichier inchangé depuis ce nombre de jours est « pas mis à jour » (défaut 365)',
      parsePositiveInt('--stale-days', true),
      365,
    )
    .option(
      '--runs <n>',
      en
        ? 'show only the last N runs (default: all; a window for big histories)'
        : 'ne montre que les N dernières exécutions (défaut : toutes ; une fenêtre pour les gros historiques)',
      parsePositiveInt('--runs'),
    )
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (o: ObservatoireOptions) => {
      setExit(await runObservatoire(o, ctx));
    });
}
