// The work of `odf schemas list|show|update` and the catalogue choice of every run, loaded only when a
// command runs (schemas.ts registers the commands), so that `odf --version` loads none of the catalogue.
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
import type { Command } from '../commander.js';
import type { CliContext } from '../context.js';
import path from 'node:path';
import {
  bundledCatalogueSnapshot,
  catalogueFrom,
  catalogueIndex,
  catalogueSource,
  isCatalogueFolder,
  isOdfError,
  layoutTable,
  layoutWidth,
  listSchemas,
  loadSchema,
  messageOf,
  OdfError,
  readCatalogueFolder,
  updateCatalogue,
  useCatalogue,
  userCatalogueDir,
} from '../../index.js';
import type {
  CatalogueEntry,
  CatalogueSource,
  Field,
  Lang,
  LoadedSchema,
  UpdateResult,
} from '../../index.js';
import { terminalWidth } from '../ui.js';

/** YYYY-MM-DD of an ISO date. */
function day(iso: string | undefined): string {
  return (iso ?? '').slice(0, 10);
}

/** One sentence saying which catalogue is in use. */
export function catalogueSentence(source: CatalogueSource, lang: Lang): string {
  const bundled = bundledCatalogueSnapshot().date;
  const en = lang === 'en';
  if (source.kind === 'bundled') {
    return en
      ? `Catalogue: the one shipped with odf (schema.data.gouv.fr of ${bundled}).`
      : `Catalogue : celui fourni avec odf (schema.data.gouv.fr du ${bundled}).`;
  }
  const where = source.kind === 'cache' ? 'cache' : en ? 'folder' : 'dossier';
  return en
    ? `Catalogue: ${source.from ?? '?'} updated on ${day(source.updatedAt)} (${where} ${source.dir ?? ''}), with the one shipped with odf (${bundled}) for the versions it holds.`
    : `Catalogue : ${source.from ?? '?'} mis à jour le ${day(source.updatedAt)} (${where} ${source.dir ?? ''}), avec celui fourni avec odf (${bundled}) pour les versions qu'il contient.`;
}

/** The JSON description of the catalogue in use. */
function catalogueJson(source: CatalogueSource): Record<string, unknown> {
  const bundled = bundledCatalogueSnapshot();
  return {
    kind: source.kind,
    ...(source.dir ? { dir: source.dir } : {}),
    ...(source.from ? { from: source.from } : {}),
    ...(source.updatedAt ? { updatedAt: source.updatedAt } : {}),
    bundled: { date: bundled.date, source: bundled.source },
  };
}

/**
 * Choose the catalogue of this run (main.ts calls it before any command): `--catalogue bundled` the
 * bundled one alone, `--catalogue DIR` that folder (it must be a catalogue: exit 2 otherwise), else the
 * user cache when `odf schemas update` filled it (a broken cache is reported and passed over), else the
 * bundled one. `odf schemas update` reads nothing: the folder is its output.
 */
export function selectCatalogue(option: string | undefined, ctx: CliContext, updating: boolean): void {
  useCatalogue();
  if (updating || option === 'bundled') return;
  if (option !== undefined) {
    useCatalogue(catalogueFrom(readCatalogueFolder(path.resolve(ctx.cwd, option)), 'dir'));
    return;
  }
  const cache = userCatalogueDir(ctx.env, process.platform);
  if (cache === undefined || !isCatalogueFolder(cache)) return;
  try {
    useCatalogue(catalogueFrom(readCatalogueFolder(cache), 'cache'));
  } catch (e) {
    if (!isOdfError(e)) throw e;
    const msg = ctx.lang === 'en' && e.messageEn ? e.messageEn : e.message;
    ctx.stderr.write(
      ctx.lang === 'en'
        ? `odf: ${msg} odf uses the catalogue shipped with it; odf schemas update repairs the cache.\n`
        : `odf : ${msg} odf utilise le catalogue fourni ; odf schemas update répare le cache.\n`,
    );
  }
}

