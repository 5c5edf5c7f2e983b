// Regenerate docs/errors.md from the finding catalogue (run after `npm run build`): `node scripts/make-errors-doc.js`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { errorsDoc } from '../dist/findings/doc.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'errors.md');
writeFileSync(target, errorsDoc());
console.log(`written ${target}`);
