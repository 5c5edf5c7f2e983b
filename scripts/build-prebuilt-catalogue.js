// Writes dist/prebuilt-catalogue/, the bundled catalogue as a run reads it (src/schema/prebuilt-catalogue.ts).
// Run by `npm run build` after the compile: `node scripts/build-prebuilt-catalogue.js`.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validCheckParams } from '../dist/checks/index.js';
import { specificFieldFacts } from '../dist/match/content.js';
import { bundledNameTable } from '../dist/match/recognize-schema.js';
import { buildPrebuiltCatalogue } from '../dist/schema/prebuilt-catalogue-build.js';
import { prebuiltCatalogueDir, usePrebuiltCatalogue } from '../dist/schema/prebuilt-catalogue.js';

const dir = prebuiltCatalogueDir();
// Built from the catalogue's own files, whatever an earlier build left.
usePrebuiltCatalogue(null);
const { index, families } = buildPrebuiltCatalogue(validCheckParams, {
  nameTable: bundledNameTable,
  fieldFacts: specificFieldFacts,
});
// Written in a folder aside, then renamed: a run sees the old folder or the new one, whole.
const tmp = `${dir.replace(/[\\/]+$/, '')}.${process.pid}.tmp`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
families.forEach((f, n) => writeFileSync(path.join(tmp, `${n}.json`), JSON.stringify(f)));
writeFileSync(path.join(tmp, 'index.json'), JSON.stringify(index));
rmSync(dir, { recursive: true, force: true });
renameSync(tmp, dir);
const versions = Object.keys(index.versions).length;
const fields = families.reduce((n, f) => n + f.fields.length, 0);
console.log(
  `written ${dir}: ${versions} schema versions in ${families.length} files (${fields} distinct fields), ` +
    `${Object.keys(index.synonyms).length} synonyms files, ` +
    `${index.validCheckParams.length} custom check declarations, ` +
    `${index.names.reduce((n, level) => n + level.length, 0)} names`,
);
