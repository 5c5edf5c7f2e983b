// The CLI entry: builds the commander program, runs a command, turns failures into one sentence and exit code 2.
import type { Option } from './commander.js';
import type { CliContext } from './context.js';
import type { Lang } from '../index.js';
import { isOdfError } from '../errors.js';
import { ODF_VERSION } from './facts.js';

/** Pick the user-text language from the environment: French unless the locale is English. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(loc) ? 'en' : 'fr';
}

/** The French names of the commands' arguments (commander names them with their identifiers). */
const ARGUMENT_NAMES: Record<string, string> = {
  files: 'fichier',
  file: 'fichier',
  name: 'nom',
  schema: 'schéma',
};

/**
 * Commander's usage errors (English, `error: …`) as one odf sentence in the user's language.
 */
export function usageError(raw: string, lang: Lang): string {
  const text = raw.trim().replace(/^error: /, '');
  if (lang === 'en') return `odf: ${text}`;
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /^unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/,
      (m) => `option inconnue : ${m[1]}${m[2] ? ` (vouliez-vous dire ${m[2]} ?)` : ''}`,
    ],
    [
      /^unknown command '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/,
      (m) => `commande inconnue : ${m[1]}${m[2] ? ` (vouliez-vous dire ${m[2]} ?)` : ''}`,
    ],
    [
      /^missing required argument '([^']+)'/,
      (m) => `argument obligatoire manquant : ${ARGUMENT_NAMES[m[1]!] ?? m[1]}`,
    ],
    [/^option '([^']+)' argument missing/, (m) => `il manque la valeur de l'option ${m[1]}`],
    [
      /^option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/,
      (m) => `valeur « ${m[2]} » invalide pour ${m[1]} (choix : ${m[3]})`,
    ],
    [
      /^too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./,
      (m) => `trop d'arguments${m[1] ? ` pour ${m[1]}` : ''} : ${m[2]} attendu(s), ${m[3]} donné(s)`,
    ],
  ];
  for (const [re, fr] of rules) {
    const m = re.exec(text);
    if (m) return `odf : ${fr(m)}.`;
  }
  return `odf : ${text}`;
}

/** An option's help line in French: commander writes `(choices: …, default: …)` in English. */
function frenchOptionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`choix : ${option.argChoices.join(', ')}`);
  if (option.defaultValue !== undefined && !option.negate) {
    extra.push(`${option.defaultValueDescription ?? String(option.defaultValue)} par défaut`);
  }
  return extra.length ? `${option.description} (${extra.join(', ')})` : option.description;
}

/** Default context: the real process streams. */
export function processContext(): CliContext {
  const env = process.env;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env,
    cwd: process.cwd(),
    lang: langFromEnv(env),
    color: Boolean(process.stdout.isTTY) && !('NO_COLOR' in env),
  };
}

/**
 * Run odf with `argv` (without the node and script paths) and return the exit code.
 * Never calls process.exit; never lets a stack trace reach the user unless --debug.
 */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  const langIdx = argv.indexOf('--lang');
  if (langIdx >= 0) {
    const wanted = argv[langIdx + 1];
    if (wanted !== 'en' && wanted !== 'fr') {
      ctx.stderr.write(`odf : langue non prise en charge : « ${wanted ?? ''} » (choisissez fr ou en).\n`);
      return 2;
    }
    ctx = { ...ctx, lang: wanted };
  }
  const debug = argv.includes('--debug');
  // --no-color wins over a terminal, like NO_COLOR.
  if (argv.includes('--no-color')) ctx = { ...ctx, color: false };
  // `odf --version` alone is answered before commander and the commands are loaded (as commander would).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    ctx.stdout.write(`${ODF_VERSION}\n`);
    return 0;
  }
  const { Command, CommanderError } = await import('./commander.js');
  const { registerCommands } = await import('./commands/index.js');
  let code = 0;
  let catalogueChoice: typeof import('./commands/schemas-run.js') | undefined;
  const program = new Command();
  program
    .name('odf')
    .description(
      ctx.lang === 'en'
        ? 'Check and repair the open data files of French local governments (SCDL / Table Schema).'
        : 'Vérifie et répare les fichiers open data des collectivités (schémas SCDL / Table Schema).',
    )
    .version(ODF_VERSION, '-V, --version', ctx.lang === 'en' ? 'print the version' : 'affiche la version')
    .helpOption('-h, --help', ctx.lang === 'en' ? 'show help' : 'affiche l’aide')
    .helpCommand(
      'help [command]',
      ctx.lang === 'en' ? 'show help for a command' : 'affiche l’aide d’une commande',
    )
    .option(
      '--lang <lang>',
      ctx.lang === 'en' ? 'language of messages: fr or en' : 'langue des messages : fr ou en',
    )
    .option(
      '--no-color',
      ctx.lang === 'en'
        ? 'no colours in the report (as NO_COLOR)'
        : 'pas de couleurs dans le rapport (comme NO_COLOR)',
    )
    .option(
      '--debug',
      ctx.lang === 'en' ? 'show stack traces of failures' : 'affiche la pile des erreurs internes',
    )
    .option(
      '--catalogue <dir>',
      ctx.lang === 'en'
        ? 'schema catalogue folder to use (or update); bundled: ignore the cache of odf schemas update'
        : 'dossier du catalogue de schémas à utiliser (ou à mettre à jour) ; bundled : ignore le cache de odf schemas update',
    )
    .hook('preAction', async (_program, action) => {
      const updating = action.name() === 'update' && action.parent?.name() === 'schemas';
      // Loaded when a command runs, not for --version or --help.
      catalogueChoice = await import('./commands/schemas-run.js');
      catalogueChoice.selectCatalogue((program.opts() as { catalogue?: string }).catalogue, ctx, updating);
    })
    .configureHelp(ctx.lang === 'fr' ? { optionDescription: frenchOptionDescription } : {})
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(`${usageError(s, ctx.lang)}\n`),
    });
  const setExit = (c: number): void => {
    code = c;
  };
  await registerCommands(program, ctx, setExit, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    // --help and --version end with exit code 0; usage errors with 2.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportFailure(e, ctx, debug);
  } finally {
    // The catalogue chosen for this run (--catalogue, the cache) does not outlive it.
    catalogueChoice?.releaseCatalogue();
  }
}

/** A failure as one sentence on stderr (its stack with --debug): exit code 2. */
function reportFailure(e: unknown, ctx: CliContext, debug: boolean): number {
  if (isOdfError(e)) {
    const msg = ctx.lang === 'en' && e.messageEn ? e.messageEn : e.message;
    ctx.stderr.write(`${ctx.lang === 'en' ? 'odf:' : 'odf :'} ${msg}\n`);
    if (debug) ctx.stderr.write(`${e.stack ?? ''}\n`);
    return 2;
  }
  const err = e as Error;
  ctx.stderr.write(
    ctx.lang === 'en'
      ? `odf: internal error: ${err?.message ?? String(e)} (run with --debug for details)\n`
      : `odf : erreur interne : ${err?.message ?? String(e)} (relancez avec --debug pour le détail)\n`,
  );
  if (debug) ctx.stderr.write(`${err?.stack ?? ''}\n`);
  return 2;
}
