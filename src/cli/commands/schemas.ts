// `odf schemas list|show|update`: browse the schema catalogue (and show any schema file or URL), refresh it.
//
// Usage:
//   odf schemas list [--search TEXT] [--format text|json]
//   odf schemas show NAME[@VERSION] [--format text|json]
//   odf schemas update [--from URL|DIR] [--format text|json]
//   global: --catalogue DIR|bundled  (the catalogue folder to use, or to update; `bundled`: ignore the cache)
// Examples:
//   odf schemas list --search subvention
//   odf schemas show scdl/budget
//   odf schemas show scdl/deliberations@2.0.0 --format json
//   odf schemas show ./mon-schema.json
//   odf schemas update
//   odf schemas update --catalogue /srv/partage/odf-catalogue
//
// This module only declares the commands: their work (schemas-run.ts) and the catalogue it reads are
// loaded when one runs, so that `odf --version` and `--help` load none of them.
import { Option, type Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';

/** The national portal (schema/catalogue-cache.ts PORTAL), named in the help of `schemas update`. */
const PORTAL = 'https://schema.data.gouv.fr';

const run = () => import('./schemas-run.js');

const HELP_FR = `
Exemples :
  $ odf schemas list                          tous les schémas du catalogue
  $ odf schemas list --search subvention      ceux dont le nom, le titre ou la description contient « subvention »
  $ odf schemas show scdl/budget              la dernière version, champ par champ
  $ odf schemas show budget@0.8.1             une version précise (l'organisation peut être omise)
  $ odf schemas show ./schema.json            un schéma local (JSON ou YAML) ou une URL
  $ odf schemas update                        télécharge le catalogue à jour de schema.data.gouv.fr

Le catalogue : celui fourni avec odf, complété par le dernier « odf schemas update » (cache de
l'utilisateur). Une version citée (budget@0.8.1) que fournit odf garde sa copie fournie : même
résultat sur toutes les machines. --catalogue DOSSIER utilise (ou met à jour) un autre dossier,
--catalogue bundled ignore le cache.
`;

const HELP_EN = `
Examples:
  $ odf schemas list                          every schema of the catalogue
  $ odf schemas list --search subvention      those whose name, title or description contains "subvention"
  $ odf schemas show scdl/budget              the latest version, field by field
  $ odf schemas show budget@0.8.1             a given version (the organisation may be left out)
  $ odf schemas show ./schema.json            a local schema (JSON or YAML) or a URL
  $ odf schemas update                        download the current catalogue of schema.data.gouv.fr

The catalogue: the one shipped with odf, plus what the last "odf schemas update" downloaded (the
user's cache). A pinned version (budget@0.8.1) that odf ships keeps its shipped copy: the same result
on every machine. --catalogue DIR uses (or updates) another folder, --catalogue bundled ignores the cache.
`;

export function registerSchemas(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  const en = ctx.lang === 'en';
  const formatOption = (): Option =>
    new Option('-f, --format <format>', en ? 'output format' : 'format de sortie')
      .choices(['text', 'json'])
      .default('text');
  const schemas = program
    .command('schemas')
    .description(
      en
        ? 'list, show and update the schemas of schema.data.gouv.fr'
        : 'liste, décrit et met à jour les schémas de schema.data.gouv.fr',
    )
    .addHelpText('after', en ? HELP_EN : HELP_FR);

  schemas
    .command('list')
    .description(en ? 'list the catalogue schemas' : 'liste les schémas du catalogue')
    .option(
      '-s, --search <text>',
      en
        ? 'keep those matching every word (name, title, description)'
        : 'garde ceux qui contiennent tous les mots (nom, titre, description)',
    )
    .addOption(formatOption())
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (o: { search?: string; format: string }) => {
      (await run()).runList(o, ctx);
      setExit(0);
    });

  schemas
    .command('show')
    .description(en ? 'describe a schema field by field' : 'décrit un schéma champ par champ')
    .argument(
      '<schema>',
      en
        ? 'NAME[@VERSION] of the catalogue, a file or a URL'
        : 'NOM[@VERSION] du catalogue, un fichier ou une URL',
    )
    .addOption(formatOption())
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (ref: string, o: { format: string }) => {
      await (await run()).runShow(ref, o, ctx);
      setExit(0);
    });

  schemas
    .command('update')
    .description(
      en
        ? 'download the current catalogue of schema.data.gouv.fr into the cache (or --catalogue DIR)'
        : 'télécharge le catalogue à jour de schema.data.gouv.fr dans le cache (ou --catalogue DOSSIER)',
    )
    .option(
      '--from <url|dir>',
      en
        ? `the portal or a mirror: a URL, or a folder laid out like the portal's site (default ${PORTAL})`
        : `le portail ou un miroir : une URL, ou un dossier organisé comme le site du portail (${PORTAL} par défaut)`,
    )
    .addOption(formatOption())
    .addHelpText('after', en ? HELP_EN : HELP_FR)
    .action(async (o: { from?: string; format: string }, cmd: Command) => {
      await (await run()).runUpdate(o, cmd, ctx);
      setExit(0);
    });
}
