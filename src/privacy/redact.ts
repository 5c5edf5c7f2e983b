// Redaction for `odf normalize --redact COLUMN|KIND…`: drop a column, mask its values, or replace them by a salted hash.
import { createHmac } from 'node:crypto';
import { OdfError } from '../errors.js';
import type { PrivacyColumn, PrivacyKind } from './types.js';
import type { PrivacyDecision } from './scanner.js';
import { PRIVACY_KINDS } from './types.js';
import { findIdentifiers, mayHoldIdentifier } from './identifiers.js';
import { EMAIL_RE, classifyEmail } from './email.js';
import { maskValue, type MaskKind } from './mask.js';
import { foldCompat } from '../text/fold.js';

/** What to do with the values of a redacted column. */
export type RedactAction = 'drop' | 'mask' | 'hash';

/** A redaction request, as `--redact` and `--redact-salt` give it. */
export interface RedactSpec {
  /** Column labels or schema field names (exact, else case- and accent-insensitive), or kinds (`nir`, `email`…). */
  targets: readonly string[];
  action: RedactAction;
  /** Secret mixed into every hash (required for `hash`): same value and same salt give the same hash. */
  salt?: string;
}

/** One thing the redactor does, for the report (labels and kinds only, never values). */
export interface RedactionStep {
  /** The `--redact` argument that asked for it. */
  target: string;
  action: RedactAction;
  /** The column, when a whole column is redacted. */
  column?: string;
  /** 1-based column number, when a whole column is redacted. */
  fieldNumber?: number;
  kind?: PrivacyKind;
  /**
   * `column`: every value of the column; `cells`: only the identifiers or personal addresses of that kind
   * found inside any other cell (a NIR in a comment).
   */
  scope: 'column' | 'cells';
}

/** A compiled redaction: the header and rows it writes, and what it did. */
export interface Redactor {
  /** The output header (dropped columns removed). */
  header: string[];
  steps: RedactionStep[];
  /** Targets that named no column and no kind: the caller reports them. */
  unmatched: string[];
  /** Redact one row (cells in input column order); returns a new array. */
  row(cells: readonly string[]): string[];
  /** Cells changed so far, per step (same order as `steps`). */
  counts(): number[];
}

/** Hex digits kept of the HMAC-SHA-256: 16 (64 bits), so a million distinct values collide with odds ~3·10⁻⁸. */
export const HASH_HEX_LENGTH = 16;

/** The salted hash of a value: HMAC-SHA-256 keyed by the salt, hex, first HASH_HEX_LENGTH digits. */
export function hashValue(value: string, salt: string): string {
  return createHmac('sha256', salt).update(value, 'utf8').digest('hex').slice(0, HASH_HEX_LENGTH);
}

/** The kinds per column (0-based) from a scanner's decisions, the third argument of createRedactor. */
export function columnKindsOf(decisions: readonly PrivacyDecision[]): Map<number, PrivacyKind[]> {
  const kinds = new Map<number, PrivacyKind[]>();
  for (const d of decisions) {
    const list = kinds.get(d.column);
    if (list === undefined) kinds.set(d.column, [d.kind]);
    else if (!list.includes(d.kind)) list.push(d.kind);
  }
  return kinds;
}

/** Kinds that can be found inside any cell, and so redacted there too. */
const CELL_KINDS: ReadonlySet<PrivacyKind> = new Set(['nir', 'iban', 'rib', 'email']);

function isKind(target: string): target is PrivacyKind {
  return (PRIVACY_KINDS as readonly string[]).includes(target);
}

/** Columns a target names: exact label or field name first, then folded. */
function columnsNamed(columns: readonly PrivacyColumn[], target: string): number[] {
  const exact: number[] = [];
  columns.forEach((c, i) => {
    if (c.label === target || c.field?.name === target) exact.push(i);
  });
  if (exact.length > 0) return exact;
  const folded = foldCompat(target.trim());
  const loose: number[] = [];
  columns.forEach((c, i) => {
    if (
      foldCompat(c.label.trim()) === folded ||
      (c.field !== undefined && foldCompat(c.field.name) === folded)
    )
      loose.push(i);
  });
  return loose;
}

/** What a redaction does: per column its step and mask kind, per cell kind its step, and the steps. */
interface RedactionPlan {
  columnAction: Map<number, { step: number; kind: MaskKind }>;
  cellKinds: Map<PrivacyKind, number>;
  steps: RedactionStep[];
  unmatched: string[];
}

