// Regenerate docs/errors.md (French) and docs/errors.en.md from the finding catalogue (run after `npm run build`): `node scripts/make-errors-doc.js`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { errorsDoc, errorsDocPath } from '../dist/findings/doc.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const lang of ['fr', 'en']) {
  const target = path.join(root, errorsDocPath(lang));
  writeFileSync(target, errorsDoc(lang));
  console.log(`written ${target}`);
}
