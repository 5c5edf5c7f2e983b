// `odf schemas list|show`: browse the bundled schema catalogue (and show any schema file or URL).
//
// Usage:
//   odf schemas list [--search TEXT] [--format text|json]
//   odf schemas show NAME[@VERSION] [--format text|json]
// Examples:
//   odf schemas list --search subvention
//   odf schemas show scdl/budget
//   odf schemas show scdl/deliberations@2.0.0 --format json
//   odf schemas show ./mon-schema.json
import { Option, type Command } from '../commander.js';
import type { CliContext } from '../context.js';
import type { SetExitCode } from './index.js';
import { catalogueIndex, listSchemas } from '../../schema/catalogue.js';
import type { CatalogueEntry } from '../../schema/catalogue.js';
import { loadSchema } from '../../schema/load.js';
import type { Field, LoadedSchema } from '../../schema/types.js';
import { messageOf } from '../../findings/catalogue.js';
import type { Lang } from '../../findings/spec.js';
import { layoutTable } from '../../report/wrap.js';
import { terminalWidth } from '../ui.js';

const HELP_FR = `
Exemples :
  $ odf schemas list                          tous les schémas du catalogue
  $ odf schemas list --search subvention      ceux dont le nom, le titre ou la description contient « subvention »
  $ odf schemas show scdl/budget              la dernière version, champ par champ
  $ odf schemas show budget@0.8.1             une version précise (l'organisation peut être omise)
  $ odf schemas show ./schema.json            un schéma local (JSON ou YAML) ou une URL
`;

const HELP_EN = `
Examples:
  $ odf schemas list                          every schema of the catalogue
  $ odf schemas list --search subvention      those whose name, title or description contains "subvention"
  $ odf schemas show scdl/budget              the latest version, field by field
  $ odf schemas show budget@0.8.1             a given version (the organisation may be left out)
  $ odf schemas show ./schema.json            a local schema (JSON or YAML) or a URL
`;

/** The JSON shape of one line of `odf schemas list`. */
export function listEntryJson(e: CatalogueEntry): Record<string, unknown> {
  return {
    name: e.name,
    title: e.title,
    latest: e.latest,
    versions: e.versions.map((v) => v.version),
    description: e.description,
    homepage: e.homepage,
  };
}

function renderList(entries: CatalogueEntry[], lang: Lang, width: number): string {
  const en = lang === 'en';
  if (entries.length === 0) return en ? 'No schema matches.\n' : 'Aucun schéma ne correspond.\n';
  const head = en ? ['NAME', 'LATEST', 'VERSIONS', 'TITLE'] : ['NOM', 'DERNIÈRE', 'VERSIONS', 'TITRE'];
  const rows = entries.map((e) => [e.name, e.latest, String(e.versions.length), e.title]);
  // In the width of the terminal (80 when not one): a long name gets a line of its own, titles wrap.
  const laid = layoutTable([head, ...rows], {
    width,
    numeric: [false, false, false, false],
    flexible: 3,
    caps: { 0: Math.max(20, Math.floor(width * 0.4)) },
    whole: [0],
  });
  const total = entries.length;
  const foot = en ? `${total} schema${total === 1 ? '' : 's'}.` : `${total} schéma${total === 1 ? '' : 's'}.`;
  return [...laid.flat(), '', foot].join('\n') + '\n';
}

