// The personal data guard's public API (issue 8): the scanner, masking, redaction and the detectors they share.
export type { PrivacyColumn, PrivacyKind, PrivacyMode, PrivacyOptions, PrivacyReason } from './types.js';
export { PRIVACY_KINDS } from './types.js';
export {
  createPrivacyChunkScanner,
  createPrivacyScanner,
  mergePrivacyChunks,
  PERSONAL_DATA_SUSPECTED,
} from './scanner.js';
export type { PrivacyChunk, PrivacyChunkScanner, PrivacyDecision, PrivacyScanner } from './scanner.js';
export { maskValue } from './mask.js';
export type { MaskKind } from './mask.js';
export { columnKindsOf, createRedactor, hashValue, HASH_HEX_LENGTH } from './redact.js';
export type { RedactAction, RedactSpec, RedactionStep, Redactor } from './redact.js';
export { findIdentifiers, isValidIban, isValidNir, isValidRib } from './identifiers.js';
export type { IdentifierKind, IdentifierMatch } from './identifiers.js';
export { classifyEmail } from './email.js';
export type { EmailClass } from './email.js';
