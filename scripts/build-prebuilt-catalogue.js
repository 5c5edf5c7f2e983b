// Writes dist/prebuilt-catalogue.json, the bundled catalogue as a run reads it (src/schema/prebuilt-catalogue.ts).
// Run by `npm run build` after the compile: `node scripts/build-prebuilt-catalogue.js`.
import { renameSync, writeFileSync } from 'node:fs';
import { validCheckParams } from '../dist/checks/index.js';
import { bundledNameTable } from '../dist/match/recognize-schema.js';
import { buildPrebuiltCatalogue } from '../dist/schema/prebuilt-catalogue-build.js';
import { prebuiltCataloguePath, usePrebuiltCatalogue } from '../dist/schema/prebuilt-catalogue.js';

const target = prebuiltCataloguePath();
// Built from the catalogue's own files, whatever an earlier build left.
usePrebuiltCatalogue(null);
const catalogue = buildPrebuiltCatalogue(validCheckParams, bundledNameTable);
// Written aside, then renamed: a run reading it meanwhile sees the old file or the new one, whole.
const tmp = `${target}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify(catalogue));
renameSync(tmp, target);
console.log(
  `written ${target}: ${Object.keys(catalogue.schemas).length} schema versions, ` +
    `${catalogue.fields.length} distinct fields, ${Object.keys(catalogue.synonyms).length} synonyms files, ` +
    `${catalogue.validCheckParams.length} custom check declarations, ` +
    `${catalogue.names.reduce((n, level) => n + level.length, 0)} names`,
);
