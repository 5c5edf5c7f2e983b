// The input columns the personal-data guard looks at, each with the schema field it feeds (if any).
import type { PrivacyColumn } from '../privacy/index.js';
import type { LoadedSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';

/** The input columns the personal-data guard looks at, each with the schema field it feeds (if any). */
export function privacyColumns(
  labels: readonly string[],
  schema: LoadedSchema | undefined,
  mapping: ColumnMapping | undefined,
): PrivacyColumn[] {
  const fieldOf = new Map<number, number>();
  for (const m of mapping?.fields ?? []) if (m.column !== undefined) fieldOf.set(m.column, m.fieldIndex);
  return labels.map((label, i) => {
    const fi = fieldOf.get(i);
    return fi === undefined ? { label } : { label, field: schema!.schema.fields[fi] };
  });
}
