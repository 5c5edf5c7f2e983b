// Options of one file's validation: the reading options, the schema and mapping, the checks to run.
import type { OpenOptions } from '../io/types.js';
import type { LoadedSchema, TableSchema } from '../schema/types.js';
import type { ColumnMapping } from '../schema/mapping-types.js';
import type { MappingFile } from '../schema/mapping-file.js';
import type { SynonymTable } from '../schema/synonyms.js';
import type { PrivacyMode } from '../privacy/index.js';
import type { LoopOptions, RowObserver } from '../validate/types.js';

/** Options of a validation run (the reading options of openTable included). */
export interface ValidateOptions extends OpenOptions {
  /** Catalogue name (`scdl/budget@0.8.3`), path, URL, a schema object or an already loaded schema. */
  schema?: string | TableSchema | LoadedSchema;
  /** A mapping file (parsed, or its path) applied on top of automatic matching. */
  mapping?: MappingFile | string;
  /** Extra synonyms (field → aliases), on top of the bundled ones (`--synonyms FILE`). */
  synonyms?: SynonymTable;
  /** Apply similarity suggestions too (normalize --accept-suggestions). */
  acceptSuggestions?: boolean;
  limitErrors?: number;
  /** Which finding codes count (--pick-errors, --skip-errors); see LoopOptions.keepCode. */
  keepCode?: LoopOptions['keepCode'];
  /** Run custom checks (default true). */
  customChecks?: boolean;
  /** Extra row observers (column profile, personal data…). */
  observers?: (ctx: { labels: string[]; schema?: TableSchema; mapping?: ColumnMapping }) => RowObserver[];
  onRow?: LoopOptions['onRow'];
  /** Personal-data guard: 'warn' (default), 'error' (its findings are errors), 'off'. */
  privacy?: PrivacyMode;
  /** fetch implementation for schema URLs (tests). */
  fetch?: typeof fetch;
}
