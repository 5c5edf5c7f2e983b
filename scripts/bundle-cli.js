// Writes dist/bundle/, the command line as a few files instead of ~200 modules: each module Node loads
// costs a resolution, file reads and a compile, which made up about a fifth of a small run's time.
// Run by `npm run build` after the compile: `node scripts/bundle-cli.js`. The worker threads' scripts
// are bundled beside it (dist/bundle/worker.js, chunk-worker.js), sharing its chunks: a worker loads
// its modules as the main thread does, and that load is most of a worker's start. The library
// (dist/index.js) and dist/run/*worker.js stay as tsc wrote them; bin/odf.js runs the bundle. The
// bundle sits one folder below dist/ as every compiled module does, so the paths the code builds from
// import.meta.url (package.json, data/, dist/prebuilt-catalogue/, dist/run/) hold in both.
import { renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const dir = 'dist/bundle';
const tmp = `${dir}.${process.pid}.tmp`;
rmSync(tmp, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: 'dist/cli/main.js',
    worker: 'dist/run/worker.js',
    'chunk-worker': 'dist/run/chunk-worker.js',
  },
  outdir: tmp,
  bundle: true,
  // Modules loaded on first need stay separate files, loaded then.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are loaded from node_modules as before (each behind its one module).
  packages: 'external',
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  metafile: true,
});
rmSync(dir, { recursive: true, force: true });
renameSync(tmp, dir);
const files = Object.keys(result.metafile.outputs).length;
const modules = Object.keys(result.metafile.inputs).length;
console.log(`written ${dir}: ${modules} modules in ${files} files`);
