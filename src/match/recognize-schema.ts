// Recognise a file's schema and version among every version of the bundled catalogue, from its header and content.
import type { ColumnMapping, ColumnSample, SchemaCandidate } from '../schema/mapping-types.js';
import { allSchemaVersions, bundledCatalogueIndex, catalogueIndex } from '../schema/catalogue.js';
import { prebuiltNameTable, recognitionSchema } from '../schema/prebuilt-catalogue.js';
import {
  bestVersions,
  candidateNameTable,
  contentCannotDecide,
  pickSchema,
  recognitionFinding,
  recognizeSchema,
  useCandidateNameTable,
  type NameTable,
  type RecognitionInput,
} from './recognize.js';
import { versionChanges } from './versions.js';
import type { TableSchema } from '../schema/types.js';
import type { Finding } from '../findings/types.js';
import { finding } from '../findings/catalogue.js';

let candidates: RecognitionInput[] | undefined;
let candidatesOf: unknown;
const perSchema = new Map<string, RecognitionInput[]>();

/**
 * Every version of every schema of the catalogue in use, once per catalogue (`odf schemas update` or
 * `--catalogue DIR` may add some). A version's schema is read when recognition first looks at it: the
 * bundled versions from the prebuilt catalogue, the others from their files.
 */
function catalogueCandidates(): RecognitionInput[] {
  const index = catalogueIndex();
  if (!candidates || candidatesOf !== index) {
    perSchema.clear();
    candidates = allSchemaVersions(index).map((r) => {
      let schema: TableSchema | undefined;
      return {
        name: r.name,
        version: r.version,
        latest: r.entry.latest === r.version,
        get schema(): TableSchema {
          return (schema ??= recognitionSchema(r.path));
        },
      };
    });
    candidatesOf = index;
    // The bundled catalogue alone: its names are looked up in the prebuilt table, not indexed here.
    const table = index === bundledCatalogueIndex() ? prebuiltNameTable() : undefined;
    if (table) useCandidateNameTable(candidates, table);
  }
  return candidates;
}

/** The name table of the bundled catalogue's versions, for the prebuilt catalogue (`npm run build`). */
export function bundledNameTable(): NameTable {
  if (catalogueIndex() !== bundledCatalogueIndex()) throw new Error('another catalogue is in use');
  return candidateNameTable(catalogueCandidates());
}

/** The versions of one catalogue schema (`org/name`), as recognition candidates (same objects, cached). */
function versionCandidates(name: string): RecognitionInput[] {
  const all = catalogueCandidates();
  let list = perSchema.get(name);
  if (!list) {
    list = all.filter((c) => c.name === name);
    perSchema.set(name, list);
  }
  return list;
}

/**
 * Rank every catalogue schema against the labels (and the sample's content), each at the version that
 * fits best (the latest among equals), and pick one when it is clearly ahead.
 */
export function recognizeCandidates(
  labels: readonly string[],
  sample?: ColumnSample,
): {
  chosen?: SchemaCandidate;
  candidates: SchemaCandidate[];
  finding: Finding;
} {
  const all = catalogueCandidates();
  const ranked = bestVersions(recognizeSchema(labels, all, { sample }), all);
  const pick = pickSchema(ranked);
  return { chosen: pick.chosen, candidates: ranked, finding: recognitionFinding(pick, ranked) };
}

/** How well the labels fit the best catalogue schema (0..1): to choose a sheet or a header row. */
export function catalogueLabelScore(labels: string[], sample?: ColumnSample): number {
  return (
    recognizeSchema(labels, catalogueCandidates(), { sample, limit: 1, similarNames: false })[0]?.score ?? 0
  );
}

/** The outcome of choosing a version of a named catalogue schema by fit. */
export interface VersionChoice {
  name: string;
  version: string;
  /** The schema's latest version. */
  latest: string;
  /** Every version's fit, best first. */
  ranked: SchemaCandidate[];
  /** `schema-version-chosen` (info): which version and why. */
  finding: Finding;
}

/**
 * Choose the version of catalogue schema `name` (`org/name`) the header and content fit best, the latest
 * among those that fit equally (and the latest when nothing fits at all). Used when a schema is named
 * without `@version`; a version given is always obeyed and never comes here.
 */
export function chooseVersion(name: string, labels: readonly string[], sample?: ColumnSample): VersionChoice {
  return chooseAmong(versionCandidates(name), name, labels, sample);
}

