// Recognise a file's schema among the latest versions of the bundled catalogue, from its header labels.
import { readFileSync } from 'node:fs';
import type { TableSchema } from '../schema/types.js';
import type { ColumnSample, SchemaCandidate } from '../schema/mapping-types.js';
import { latestSchemas } from '../schema/catalogue.js';
import { pickSchema, recognitionFinding, recognizeSchema } from '../schema/recognize.js';
import type { Finding } from '../findings/types.js';

let candidates: { name: string; version: string; schema: TableSchema }[] | undefined;
let candidatesOf: unknown;

/** The latest catalogue schemas, parsed once per catalogue in use (`odf schemas update` may add some). */
function catalogueCandidates(): { name: string; version: string; schema: TableSchema }[] {
  const latest = latestSchemas();
  if (!candidates || candidatesOf !== latest) {
    candidates = latest.map((r) => ({
      name: r.name,
      version: r.version,
      schema: JSON.parse(readFileSync(r.path, 'utf8')) as TableSchema,
    }));
    candidatesOf = latest;
  }
  return candidates;
}

/**
 * Rank every bundled schema against the labels (and the first data rows, when given) and pick one when
 * it is clearly ahead.
 */
export function recognizeCandidates(
  labels: readonly string[],
  sample?: ColumnSample,
): {
  chosen?: SchemaCandidate;
  candidates: SchemaCandidate[];
  finding: Finding;
} {
  const ranked = recognizeSchema([...labels], catalogueCandidates(), sample ? { sample } : {});
  const pick = pickSchema(ranked);
  return { chosen: pick.chosen, candidates: ranked, finding: recognitionFinding(pick, ranked) };
}
