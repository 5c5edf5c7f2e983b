// Packs odf as npm would publish it and installs the tarball on a "fresh machine": a temporary folder,
// offline, from the npm cache that `npm ci` filled. Then runs the installed command from another folder,
// imports the library from a scratch TypeScript project and compiles the README's examples against it.
//
// Usage: node scripts/check-package.js [--keep]      (npm run check:package; CI runs it after npm run check)
//
// Why a lockfile for the scratch install: the repository's lockfile pins every dependency with its
// integrity but, as npm writes it here (omit-lockfile-registry-resolved), without registry metadata, so
// `npm install -g odf-scdl-X.tgz --offline` would need the packuments of the dependency ranges, which
// `npm ci` never downloads. The scratch project gets the production part of our lockfile instead: the
// same versions a user gets today, installed with `npm ci --offline`, no network.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const failures = [];

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...env },
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'odf-package-'));
try {
  // 1. The tarball: what it holds and what it must not.
  const packOut = execFileSync(npm, ['pack', '--json', '--pack-destination', tmp], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The prepack build may print before npm's JSON: read from the array's opening line.
  const packed = JSON.parse(packOut.slice(packOut.search(/^\[/m)))[0];
  const files = packed.files.map((f) => f.path);
  const tarball = path.join(tmp, packed.filename);
  console.log(`packed ${packed.filename}: ${files.length} files, ${packed.size} bytes`);
  for (const f of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'bin/odf.js',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/cli/main.js',
    'dist/bundle/main.js',
    'dist/run/worker.js',
    'dist/run/chunk-worker.js',
    'dist/bundle/worker.js',
    'dist/bundle/chunk-worker.js',
    'dist/prebuilt-catalogue/index.json',
    'schemas/index.json',
    'schemas/LICENCES.md',
    'schemas/profiles/1.0/tableschema.json',
    'data/prenoms.txt',
    'docs/config.schema.json',
  ]) {
    check(files.includes(f), `the tarball holds ${f}`);
  }
  check(!files.some((f) => f.endsWith('.map')), 'no source map in the tarball (src/ is not shipped)');
  check(
    !files.some((f) => /^(src|test|fixtures|bench|scripts|node_modules)\//.test(f)),
    'no sources, tests, fixtures or benches in the tarball',
  );
  const shipped = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  );
  check(
    !['preinstall', 'install', 'postinstall', 'prepare'].some((s) => shipped.scripts?.[s]),
    'no install-time script (npm would warn, or run a build that needs dev tools)',
  );
  check(
    shipped.bin?.odf === 'bin/odf.js' && shipped.bin?.[pkg.name] === 'bin/odf.js',
    'bins odf and ' + pkg.name,
  );

  // 2. A scratch project installing the tarball offline, with the production part of our lockfile.
  const project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  const spec = `file:../${packed.filename}`;
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify(
      { name: 'scratch', private: true, type: 'module', dependencies: { [pkg.name]: spec } },
      null,
      2,
    ),
  );
  const lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
  const root = lock.packages[''];
  const packages = {
    '': { name: 'scratch', dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      license: root.license,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where !== '' && !entry.dev && !entry.link) packages[where] = entry;
  }
  fs.writeFileSync(
    path.join(project, 'package-lock.json'),
    JSON.stringify({ name: 'scratch', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  const install = run(npm, ['ci', '--offline', '--no-audit', '--no-fund'], project);
  check(install.code === 0, `npm ci --offline installs the tarball (exit ${install.code})`);
  if (install.code !== 0) console.log(install.stderr);
  const warnings = install.stderr.split('\n').filter((l) => /npm warn/i.test(l));
  check(
    warnings.length === 0,
    `no npm warning at install${warnings.length ? `:\n${warnings.join('\n')}` : ''}`,
  );

  // 3. The command, from another folder.
  const elsewhere = path.join(tmp, 'elsewhere');
  fs.mkdirSync(elsewhere);
  fs.copyFileSync(
    path.join(repo, 'fixtures/examples/budget-export-mairie.csv'),
    path.join(elsewhere, 'budget-export-mairie.csv'),
  );
  const bin = path.join(project, 'node_modules', '.bin');
  const odf = path.join(bin, process.platform === 'win32' ? 'odf.cmd' : 'odf');
  const version = run(odf, ['--version'], elsewhere);
  check(version.code === 0 && version.stdout.trim() === pkg.version, `odf --version prints ${pkg.version}`);
  const validate = run(odf, ['validate', 'budget-export-mairie.csv', '--format', 'json'], elsewhere);
  let report;
  try {
    report = JSON.parse(validate.stdout);
  } catch {
    report = undefined;
  }
  check(
    validate.code === 1 && report?.valid === false && validate.stdout.includes('incorrect-label'),
    `odf validate from another folder reports the README's export as not conform (exit ${validate.code})`,
  );
  if (validate.code !== 1) console.log(validate.stderr);
  const npx = run(
    npm,
    ['exec', '--offline', '--', pkg.name, 'validate', path.join(elsewhere, 'budget-export-mairie.csv')],
    project,
  );
  check(
    npx.code === 1 && npx.stdout.includes('scdl/budget'),
    `npx ${pkg.name} validate FILE runs the installed odf (exit ${npx.code})`,
  );
  const bundled = run(odf, ['schemas', 'show', 'scdl/budget@0.8.1', '--format', 'json'], elsewhere);
  check(
    bundled.code === 0 && JSON.parse(bundled.stdout).fields.length === 22,
    'the bundled catalogue is found',
  );

  // 4. The library: import it at run time and compile TypeScript against its published types.
  const runtime = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { validate, listSchemas } from '${pkg.name}';
       const r = await validate('${path.join(elsewhere, 'budget-export-mairie.csv').replace(/\\/g, '/')}', { schema: 'scdl/budget' });
       console.log(JSON.stringify({ valid: r.valid, schemas: listSchemas().length }));`,
    ],
    project,
  );
  let lib;
  try {
    lib = JSON.parse(runtime.stdout);
  } catch {
    lib = undefined;
  }
  check(
    runtime.code === 0 && lib?.valid === false && lib.schemas > 50,
    `import { validate } from '${pkg.name}' works`,
  );
  if (runtime.code !== 0) console.log(runtime.stderr);

  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  check(examples.length > 0, `the README has TypeScript examples (${examples.length})`);
  examples.forEach((code, i) => fs.writeFileSync(path.join(project, `readme-${i + 1}.ts`), code));
  fs.writeFileSync(
    path.join(project, 'usage.ts'),
    `import { validate, openTable, loadSchema, isOdfError, type Report } from '${pkg.name}';
import pkgJson from '${pkg.name}/package.json' with { type: 'json' };
const report: Report = await validate(['a.csv'], { schema: 'scdl/budget', lang: 'en' });
const { rows } = await openTable('a.csv');
for await (const row of rows) console.log(row.rowNumber, row.cells.length);
const s = await loadSchema('scdl/budget@0.8.1');
console.log(report.valid, s.schema.fields.length, isOdfError(new Error('x')), pkgJson.version);
`,
  );
  fs.mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
  fs.symlinkSync(
    path.join(repo, 'node_modules', '@types', 'node'),
    path.join(project, 'node_modules', '@types', 'node'),
    'junction',
  );
  const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [label, options] of [
    ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
    ['bundler', { module: 'ESNext', moduleResolution: 'bundler' }],
  ]) {
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          ...options,
          strict: true,
          noUncheckedIndexedAccess: true,
          resolveJsonModule: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    const r = run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    check(
      r.code === 0,
      `the README examples and a user's module compile against the installed types (${label})`,
    );
    if (r.code !== 0) console.log(r.stdout + r.stderr);
  }
} finally {
  if (keep) console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`package: ${failures.length} check(s) failed`);
  process.exitCode = 1;
} else {
  console.log('package: all checks passed');
}