function chooseAmong(
  list: readonly RecognitionInput[],
  name: string,
  labels: readonly string[],
  sample?: ColumnSample,
): VersionChoice {
  const latest = list.find((c) => c.latest)?.version ?? list[list.length - 1]!.version;
  const ranked = recognizeSchema(labels, list, { sample });
  const best = bestVersions(ranked, list)[0];
  const version = best?.version ?? latest;
  // Versions the header fits as well, told apart by the values only.
  const sameHeader = best
    ? ranked.filter(
        (c) =>
          c.version !== version &&
          c.matchedColumns === best.matchedColumns &&
          c.totalRequired - c.matchedRequired === best.totalRequired - best.matchedRequired,
      )
    : [];
  const reason = !best
    ? 'nothing-fits'
    : best.equalVersions !== undefined
      ? 'latest-of-equal'
      : sameHeader.length > 0
        ? 'values-fit-better'
        : version === latest
          ? 'best-fit'
          : 'older-fits-better';
  const latestScore = ranked.find((c) => c.version === latest)?.score ?? 0;
  return {
    name,
    version,
    latest,
    ranked,
    finding: finding(
      'schema-version-chosen',
      {},
      {
        name,
        version,
        latest,
        reason,
        score: best?.score ?? 0,
        latestScore,
        versions: list.length,
        ...(best?.equalVersions ? { equalVersions: best.equalVersions } : {}),
      },
    ),
  };
}

/** What a version choice tells the run (its ranked candidates aside: their contentFit is the file's). */
export type VersionDecision = Omit<VersionChoice, 'ranked'>;

/**
 * Choices made on a header no sample could change (contentCannotDecide), per candidate list and header;
 * `null` for a header whose choice the content may change. Bounded: a batch has few distinct headers.
 */
const decisions = new WeakMap<readonly RecognitionInput[], Map<string, VersionDecision | null>>();
const MAX_DECISIONS = 256;
/** Headers longer than this (as JSON) are not kept: the key would cost more than the choice. */
const MAX_DECISION_KEY = 1 << 16;

/**
 * chooseVersion's decision, made once per header when the content of the files cannot change it: a
 * batch's files mostly share one header, and recognising it again for each file was about a tenth of
 * the CPU of a batch of small files. Each call gets its own copy of the finding.
 */
export function decideVersion(
  name: string,
  labels: readonly string[],
  sample?: ColumnSample,
): VersionDecision {
  return decideAmong(versionCandidates(name), name, labels, sample);
}

/** decideVersion among the versions given (the catalogue's, or a test's). */
export function decideAmong(
  list: readonly RecognitionInput[],
  name: string,
  labels: readonly string[],
  sample?: ColumnSample,
): VersionDecision {
  let known = decisions.get(list);
  if (!known) decisions.set(list, (known = new Map()));
  const key = JSON.stringify(labels);
  const cached = key.length <= MAX_DECISION_KEY ? known.get(key) : null;
  if (cached) return { ...cached, finding: structuredClone(cached.finding) };
  const { ranked: _ranked, ...decision } = chooseAmong(list, name, labels, sample);
  if (cached === undefined) {
    if (known.size >= MAX_DECISIONS) known.clear();
    const keep = contentCannotDecide(labels, list);
    known.set(key, keep ? { ...decision, finding: structuredClone(decision.finding) } : null);
  }
  return decision;
}

/** Most changes a `schema-version-outdated` finding lists (the count says how many in all). */
const MAX_CHANGES = 8;

/**
 * `schema-version-outdated` (warning, a schema finding): the file fits version `version` of catalogue
 * schema `name`, not its latest; the params list what the latest changes, in the file's terms (its
 * columns, through `mapping`, the mapping of the file onto the version it fits).
 */
export function versionOutdatedFinding(
  name: string,
  version: string,
  mapping?: ColumnMapping,
): Finding | undefined {
  const list = versionCandidates(name);
  const latest = list.find((c) => c.latest) ?? list[list.length - 1];
  const from = list.find((c) => c.version === version);
  if (!latest || !from || latest.version === version) return undefined;
  const changes = versionChanges(from.schema, latest.schema, mapping);
  return finding(
    'schema-version-outdated',
    {},
    {
      name,
      version,
      latest: latest.version,
      changes: changes.slice(0, MAX_CHANGES),
      changeCount: changes.length,
    },
  );
}

/** How well labels fit the best version of catalogue schema `name` (0..1): to choose a sheet or header row. */
export function versionsLabelScore(name: string): (labels: string[], sample?: ColumnSample) => number {
  const list = versionCandidates(name);
  return (labels, sample) =>
    recognizeSchema(labels, list, { sample, limit: 1, similarNames: false })[0]?.score ?? 0;
}
