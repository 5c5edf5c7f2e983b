// A run's tasks: each source with its schema, mapping and reading options (from the request and odf.config.yaml).
import path from 'node:path';
import { OdfError } from '../errors.js';
import type { Lang } from '../findings/spec.js';
import type { OpenOptions } from '../io/types.js';
import type { LoadedSchema, TableSchema } from '../schema/types.js';
import { readMappingFile, type MappingFile } from '../schema/mapping-file.js';
import { loadSynonymsFile, type SynonymTable } from '../schema/synonyms.js';
import { resolveSchemaRef, ruleFor, type ConfigRule, type OdfConfig } from '../batch/config.js';
import { catalogueSource } from '../schema/catalogue.js';
import { unknownSelections } from '../findings/filter.js';
import type { PrivacyMode } from '../privacy/index.js';
import type { FileTask, TaskFailure } from './task.js';
import type { Source } from './inputs.js';
import { resolveSchema } from './prepare.js';

/** Reading options as a user writes them (CLI flags, odf.config.yaml keys): `tab` for a tab, sheet numbers. */
export interface ReadRequest {
  encoding?: string;
  /** `,` `;` `|` or `tab` (`\t` too). */
  delimiter?: string;
  /** Quote character. */
  quote?: string;
  /** 1-based row of the header. */
  headerRow?: number;
  /** Sheet name, or 1-based number (as a number or a string of digits). */
  sheet?: string | number;
  /** Refuse workbooks bigger than this once unzipped (bytes). */
  maxUnzipped?: number;
  /** The reader's other limits (docs/limits.md). */
  maxCellLength?: number;
  maxLineLength?: number;
  maxColumns?: number;
  maxRows?: number;
  maxRepeatedCells?: number;
  maxSharedStrings?: number;
}

/** The reader limits a request may set (docs/limits.md), passed to openTable as they are. */
const LIMIT_KEYS = [
  'maxUnzipped',
  'maxCellLength',
  'maxLineLength',
  'maxColumns',
  'maxRows',
  'maxRepeatedCells',
  'maxSharedStrings',
] as const;

/** What applies to every file of a run (the config's rules may add to it, never override it). */
export interface TaskDefaults extends ReadRequest {
  cwd: string;
  lang: Lang;
  /** Catalogue name, path or URL (relative paths from `cwd`), or a schema object. */
  schema?: string | TableSchema | LoadedSchema;
  /** Mapping file (its path from `cwd`, or parsed). */
  mapping?: string | MappingFile;
  /** Extra synonyms (a synonyms file's path from `cwd`, or the table). */
  synonyms?: string | SynonymTable;
  limitErrors?: number;
  /** `--pick-errors` / `--skip-errors`: finding codes and `#tags` that count, or that do not. */
  pickErrors?: readonly string[];
  skipErrors?: readonly string[];
  customChecks?: boolean;
  acceptSuggestions?: boolean;
  privacy?: PrivacyMode;
  profile: boolean;
  fetch?: typeof fetch;
  /** Read each file's producer from its data (for the history). */
  producer?: boolean;
}

/** A source's task, or the failure that keeps it from having one (a schema its catalogue declares, unreadable). */
export type PlannedTask = { ok: true; task: FileTask } | { ok: false; failure: TaskFailure };

const DELIMITERS: Record<string, string> = {
  ',': ',',
  ';': ';',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
  '|': '|',
};

