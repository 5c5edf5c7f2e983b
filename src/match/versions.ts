// What changes between two versions of a schema, said in the terms of a file (its columns).
import { foldLabel } from '../text/fold.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import { boundedSimilarity } from './tokens.js';
import type { Field, TableSchema } from '../schema/types.js';

/** One change from a file's version of a schema to a newer one. */
export interface VersionChange {
  /**
   * - `added`: the newer version has a field the older lacks (`required` says if it must be filled);
   * - `removed`: the newer version drops a field;
   * - `renamed`: a field under another name (same title, or a name a letter or two away), `to` the new name;
   * - `now-required` / `no-longer-required`: the field's `required` constraint changed;
   * - `type`: the field's type or format changed (`to` is the new `type[:format]`);
   * - `constraints`: its pattern, enum, length or bounds changed.
   */
  kind: 'added' | 'removed' | 'renamed' | 'now-required' | 'no-longer-required' | 'type' | 'constraints';
  field: string;
  to?: string;
  required?: boolean;
  /** The file's column that feeds the field (in the older version), when it has one. */
  column?: string;
}

function required(f: Field): boolean {
  return f.constraints?.required === true;
}

function typeOf(f: Field): string {
  const format =
    typeof f.format === 'string' && f.format !== '' && f.format !== 'default' ? `:${f.format}` : '';
  return `${f.type ?? 'string'}${format}`;
}

/** The constraints that decide validity, without `required` (reported on its own). */
function constraintsOf(f: Field): string {
  const { required: _r, ...rest } = f.constraints ?? {};
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/**
 * The changes from `from` (the version a file fits) to `to` (a newer one), in the file's terms: each
 * field the file has a column for is named with that column. Fields only renamed are paired by equal
 * folded titles or by names at most a letter or two apart (similarity ≥ 0.8). Order: the changes that
 * touch the file's columns first (removed or renamed columns, newly required fields), then the rest.
 */
export function versionChanges(from: TableSchema, to: TableSchema, mapping?: ColumnMapping): VersionChange[] {
  const columnOf = new Map<string, string>();
  for (const m of mapping?.fields ?? []) if (m.label !== undefined) columnOf.set(m.fieldName, m.label);
  const toByName = new Map(to.fields.map((f) => [f.name, f]));
  const fromByName = new Map(from.fields.map((f) => [f.name, f]));
  const removed = from.fields.filter((f) => !toByName.has(f.name));
  const added = to.fields.filter((f) => !fromByName.has(f.name));
  const changes: VersionChange[] = [];
  const col = (name: string): { column?: string } =>
    columnOf.has(name) ? { column: columnOf.get(name)! } : {};

  const renamedTo = new Set<string>();
  for (const r of removed) {
    const title = typeof r.title === 'string' ? foldLabel(r.title) : '';
    const partner = added.find(
      (a) =>
        !renamedTo.has(a.name) &&
        ((title !== '' && typeof a.title === 'string' && foldLabel(a.title) === title) ||
          boundedSimilarity(foldLabel(r.name), foldLabel(a.name), 0.8) > 0),
    );
    if (partner) {
      renamedTo.add(partner.name);
      changes.push({ kind: 'renamed', field: r.name, to: partner.name, ...col(r.name) });
    } else changes.push({ kind: 'removed', field: r.name, ...col(r.name) });
  }
  for (const a of added) {
    if (renamedTo.has(a.name)) continue;
    changes.push({ kind: 'added', field: a.name, required: required(a) });
  }
  for (const f of from.fields) {
    const t = toByName.get(f.name);
    if (!t) continue;
    if (required(t) !== required(f))
      changes.push({
        kind: required(t) ? 'now-required' : 'no-longer-required',
        field: f.name,
        ...col(f.name),
      });
    if (typeOf(t) !== typeOf(f)) changes.push({ kind: 'type', field: f.name, to: typeOf(t), ...col(f.name) });
    else if (constraintsOf(t) !== constraintsOf(f))
      changes.push({ kind: 'constraints', field: f.name, ...col(f.name) });
  }
  const weight = (c: VersionChange): number =>
    c.column !== undefined ? 0 : c.kind === 'added' && c.required ? 1 : c.kind === 'now-required' ? 1 : 2;
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => weight(a.c) - weight(b.c) || a.i - b.i)
    .map((x) => x.c);
}
