// How a temporal field's format is compiled: ISO default, `any`, or a strptime pattern (with its warning).
import type { Field } from '../schema/types.js';
import { formatOf, type FieldPlanWarning } from './caster.js';
import { compileStrptime, type DateTimeParts, type StrptimePattern } from './strptime.js';

/** The reading mode of a date, time or datetime field. */
export type TemporalFormat =
  | { mode: 'default'; format: 'default' }
  | { mode: 'any'; format: 'any' }
  | { mode: 'pattern'; format: string; pattern: StrptimePattern };

/**
 * Compiles the format of a temporal field. A format that is no usable pattern (`YYYY-MM-DD`, `%Q`) is
 * reported as `unknown-format` and read as the default, as the brief of issue 3 decides.
 */
export function temporalFormat(field: Field, type: string, warnings: FieldPlanWarning[]): TemporalFormat {
  const fmt = formatOf(field);
  if (fmt === 'default') return { mode: 'default', format: 'default' };
  if (fmt === 'any') return { mode: 'any', format: 'any' };
  const pattern = compileStrptime(fmt);
  if (typeof pattern === 'string') {
    warnings.push({ code: 'unknown-format', params: { type, format: fmt, reason: pattern } });
    return { mode: 'default', format: 'default' };
  }
  return { mode: 'pattern', format: fmt, pattern };
}

/**
 * Writes parts with a pattern, but only when nothing is lost: the text read back gives the same parts
 * (writing 2020-09-15 with `%Y` would drop the day, so it is no repair).
 */
export function writeExactly(pattern: StrptimePattern, parts: DateTimeParts): string | undefined {
  const out = pattern.format(parts);
  const back = pattern.parse(out);
  if (
    back === undefined ||
    back.y !== parts.y ||
    back.m !== parts.m ||
    back.d !== parts.d ||
    back.H !== parts.H ||
    back.M !== parts.M ||
    back.S !== parts.S ||
    back.us !== parts.us ||
    back.offset !== parts.offset
  )
    return undefined;
  return out;
}
