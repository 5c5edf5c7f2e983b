// npm run fixtures: regenerate every generated fixture (text encodings, spreadsheets, normalize inputs).
// Each script is deterministic: running this twice gives the same bytes.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const script of ['make-text-fixtures.js', 'make-sheet-fixtures.js', 'make-normalize-fixtures.js']) {
  execFileSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
}