/** The steps of a redaction: each target's columns (by name, then by kind) and, for some kinds, cells. */
function planRedaction(
  columns: readonly PrivacyColumn[],
  spec: RedactSpec,
  columnKinds: ReadonlyMap<number, readonly PrivacyKind[]>,
): RedactionPlan {
  const plan: RedactionPlan = { columnAction: new Map(), cellKinds: new Map(), steps: [], unmatched: [] };
  const { columnAction, cellKinds, steps } = plan;
  for (const target of spec.targets) {
    let matched = false;
    const kind = isKind(target) ? target : undefined;
    for (const i of columnsNamed(columns, target)) {
      if (columnAction.has(i)) continue;
      matched = true;
      const own = columnKinds.get(i)?.[0];
      columnAction.set(i, { step: steps.length, kind: own ?? 'text' });
      steps.push({
        target,
        action: spec.action,
        column: columns[i]!.label,
        fieldNumber: i + 1,
        scope: 'column',
        ...(own ? { kind: own } : {}),
      });
    }
    if (kind === undefined) {
      if (!matched) plan.unmatched.push(target);
      continue;
    }
    for (const [i, kinds] of columnKinds) {
      if (!kinds.includes(kind) || columnAction.has(i) || i >= columns.length) continue;
      columnAction.set(i, { step: steps.length, kind });
      steps.push({
        target,
        action: spec.action,
        column: columns[i]!.label,
        fieldNumber: i + 1,
        kind,
        scope: 'column',
      });
    }
    if (CELL_KINDS.has(kind) && !cellKinds.has(kind)) {
      cellKinds.set(kind, steps.length);
      steps.push({ target, action: spec.action, kind, scope: 'cells' });
    }
  }
  return plan;
}

/**
 * Compile a redaction (never on by default: only what `spec.targets` names is touched). A target is a column
 * (label or field name) or a kind: a kind redacts the columns `columnKinds` gives for it (the scanner's
 * decisions on the head of the file) and, for `nir`, `iban`, `rib` and `email`, the matching substrings of
 * every other cell. `mask` uses maskValue; `hash` needs a salt (an OdfError `bad-option` otherwise).
 */
export function createRedactor(
  columns: readonly PrivacyColumn[],
  spec: RedactSpec,
  columnKinds: ReadonlyMap<number, readonly PrivacyKind[]> = new Map(),
): Redactor {
  const salt = spec.salt ?? '';
  if (spec.action === 'hash' && salt === '') {
    throw new OdfError(
      'bad-option',
      'Le hachage (--redact … hash) demande un sel secret : ajoutez --redact-salt.',
      { option: 'redact-salt' },
      'Hashing (--redact … hash) needs a secret salt: add --redact-salt.',
    );
  }
  const { columnAction, cellKinds, steps, unmatched } = planRedaction(columns, spec, columnKinds);

  const changed = new Array<number>(steps.length).fill(0);
  const kept = columns.map((_, i) => i).filter((i) => !(spec.action === 'drop' && columnAction.has(i)));
  const header = kept.map((i) => columns[i]!.label);

  function replace(kind: MaskKind, value: string): string {
    // Identifiers are hashed in their compact spelling so that `1 85 05…` and `18505…` still join.
    if (spec.action === 'hash')
      return hashValue(
        CELL_KINDS.has(kind as PrivacyKind) && kind !== 'email'
          ? value.replace(/[ .-]/g, '').toUpperCase()
          : value.trim(),
        salt,
      );
    if (spec.action === 'mask') return maskValue(kind, value);
    return '';
  }

  function redactInside(value: string): string {
    let out = value;
    if ((cellKinds.has('nir') || cellKinds.has('iban') || cellKinds.has('rib')) && mayHoldIdentifier(out)) {
      for (const m of findIdentifiers(out)) {
        const step = cellKinds.get(m.kind);
        if (step === undefined) continue;
        out = out.split(m.text).join(replace(m.kind, m.text));
        changed[step]!++;
      }
    }
    const emailStep = cellKinds.get('email');
    if (emailStep !== undefined && out.includes('@')) {
      out = out.replace(EMAIL_RE, (address) => {
        if (classifyEmail(address) !== 'personal') return address;
        changed[emailStep]!++;
        return replace('email', address);
      });
    }
    return out;
  }

  function row(cells: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i]!;
      const action = i < columns.length ? columnAction.get(i) : undefined;
      if (action === undefined) {
        out.push(cellKinds.size > 0 && v !== '' ? redactInside(v) : v);
        continue;
      }
      if (v !== '') changed[action.step]!++;
      if (spec.action === 'drop') continue;
      out.push(v === '' ? v : replace(action.kind, v));
    }
    return out;
  }

  return { header, steps, unmatched, row, counts: () => [...changed] };
}