/** The reading options of openTable from options as users write them. @throws OdfError('bad-option'). */
export function readOptions(o: ReadRequest): Omit<OpenOptions, 'stdin' | 'onProgress'> {
  const out: Omit<OpenOptions, 'stdin' | 'onProgress'> = {};
  if (typeof o.encoding === 'string') out.encoding = o.encoding;
  if (typeof o.delimiter === 'string') {
    const d = DELIMITERS[o.delimiter];
    if (!d) {
      throw new OdfError(
        'bad-option',
        `Séparateur non pris en charge : « ${o.delimiter} » (choisissez , ; tab ou |).`,
        {},
        `Unsupported delimiter: "${o.delimiter}" (choose , ; tab or |).`,
      );
    }
    out.delimiter = d;
  }
  if (typeof o.quote === 'string') out.quoteChar = o.quote;
  if (typeof o.headerRow === 'number') {
    if (o.headerRow < 1)
      throw new OdfError(
        'bad-option',
        "L'option --header-row commence à 1.",
        {},
        'Option --header-row starts at 1.',
      );
    out.headerRow = o.headerRow;
  }
  if (typeof o.sheet === 'number') out.sheet = o.sheet;
  else if (typeof o.sheet === 'string') out.sheet = /^\d+$/.test(o.sheet) ? Number(o.sheet) : o.sheet;
  for (const key of LIMIT_KEYS) if (typeof o[key] === 'number') out[key] = o[key];
  return out;
}

const READ_KEYS = ['encoding', 'delimiter', 'quote', 'headerRow', 'sheet'] as const;

/**
 * Loads each schema, mapping file and synonyms file once per run, whatever the number of files using
 * it: tasks share the loaded objects, so field plans are compiled once per schema and thread.
 */
class SharedLoads {
  private readonly schemas = new Map<string, LoadedSchema>();
  private readonly mappings = new Map<string, MappingFile>();
  private readonly failed = new Map<string, unknown>();
  private given?: LoadedSchema;

  constructor(private readonly d: TaskDefaults) {}

  /**
   * The schema of a file: the request's (resolved once), else its rule's, else the one its source
   * declares (a Data Package's resource, a list of URLs' catalogue name).
   */
  async schemaFor(rule: ConfigRule | undefined, source: Source): Promise<LoadedSchema | undefined> {
    const s = this.d.schema;
    if (s !== undefined && typeof s !== 'string')
      return (this.given ??= await resolveSchema(s, this.d.fetch));
    const declared = s === undefined && rule?.schema === undefined ? source.schema : undefined;
    if (declared !== undefined && typeof declared !== 'string') {
      // An inline schema (a Data Package's resource), named after its source.
      const loaded = await resolveSchema(declared, this.d.fetch);
      return loaded && { ...loaded, source: `${source.display} (schéma du Data Package)` };
    }
    const ref = s !== undefined ? resolveSchemaRef(s, this.d.cwd) : (rule?.schema ?? declared);
    if (ref === undefined) return undefined;
    return this.load(ref, s);
  }

  private async load(ref: string, typed: string | undefined): Promise<LoadedSchema> {
    // A schema that cannot be loaded is tried once: the many files declaring it share its failure.
    if (this.failed.has(ref)) throw this.failed.get(ref);
    let schema = this.schemas.get(ref);
    if (!schema) {
      try {
        schema = (await resolveSchema(ref, this.d.fetch))!;
      } catch (e) {
        this.failed.set(ref, e);
        throw e;
      }
      // A schema file is read from an absolute path but shown as the user would write it.
      const shown = path.relative(this.d.cwd, ref).split(path.sep).join('/');
      const typedRelative = typed !== undefined ? !path.isAbsolute(typed) : !shown.startsWith('../');
      if (path.isAbsolute(ref) && schema.source === ref && typedRelative)
        schema = { ...schema, source: shown };
      this.schemas.set(ref, schema);
    }
    return schema;
  }

  /** The mapping file of a file: the request's, else its rule's. */
  mappingFor(rule: ConfigRule | undefined): MappingFile | undefined {
    const m = this.d.mapping;
    if (m !== undefined && typeof m !== 'string') return m;
    const file = m !== undefined ? path.resolve(this.d.cwd, m) : rule?.map;
    if (file === undefined) return undefined;
    let mapping = this.mappings.get(file);
    if (!mapping) {
      mapping = readMappingFile(file);
      this.mappings.set(file, mapping);
    }
    return mapping;
  }
}

/**
 * `pickErrors` and `skipErrors` name codes of docs/errors.md or `#tags`: a typo must not silently
 * keep or drop nothing.
 * @throws OdfError('bad-option') naming the unknown entries.
 */
