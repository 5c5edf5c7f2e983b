// `odf history merge`: gather the histories of several machines (the shards of a run, or separate nights) into one.
//
// Usage: odf history merge FILE… -o OUT
// Examples:
//   odf history merge historique.sqlite part-*.sqlite -o historique.sqlite
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';

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

/** Register `odf history merge`. */
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
}
