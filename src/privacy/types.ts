// Types of the personal data guard: the kinds it detects, the columns it scans and its options (issue 8).
import type { Field } from '../schema/types.js';

/** What kind of personal data a finding is about. */
export type PrivacyKind =
  'email' | 'phone' | 'nir' | 'iban' | 'rib' | 'birth-date' | 'person-name' | 'address';

/** Every kind, in report order. */
export const PRIVACY_KINDS: readonly PrivacyKind[] = [
  'nir',
  'iban',
  'rib',
  'email',
  'phone',
  'birth-date',
  'person-name',
  'address',
];

/** One input column as the guard sees it: its header label and, when a schema field is fed by it, that field. */
export interface PrivacyColumn {
  label: string;
  field?: Field;
}

/** `--privacy warn|error|off`: the level of `personal-data-suspected`, or no scan at all. */
export type PrivacyMode = 'warn' | 'error' | 'off';

/** Options of a scan. */
export interface PrivacyOptions {
  mode: PrivacyMode;
  /** Non-empty values per column on which a column's kind is decided (default 1000). */
  sampleSize?: number;
  /** Catalogue name of the schema (`scdl/prenoms`), for the schemas whose purpose is such data. */
  schemaName?: string;
  /** Year ages are counted from for birth dates (default: the current year). */
  referenceYear?: number;
}

/** Why a finding was lowered to `info`. */
export type PrivacyReason = 'declared-email-field' | 'service-contact-field' | 'aggregated-first-names';