function checkCodeLists(d: TaskDefaults): void {
  for (const [name, list] of [
    ['--pick-errors', d.pickErrors],
    ['--skip-errors', d.skipErrors],
  ] as const) {
    if (list === undefined) continue;
    const unknown = unknownSelections(list);
    if (list.length > 0 && unknown.length === 0) continue;
    throw new OdfError(
      'bad-option',
      `L'option ${name} attend des codes de docs/errors.md ou des #étiquettes séparés par des virgules (ex. type-error,#cell) : ${unknown.length ? `« ${unknown.join(', ')} » inconnu${unknown.length > 1 ? 's' : ''}` : 'liste vide'}.`,
      { option: name, unknown },
      `Option ${name} expects codes from docs/errors.md or #tags, comma-separated (e.g. type-error,#cell): ${unknown.length ? `unknown "${unknown.join(', ')}"` : 'empty list'}.`,
    );
  }
}

/** The synonyms of a run, read once. */
function synonymsOf(d: TaskDefaults): SynonymTable | undefined {
  if (typeof d.synonyms === 'string') return loadSynonymsFile(path.resolve(d.cwd, d.synonyms)).fields;
  return d.synonyms;
}

/**
 * One task per source: the schema, mapping file and reading options that apply to it (the request's,
 * completed by the first rule of odf.config.yaml matching the file). Each schema and mapping file is
 * loaded once for the whole run. A schema a source declares that cannot be loaded fails that source only.
 * @throws OdfError when an option is invalid or a schema, mapping or synonyms file cannot be read.
 */
export async function planTasks(
  sources: readonly Source[],
  d: TaskDefaults,
  config: OdfConfig | undefined,
  failureOf: (display: string, e: unknown) => TaskFailure,
): Promise<PlannedTask[]> {
  checkCodeLists(d);
  const loads = new SharedLoads(d);
  const synonyms = synonymsOf(d);
  // The catalogue this thread uses (bundled, the cache or --catalogue DIR): worker threads use it too.
  const catalogue = catalogueSource();
  const planned: PlannedTask[] = [];
  for (const source of sources) {
    // odf.config.yaml's rules match local files; a fetched source has only what it declares.
    const local = source.path !== '-' && !source.fetch;
    const rule = config && local ? ruleFor(config, source.path) : undefined;
    let schema: LoadedSchema | undefined;
    try {
      schema = await loads.schemaFor(rule, source);
    } catch (e) {
      if (d.schema !== undefined || source.schema === undefined) throw e;
      planned.push({ ok: false, failure: failureOf(source.display, e) });
      continue;
    }
    const mapping = loads.mappingFor(rule);
    const merged: ReadRequest = { ...d };
    for (const k of READ_KEYS) {
      const v = rule?.options[k] ?? source.read?.[k as keyof NonNullable<Source['read']>];
      if (merged[k] === undefined && v !== undefined) (merged as Record<string, unknown>)[k] = v;
    }
    const task: FileTask = {
      path: source.path,
      display: source.display,
      lang: d.lang,
      read: readOptions(merged),
      limitErrors: d.limitErrors ?? rule?.options.limitErrors ?? 1000,
      profile: d.profile,
      catalogue,
    };
    if (schema) task.schema = schema;
    if (mapping) task.mapping = mapping;
    if (synonyms) task.synonyms = synonyms;
    if (d.pickErrors?.length) task.pickErrors = [...d.pickErrors];
    if (d.skipErrors?.length) task.skipErrors = [...d.skipErrors];
    const customChecks = d.customChecks ?? rule?.options.customChecks;
    if (customChecks !== undefined) task.customChecks = customChecks;
    if (d.acceptSuggestions) task.acceptSuggestions = true;
    const privacy = d.privacy ?? config?.privacy;
    if (privacy === 'warn' || privacy === 'error' || privacy === 'off') task.privacy = privacy;
    if (d.producer) task.producer = true;
    planned.push({ ok: true, task });
  }
  return planned;
}
