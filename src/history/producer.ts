// Who produced a file, read from its data: the schema's publisher identifier (COLL_SIRET, idAttribuant…) when the whole file shares it.
import type { Finding } from '../findings/types.js';
import type { Field, TableSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import type { RowCells, RowObserver } from '../validate/types.js';

/** Who produced a file, read from its data (a SIRET column the whole file shares). */
export interface ProducerInfo {
  id?: string;
  name?: string;
  /** The schema field it was read from. */
  field?: string;
}

/** A schema field that may name the producer, and the field holding its name if there is one. */
export interface ProducerField {
  field: string;
  nameField?: string;
  /** How strongly name, title and description point at the publisher (higher first). */
  weight: number;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Words that say a field identifies the one who publishes or produces the data. */
const PUBLISHER =
  /\b(collectivite|attribuant|acheteur|declarant|producteur|produit les donnees|fourni la donnee|publi\w*|organisme|gestionnaire|amenageur|exploitant)\b/g;
/** Words that say it identifies someone else (a beneficiary, a supplier, a maker, a covered entity). */
const OTHER = /\b(beneficiaire|fournisseur|fabricant|mainteneur|couvert|titulaire|entreprise)\b/g;

const ID_TOKENS = new Set(['siret', 'siren', 'id', 'code', 'num', 'numero', 'identifiant', 'ident']);
const NAME_TOKENS = new Set(['nom', 'name', 'libelle', 'raison', 'sociale', 'denomination']);

/** Name tokens: split on `_`, `-`, spaces, dots and camelCase. */
function tokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map(fold);
}

function isIdentifier(field: Field, checked: Set<string>): boolean {
  if (checked.has(field.name)) return true;
  if (tokens(field.name).some((t) => t === 'siret' || t === 'siren')) return true;
  const p = field.constraints?.pattern ?? '';
  return /^\^?(\\d|\[0-9\])\{(9|14)\}\$?$/.test(p);
}

/**
 * The fields of a schema that may identify the file's producer, best first: SIRET or SIREN fields
 * (by a siret/siren custom check, the name, or a 9- or 14-digit pattern), weighed by what their name,
 * title and description say (the publisher's words count for, a beneficiary's or a supplier's against),
 * a required or checked field ahead of an optional one. The field with its name (COLL_NOM beside
 * COLL_SIRET, nomAttribuant beside idAttribuant) is found by the part of the name they share.
 * Nothing per schema is hard-coded: the schema's own words decide.
 */
export function producerFields(schema: TableSchema): ProducerField[] {
  const fields = schema.fields ?? [];
  const checked = new Set<string>();
  for (const c of schema.custom_checks ?? []) {
    const column = c.params?.column;
    if (/sire[nt]/i.test(c.name) && typeof column === 'string') checked.add(column);
  }
  const out: ProducerField[] = [];
  fields.forEach((f, i) => {
    if (!isIdentifier(f, checked)) return;
    const text = fold(`${tokens(f.name).join(' ')} ${f.title ?? ''} ${(f.description ?? '').slice(0, 400)}`);
    const plus = text.match(PUBLISHER)?.length ?? 0;
    const minus = text.match(OTHER)?.length ?? 0;
    const nameTokens = tokens(f.name);
    let weight = 2 * Math.min(plus, 2) - 3 * Math.min(minus, 2) - i / 1000;
    if (nameTokens.includes('coll')) weight += 2;
    if (f.constraints?.required) weight += 1;
    if (checked.has(f.name)) weight += 1;
    const root = nameTokens.filter((t) => !ID_TOKENS.has(t)).join(' ');
    let nameField: string | undefined;
    if (root) {
      for (const g of fields) {
        if (g === f) continue;
        const t = tokens(g.name);
        if (!t.some((x) => NAME_TOKENS.has(x))) continue;
        if (t.filter((x) => !NAME_TOKENS.has(x)).join(' ') === root) {
          nameField = g.name;
          break;
        }
      }
    }
    const pf: ProducerField = { field: f.name, weight };
    if (nameField) pf.nameField = nameField;
    out.push(pf);
  });
  return out.sort((a, b) => b.weight - a.weight);
}

/** Distinct values tracked per column before new ones are no longer counted (memory stays bounded). */
const MAX_TRACKED = 256;

class ValueTally {
  readonly counts = new Map<string, number>();
  filled = 0;
  add(raw: string | undefined): void {
    const v = (raw ?? '').replace(/\s+/g, ' ').trim();
    if (!v) return;
    this.filled++;
    const n = this.counts.get(v);
    if (n !== undefined) this.counts.set(v, n + 1);
    else if (this.counts.size < MAX_TRACKED) this.counts.set(v, 1);
  }
  /** The value most cells share, when it is in at least half of the filled cells. */
  shared(): string | undefined {
    let best: string | undefined;
    let n = 0;
    for (const [v, c] of this.counts)
      if (c > n || (c === n && best !== undefined && v < best)) {
        best = v;
        n = c;
      }
    return best !== undefined && n * 2 >= this.filled ? best : undefined;
  }
}

/** The producer observer of one file, and its answer once the rows are read. */
export interface ProducerWatch {
  observer: RowObserver;
  result(): ProducerInfo | undefined;
}

/**
 * Watch the rows of a file for its producer: the best candidate field (see producerFields) that the
 * file maps to a column whose cells mostly share one value (a publisher's SIRET repeats on every row;
 * the SIRET of each establishment listed does not). Undefined without a schema or such a column.
 */
export function watchProducer(ctx: {
  labels: string[];
  schema?: TableSchema;
  mapping?: ColumnMapping;
}): ProducerWatch | undefined {
  if (!ctx.schema || !ctx.mapping) return undefined;
  const columnOf = (name: string | undefined): number | undefined =>
    name === undefined ? undefined : ctx.mapping!.fields.find((m) => m.fieldName === name)?.column;
  const candidates = producerFields(ctx.schema)
    .map((p) => ({ p, column: columnOf(p.field), nameColumn: columnOf(p.nameField) }))
    .filter((c) => c.column !== undefined)
    .slice(0, 3);
  if (!candidates.length) return undefined;
  const tallies = candidates.map(() => ({ id: new ValueTally(), name: new ValueTally() }));
  return {
    observer: {
      row(cells: readonly string[]): void {
        for (let i = 0; i < candidates.length; i++) {
          const c = candidates[i]!;
          tallies[i]!.id.add(cells[c.column!]);
          if (c.nameColumn !== undefined) tallies[i]!.name.add(cells[c.nameColumn]);
        }
      },
      rowCells(cells: RowCells): void {
        for (let i = 0; i < candidates.length; i++) {
          const c = candidates[i]!;
          tallies[i]!.id.add(c.column! < cells.count ? cells.cell(c.column!) : undefined);
          if (c.nameColumn !== undefined)
            tallies[i]!.name.add(c.nameColumn < cells.count ? cells.cell(c.nameColumn) : undefined);
        }
      },
      end(): Finding[] {
        return [];
      },
    },
    result(): ProducerInfo | undefined {
      for (let i = 0; i < candidates.length; i++) {
        const id = tallies[i]!.id.shared();
        if (id === undefined) continue;
        const out: ProducerInfo = { id: id.replace(/\s/g, ''), field: candidates[i]!.p.field };
        const name = tallies[i]!.name.shared();
        if (name !== undefined) out.name = name;
        return out;
      }
      return undefined;
    },
  };
}