/** Constraints of a field as short `key: value` texts. */
function constraintTexts(f: Field): string[] {
  const c = f.constraints ?? {};
  return Object.entries(c)
    .filter(([k]) => k !== 'required')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.map((x) => String(x)).join(' | ') : String(v)}`);
}

function isRequired(f: Field): boolean {
  return f.constraints?.required === true;
}

/** The JSON shape of `odf schemas show`. */
export function showJson(
  loaded: LoadedSchema,
  entry: CatalogueEntry | undefined,
  lang: Lang,
): Record<string, unknown> {
  const s = loaded.schema;
  return {
    name: loaded.name ?? s.name ?? null,
    version: loaded.version ?? null,
    title: entry?.title ?? s.title ?? null,
    source: loaded.source,
    description: s.description ?? entry?.description ?? null,
    homepage: s.homepage ?? entry?.homepage ?? null,
    ...(entry ? { versions: entry.versions.map((v) => v.version), latest: entry.latest } : {}),
    licences: Array.isArray(s.licenses) ? s.licenses : [],
    primaryKey: s.primaryKey ?? null,
    missingValues: s.missingValues ?? null,
    fields: (Array.isArray(s.fields) ? s.fields : []).map((f) => ({
      name: f.name,
      type: f.type ?? 'string',
      ...(f.format !== undefined ? { format: f.format } : {}),
      required: isRequired(f),
      ...(f.title !== undefined ? { title: f.title } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
      constraints: f.constraints ?? {},
      ...(f.example !== undefined ? { example: f.example } : {}),
    })),
    customChecks: (s.custom_checks ?? []).map((c) => ({ name: c.name, params: c.params ?? {} })),
    findings: loaded.findings.map((f) => ({
      code: f.code,
      level: f.level,
      message: messageOf(f, lang),
      ...f.loc,
      params: f.params,
    })),
  };
}

function indent(text: string, by: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => (l.trim() === '' ? '' : by + l.trimEnd()))
    .join('\n');
}

function renderShow(loaded: LoadedSchema, entry: CatalogueEntry | undefined, lang: Lang): string {
  const en = lang === 'en';
  const c = en ? ': ' : ' : ';
  const L = (fr: string, e: string): string => (en ? e : fr);
  const s = loaded.schema;
  const title = entry?.title ?? s.title ?? loaded.name ?? loaded.source;
  const out: string[] = [];
  out.push(
    `${loaded.name ?? s.name ?? ''}${loaded.version ? ` ${loaded.version}` : ''} — ${title}`.replace(
      /^ — /,
      '',
    ),
  );
  out.push(`${L('Source', 'Source')}${c}${loaded.source}`);
  if (entry) {
    const versions = entry.versions.map((v) =>
      v.latest ? `${v.version} (${L('dernière', 'latest')})` : v.version,
    );
    out.push(`${L('Versions', 'Versions')}${c}${versions.join(', ')}`);
  }
  const homepage = s.homepage ?? entry?.homepage;
  if (homepage) out.push(`${L("Page d'accueil", 'Homepage')}${c}${homepage}`);
  if (Array.isArray(s.licenses) && s.licenses.length > 0) {
    const names = s.licenses.map((l) => {
      const o = (l ?? {}) as Record<string, unknown>;
      return String(o.title ?? o.name ?? o.path ?? '?');
    });
    out.push(`${L('Licence', 'Licence')}${c}${names.join(', ')}`);
  }
  if (s.primaryKey !== undefined) {
    out.push(`${L('Clé primaire', 'Primary key')}${c}${[s.primaryKey].flat().join(', ')}`);
  }
  if (Array.isArray(s.missingValues)) {
    out.push(
      `${L('Valeurs manquantes', 'Missing values')}${c}${s.missingValues.map((v) => JSON.stringify(v)).join(', ')}`,
    );
  }
  const description = s.description ?? entry?.description;
  if (description) out.push('', indent(description, ''));

  const fields = Array.isArray(s.fields) ? s.fields : [];
  out.push('', `${L('Champs', 'Fields')} (${fields.length})${c.trimEnd()}`);
  fields.forEach((f, i) => {
    const type = `${f.type ?? 'string'}${f.format && f.format !== 'default' ? ` (${f.format})` : ''}`;
    const req = isRequired(f) ? L('obligatoire', 'required') : L('facultatif', 'optional');
    out.push(`  ${i + 1}. ${f.name}  ${type}  ${req}`);
    if (f.title && f.title !== f.name) out.push(`     ${f.title}`);
    if (f.description) out.push(indent(f.description, '     '));
    const cons = constraintTexts(f);
    if (cons.length > 0) out.push(`     ${L('Contraintes', 'Constraints')}${c}${cons.join(' ; ')}`);
    if (f.example !== undefined) {
      out.push(
        `     ${L('Exemple', 'Example')}${c}${typeof f.example === 'string' ? f.example : JSON.stringify(f.example)}`,
      );
    }
  });

  const checks = s.custom_checks ?? [];
  if (checks.length > 0) {
    out.push('', `${L('Contrôles personnalisés', 'Custom checks')} (${checks.length})${c.trimEnd()}`);
    for (const chk of checks) out.push(`  - ${chk.name}  ${JSON.stringify(chk.params ?? {})}`);
  }
  if (loaded.findings.length > 0) {
    out.push(
      '',
      `${L('Remarques sur le schéma', 'Notes on the schema')} (${loaded.findings.length})${c.trimEnd()}`,
    );
    for (const f of loaded.findings) {
      const mark = f.level === 'error' ? '✗' : f.level === 'warning' ? '!' : 'i';
      out.push(`  ${mark} ${messageOf(f, lang)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Register `odf schemas list` and `odf schemas show`. */
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
        ? 'list and show the bundled schemas (schema.data.gouv.fr)'
        : 'liste et décrit les schémas fournis (schema.data.gouv.fr)',
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
    .action((o: { search?: string; format: string }) => {
      const entries = listSchemas(o.search);
      ctx.stdout.write(
        o.format === 'json'
          ? `${JSON.stringify({ schemas: entries.map(listEntryJson) }, null, 2)}\n`
          : renderList(entries, ctx.lang, terminalWidth(ctx)),
      );
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
      const loaded = await loadSchema(ref, { cwd: ctx.cwd });
      const entry =
        loaded.name !== undefined ? catalogueIndex().find((e) => e.name === loaded.name) : undefined;
      ctx.stdout.write(
        o.format === 'json'
          ? `${JSON.stringify(showJson(loaded, entry, ctx.lang), null, 2)}\n`
          : renderShow(loaded, entry, ctx.lang),
      );
      setExit(0);
    });
}
