// OdfError: the one failure type — odf cannot do its job (missing file, unreadable schema, bad option).

/** Stable failure codes; the CLI prints the message and exits with 2. */
export type OdfErrorCode =
  | 'file-not-found'
  | 'file-unreadable'
  | 'empty-file'
  | 'not-a-table'
  | 'zip-bomb'
  | 'bad-option'
  | 'schema-not-found'
  | 'schema-unreadable'
  | 'schema-invalid'
  | 'mapping-invalid'
  | 'config-invalid'
  | 'network-error'
  | 'catalogue-invalid'
  | 'output-error'
  | 'history-error'
  | 'encoding-unsupported'
  | 'input-too-large';

/**
 * A failure that stops odf from doing its job. `message` is one clear French sentence (or English
 * when `messageEn` is given and the user asked for English); `data` carries machine-readable details.
 */
export class OdfError extends Error {
  readonly code: OdfErrorCode;
  readonly data: Record<string, unknown>;
  readonly messageEn: string | undefined;

  constructor(code: OdfErrorCode, message: string, data: Record<string, unknown> = {}, messageEn?: string) {
    super(message);
    this.name = 'OdfError';
    this.code = code;
    this.data = data;
    this.messageEn = messageEn;
  }
}

/** True when `e` is an OdfError (works across module copies). */
export function isOdfError(e: unknown): e is OdfError {
  return e instanceof Error && e.name === 'OdfError' && typeof (e as OdfError).code === 'string';
}
