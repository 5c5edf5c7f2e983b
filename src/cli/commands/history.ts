// `odf history merge`: gather the histories of several machines (the shards of a run, or separate nights) into one.
// `odf history prune`: forget the old runs of a history.
//
// Usage: odf history merge FILE… -o OUT
//        odf history prune FILE (--keep-runs N | --before DATE)
// Examples:
//   odf history merge historique.sqlite part-*.sqlite -o historique.sqlite
//   odf history prune historique.sqlite --keep-runs 365
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { parsePositiveInt } from '../options.js';

const HELP_FR = `
Exemples :
  $ odf history merge part-1.sqlite part-2.sqlite -o historique.sqlite
  $ odf history merge part-*.sqlite -o historique.sqlite   (ajoute la nuit à l'historique existant)

Les exécutions sont reconnues par leur clé (--run-id), les fichiers par leur nom ou adresse : fusionner deux
fois le même fichier ne change rien. Un historique -o qui existe déjà est gardé et complété, jamais remplacé ;
le résultat est écrit à côté puis renommé : l'ancien fichier reste intact jusqu'au dernier moment.`;

const HELP_EN = `
Examples:
  $ odf history merge part-1.sqlite part-2.sqlite -o history.sqlite
  $ odf history merge part-*.sqlite -o history.sqlite   (adds the night to the existing history)

Runs are matched by their key (--run-id), files by their name or address: merging the same file twice
changes nothing. An -o history that already exists is kept and added to, never replaced; the result is
written beside it, then renamed: the old file stays intact until the last moment.`;

/** Merge history files into `output` (which may be one of them), atomically. */
export async function runHistoryMerge(inputs: string[], output: string, ctx: CliContext): Promise<number> {
  const { mergeHistoryFiles } = await import('../../index.js');
  const { runs, observations } = await mergeHistoryFiles(inputs, output, { cwd: ctx.cwd });
  ctx.stderr.write(
    ctx.lang === 'en'
      ? `odf: ${output}: ${runs} runs, ${observations} observations in all\n`
      : `odf : ${output} : ${runs} exécutions, ${observations} observations en tout\n`,
  );
  return 0;
}

const PRUNE_FR = `
Exemples :
  $ odf history prune historique.sqlite --keep-runs 365     (garde les 365 dernières exécutions)
  $ odf history prune historique.sqlite --before 2025-01-01

Les exécutions oubliées le sont avec ce qu'elles seules contenaient (observations, résultats, fichiers
qu'aucune autre ne suit). Tout se fait en une transaction : interrompu, l'historique reste tel qu'il était.
Le fichier est ensuite compacté.`;

const PRUNE_EN = `
Examples:
  $ odf history prune history.sqlite --keep-runs 365     (keeps the last 365 runs)
  $ odf history prune history.sqlite --before 2025-01-01

Runs are forgotten with what only they held (observations, results, files no other run follows). All in
one transaction: interrupted, the history stays as it was. The file is then compacted.`;

/** Forget old runs of a history; returns the exit code. */
export async function runHistoryPrune(
  file: string,
  o: { keepRuns?: number; before?: string },
  ctx: CliContext,
): Promise<number> {
  const { pruneHistoryFile } = await import('../../index.js');
  const r = pruneHistoryFile(file, { ...o, cwd: ctx.cwd });
  ctx.stderr.write(
    ctx.lang === 'en'
      ? `odf: ${file}: runs forgotten: ${r.runs} (${r.observations} observations, ${r.results} results, ${r.files} files no longer followed); runs left: ${r.runsLeft}${r.compacted ? '' : '; not compacted (no room for the copy)'}\n`
      : `odf : ${file} : exécutions oubliées : ${r.runs} (${r.observations} observations, ${r.results} résultats, ${r.files} fichiers plus suivis) ; exécutions restantes : ${r.runsLeft}${r.compacted ? '' : ' ; non compacté (pas de place pour la copie)'}\n`,
  );
  return 0;
}

/** Register `odf history merge` and `odf history prune`. */
export function registerHistory(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const history = program
    .command('history')
    .description(
      en
        ? 'work with the history of runs (validate --history)'
        : 'gère l’historique des exécutions (validate --history)',
    )
    .addHelpText('after', en ? HELP_EN : HELP_FR);
  history
    .command('merge')
    .description(en ? 'merge history files into one' : 'fusionne des historiques en un seul')
    .argument('<files...>', en ? 'history files' : 'historiques')
    .requiredOption('-o, --output <file>', en ? 'merged history' : 'historique fusionné')
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (files: string[], o: { output: string }) => {
      setExit(await runHistoryMerge(files, o.output, ctx));
    });
  history
    .command('prune')
    .description(en ? 'forget the old runs of a history' : 'oublie les anciennes exécutions d’un historique')
    .argument('<file>', en ? 'history file' : 'historique')
    .option(
      '--keep-runs <n>',
      en ? 'keep only the last N runs' : 'ne garde que les N dernières exécutions',
      parsePositiveInt('--keep-runs'),
    )
    .option(
      '--before <date>',
      en ? 'forget the runs started before this date' : 'oublie les exécutions commencées avant cette date',
    )
    .addHelpText('after', en ? PRUNE_EN : PRUNE_FR)
    .action(async (file: string, o: { keepRuns?: number; before?: string }) => {
      setExit(await runHistoryPrune(file, o, ctx));
    });
}
