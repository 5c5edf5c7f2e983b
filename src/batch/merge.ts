// Merge the JSON reports of the shards of one batch (`--shard K/N`) back into the order of a single run.
import { OdfError } from '../errors.js';
import type { Lang } from '../findings/spec.js';
import type { FileReport, Report, ShardInfo, SkippedFile } from '../report/types.js';

export type { ShardInfo } from '../report/types.js';

/** A report as read from a file, with its shard information when it is one share of a batch. */
export type ShardReport = Report & { shard?: ShardInfo };

/** The parts of the one report, in the order a single run gives them, ready to be assembled again. */
export interface MergedParts {
  files: FileReport[];
  failures: Report['failures'];
  skipped: SkippedFile[];
  lang: Lang;
  strict: boolean;
  /** `warning` when the shares ran with --fail-level warning. */
  failLevel?: 'warning';
}

function mergeError(fr: string, en: string, data: Record<string, unknown> = {}): OdfError {
  return new OdfError('bad-option', fr, data, en);
}

/**
 * Put the shards' files, failures and skipped files back in the order of the whole batch. Refuses, in one
 * sentence: reports of different batches (share counts, input counts, language, --strict, --fail-level), a share
 * missing or given twice, a position claimed twice or left empty. Reports without shard information are
 * joined in the order given.
 * @throws OdfError `bad-option`
 */
export function mergeShardReports(reports: readonly { name: string; report: ShardReport }[]): MergedParts {
  if (!reports.length) throw mergeError('Aucun rapport à fusionner.', 'No report to merge.');
  const first = reports[0]!.report;
  for (const { name, report } of reports) {
    if (report.lang !== first.lang)
      throw mergeError(
        `${name} est en ${report.lang}, ${reports[0]!.name} en ${first.lang} : fusionnez des rapports d’une même langue.`,
        `${name} is in ${report.lang}, ${reports[0]!.name} in ${first.lang}: merge reports of one language.`,
      );
    if (Boolean(report.strict) !== Boolean(first.strict) || report.failLevel !== first.failLevel)
      throw mergeError(
        `${name} et ${reports[0]!.name} n’ont pas été produits avec les mêmes options (--strict, --fail-level).`,
        `${name} and ${reports[0]!.name} were not produced with the same options (--strict, --fail-level).`,
      );
  }
  const sharded = reports.filter((r) => r.report.shard);
  const parts: MergedParts = {
    files: [],
    failures: [],
    skipped: [],
    lang: first.lang,
    strict: Boolean(first.strict),
  };
  if (first.failLevel === 'warning') parts.failLevel = 'warning';
  if (!sharded.length) {
    for (const { report } of reports) {
      parts.files.push(...report.files);
      parts.failures.push(...report.failures);
      parts.skipped.push(...(report.skipped ?? []));
    }
    return parts;
  }
  if (sharded.length !== reports.length) {
    const plain = reports.find((r) => !r.report.shard)!;
    throw mergeError(
      `${plain.name} n’est pas le rapport d’une part (--shard) alors que ${sharded[0]!.name} l’est : fusionnez les parts d’une même exécution.`,
      `${plain.name} is not the report of a share (--shard) while ${sharded[0]!.name} is: merge the shares of one run.`,
    );
  }
  const { inputs } = first.shard!;
  checkShares(reports);
  const claimed = new Array<string | undefined>(inputs);
  const files: { at: number; v: FileReport }[] = [];
  const failures: { at: number; v: Report['failures'][number] }[] = [];
  const skipped: { at: number; v: SkippedFile }[] = [];
  for (const { name, report } of reports) {
    const p = report.shard!.positions;
    const take = <T>(
      items: readonly T[],
      at: readonly number[],
      into: { at: number; v: T }[],
      what: string,
    ): void => {
      if (items.length !== at.length)
        throw mergeError(
          `${name} est incohérent : ${items.length} ${what} pour ${at.length} positions.`,
          `${name} is inconsistent: ${items.length} ${what} for ${at.length} positions.`,
        );
      items.forEach((v, i) => {
        const pos = at[i]!;
        if (!Number.isInteger(pos) || pos < 0 || pos >= inputs || claimed[pos] !== undefined)
          throw mergeError(
            `${name} et ${claimed[pos] ?? name} réclament la même entrée (position ${pos}) : ce ne sont pas les parts d’un même lot.`,
            `${name} and ${claimed[pos] ?? name} claim the same input (position ${pos}): they are not shares of one batch.`,
          );
        claimed[pos] = name;
        into.push({ at: pos, v });
      });
    };
    take(report.files, p.files, files, 'fichiers');
    take(report.failures, p.failures, failures, 'échecs');
    take(report.skipped ?? [], p.skipped, skipped, 'ignorés');
  }
  const empty = claimed.findIndex((c) => c === undefined);
  if (empty >= 0)
    throw mergeError(
      `Aucune part ne rend compte de l’entrée ${empty} sur ${inputs} : les parts ne couvrent pas tout le lot.`,
      `No share accounts for input ${empty} of ${inputs}: the shares do not cover the whole batch.`,
    );
  const byPos = <T>(a: { at: number; v: T }, b: { at: number; v: T }): number => a.at - b.at;
  parts.files = files.sort(byPos).map((x) => x.v);
  parts.failures = failures.sort(byPos).map((x) => x.v);
  parts.skipped = skipped.sort(byPos).map((x) => x.v);
  return parts;
}

/** Refuse shares of different batches, a share given twice or missing. */
function checkShares(reports: readonly { name: string; report: ShardReport }[]): void {
  const first = reports[0]!.report;
  const { total, inputs } = first.shard!;
  const seen = new Map<number, string>();
  for (const { name, report } of reports) {
    const s = report.shard!;
    if (s.total !== total || s.inputs !== inputs)
      throw mergeError(
        `${name} est la part ${s.index}/${s.total} d’un lot de ${s.inputs} entrées, ${reports[0]!.name} la part ${first.shard!.index}/${total} d’un lot de ${inputs} : ce ne sont pas les parts d’un même lot.`,
        `${name} is share ${s.index}/${s.total} of a batch of ${s.inputs} inputs, ${reports[0]!.name} share ${first.shard!.index}/${total} of a batch of ${inputs}: they are not shares of one batch.`,
      );
    const other = seen.get(s.index);
    if (other !== undefined)
      throw mergeError(
        `${name} et ${other} sont tous deux la part ${s.index}/${total}.`,
        `${name} and ${other} are both share ${s.index}/${total}.`,
      );
    seen.set(s.index, name);
  }
  const missing: number[] = [];
  for (let k = 1; k <= total; k++) if (!seen.has(k)) missing.push(k);
  if (missing.length)
    throw mergeError(
      `Il manque ${missing.length > 1 ? 'les parts' : 'la part'} ${missing.map((k) => `${k}/${total}`).join(', ')} : le rapport fusionné serait incomplet.`,
      `Share${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${total}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: the merged report would be incomplete.`,
      { missing },
    );
}
