// odf's version, read once from package.json (recorded in histories, shown in the observatory's footer).
import { createRequire } from 'node:module';

/** The version of this odf (package.json). */
export const ODF_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;