/** The text summary of an update. */
function renderUpdate(r: UpdateResult, lang: Lang): string {
  const en = lang === 'en';
  const out: string[] = [];
  const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;
  out.push(
    en
      ? `Catalogue updated from ${r.from}: ${plural(r.schemas, 'schema')}, ${plural(r.versions, 'version')} (${r.downloaded} downloaded, ${r.notModified} unchanged since the last update).`
      : `Catalogue mis à jour depuis ${r.from} : ${plural(r.schemas, 'schéma')}, ${plural(r.versions, 'version')} (${r.downloaded} téléchargée${r.downloaded > 1 ? 's' : ''}, ${r.notModified} inchangée${r.notModified > 1 ? 's' : ''} depuis la dernière mise à jour).`,
  );
  if (r.added.length > 0) {
    out.push(`${en ? 'New' : 'Nouveau'} (${r.added.length})${en ? ':' : ' :'} ${r.added.join(', ')}`);
  }
  if (r.kept.length > 0) {
    out.push(
      en
        ? `Kept from the previous update (unusable now) (${r.kept.length}): ${r.kept.join(', ')}`
        : `Gardées de la mise à jour précédente (inutilisables aujourd'hui) (${r.kept.length}) : ${r.kept.join(', ')}`,
    );
  }
  if (r.skipped.length > 0) {
    out.push(
      en ? `Left out (${r.skipped.length}):` : `Non retenues (${r.skipped.length}) :`,
      ...r.skipped.map(
        (s) => `  ${s.name}@${s.version}${en ? ':' : ' :'} ${en ? s.reason.en : s.reason.fr} (${s.url})`,
      ),
    );
  }
  if (r.republished.length > 0) {
    out.push(
      en
        ? `Published again with other content (${r.republished.length}): ${r.republished.join(', ')}; odf keeps its shipped copy of these versions, so that a pinned reference gives the same result everywhere.`
        : `Republiées avec un autre contenu (${r.republished.length}) : ${r.republished.join(', ')} ; odf garde sa copie fournie de ces versions, pour qu'une référence précise donne le même résultat partout.`,
    );
  }
  out.push(en ? `Folder: ${r.dir}` : `Dossier : ${r.dir}`);
  return out.join('\n') + '\n';
}

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
  const which = catalogueSentence(catalogueSource(), lang);
  if (entries.length === 0)
    return en ? `No schema matches. ${which}\n` : `Aucun schéma ne correspond. ${which}\n`;
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
  // Which catalogue is in use, on its own line, unwrapped: it may name a folder people copy.
  return [...laid.flat(), '', foot, which].join('\n') + '\n';
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
/** Forget the catalogue chosen for a run, when it ends (main.ts). */
export function releaseCatalogue(): void {
  useCatalogue();
}

/** `odf schemas list`. */
export function runList(o: { search?: string; format: string }, ctx: CliContext): void {
  const entries = listSchemas(o.search);
  ctx.stdout.write(
    o.format === 'json'
      ? `${JSON.stringify({ catalogue: catalogueJson(catalogueSource()), schemas: entries.map(listEntryJson) }, null, 2)}\n`
      : renderList(entries, ctx.lang, layoutWidth(terminalWidth(ctx))),
  );
}

/** `odf schemas show REF`. */
export async function runShow(ref: string, o: { format: string }, ctx: CliContext): Promise<void> {
  const loaded = await loadSchema(ref, { cwd: ctx.cwd });
  const entry = loaded.name !== undefined ? catalogueIndex().find((e) => e.name === loaded.name) : undefined;
  ctx.stdout.write(
    o.format === 'json'
      ? `${JSON.stringify(showJson(loaded, entry, ctx.lang), null, 2)}\n`
      : renderShow(loaded, entry, ctx.lang),
  );
}

/** `odf schemas update`: into --catalogue DIR, else the user cache. */
export async function runUpdate(
  o: { from?: string; format: string },
  cmd: Command,
  ctx: CliContext,
): Promise<void> {
  const option = (cmd.optsWithGlobals() as { catalogue?: string }).catalogue;
  const dir =
    option !== undefined && option !== 'bundled'
      ? path.resolve(ctx.cwd, option)
      : userCatalogueDir(ctx.env, process.platform);
  if (dir === undefined) {
    throw new OdfError(
      'bad-option',
      'Pas de dossier de cache connu (ni HOME, ni XDG_CACHE_HOME, ni LOCALAPPDATA) : indiquez où écrire le catalogue avec --catalogue DOSSIER.',
      {},
      'No known cache folder (no HOME, XDG_CACHE_HOME or LOCALAPPDATA): say where to write the catalogue with --catalogue DIR.',
    );
  }
  const from = o.from === undefined || /^https?:\/\//i.test(o.from) ? o.from : path.resolve(ctx.cwd, o.from);
  const result = await updateCatalogue({ dir, ...(from !== undefined ? { from } : {}) });
  ctx.stdout.write(
    o.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderUpdate(result, ctx.lang),
  );
}
