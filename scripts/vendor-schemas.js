// Vendors the schema catalogue from ../shared into schemas/ (bytes unchanged) and writes schemas/index.json.
//
// Usage: node scripts/vendor-schemas.js [SHARED_DIR]   (default: ../shared relative to the repository)
//
// Rerunnable: it first removes what it wrote last time (the schema folders of the old and new index, its
// generated files, profiles/ and fixtures/official/), leaving other data in schemas/ (synonyms/…) alone; then it copies
//   - shared/schema-catalogue/{schemas.json,SOURCE.txt} and every schemas/<org>/<name>/<version>/schema.json;
//   - the versions of shared/scdl/ that the catalogue snapshot lacks (with their SOURCE.txt), and the
//     SOURCE.txt of the scdl copies whose bytes equal the catalogue's (they document the same file);
//   - shared/profiles/ (Frictionless JSON Schema profiles) into schemas/profiles/;
//   - the example files of shared/scdl/ into fixtures/official/<name>/<version>/ with their SOURCE.txt;
// and generates schemas/index.json, schemas/SOURCES.md and schemas/LICENCES.md. The output is
// deterministic (no dates), so rerunning on the same input changes nothing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared'));
const out = path.join(repo, 'schemas');
const fixturesOut = path.join(repo, 'fixtures', 'official');
const SITE = 'https://schema.data.gouv.fr/schemas';

/** Compare two version strings the semver way (numeric parts; a pre-release sorts before its release). */
function compareVersions(a, b) {
  const parse = (v) => {
    const [core, pre] = v.replace(/^v/, '').split('-', 2);
    return { nums: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function listDirs(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The raw GitHub URL of a copied schema.json, from the `schema.json  <=  REPO @ COMMIT : PATH` line of its SOURCE.txt. */
function upstreamUrl(sourceTxt) {
  const m = /^schema\.json\s+<=\s+https:\/\/github\.com\/(\S+) @ ([0-9a-f]{40}) : (\S+)/m.exec(
    fs.readFileSync(sourceTxt, 'utf8'),
  );
  return m ? `https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]}` : undefined;
}

/** The licence names a schema declares in its `licenses` key, or null. */
function declaredLicence(schema) {
  if (!Array.isArray(schema.licenses) || schema.licenses.length === 0) return null;
  return schema.licenses.map((l) => l.title ?? l.name ?? l.path ?? '?').join(' / ');
}

/** Remove the files a previous run wrote into schemas/ (and only those: other tools keep data there too). */
function removePrevious(catDir, scdlDir) {
  const names = new Set();
  const oldIndex = path.join(out, 'index.json');
  if (fs.existsSync(oldIndex)) for (const s of readJson(oldIndex).schemas) names.add(s.name);
  const catSchemas = path.join(catDir, 'schemas');
  for (const org of listDirs(catSchemas))
    for (const name of listDirs(path.join(catSchemas, org))) names.add(`${org}/${name}`);
  for (const entry of readJson(path.join(scdlDir, 'catalogue.json'))) names.add(entry.name);
  for (const name of names) fs.rmSync(path.join(out, name), { recursive: true, force: true });
  for (const org of new Set([...names].map((n) => n.split('/')[0]))) {
    const dir = path.join(out, org);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
  for (const f of ['index.json', 'schemas.json', 'SOURCE.txt', 'SOURCES.md', 'LICENCES.md', 'profiles']) {
    fs.rmSync(path.join(out, f), { recursive: true, force: true });
  }
}

function main() {
  const catDir = path.join(shared, 'schema-catalogue');
  const scdlDir = path.join(shared, 'scdl');
  const profilesDir = path.join(shared, 'profiles');
  for (const d of [catDir, scdlDir, profilesDir]) {
    if (!fs.existsSync(d)) throw new Error(`missing ${d}`);
  }

  removePrevious(catDir, scdlDir);
  fs.rmSync(fixturesOut, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  // 1. The catalogue snapshot.
  copy(path.join(catDir, 'schemas.json'), path.join(out, 'schemas.json'));
  copy(path.join(catDir, 'SOURCE.txt'), path.join(out, 'SOURCE.txt'));
  const catalogue = new Map(readJson(path.join(catDir, 'schemas.json')).schemas.map((s) => [s.name, s]));
  /** name → version → { file (relative to schemas/), origin, licenceNote } */
  const versions = new Map();
  const add = (name, version, info) => {
    if (!versions.has(name)) versions.set(name, new Map());
    versions.get(name).set(version, info);
  };
  const catSchemas = path.join(catDir, 'schemas');
  for (const org of listDirs(catSchemas)) {
    for (const name of listDirs(path.join(catSchemas, org))) {
      for (const version of listDirs(path.join(catSchemas, org, name))) {
        const rel = `${org}/${name}/${version}/schema.json`;
        copy(path.join(catSchemas, rel), path.join(out, rel));
        add(`${org}/${name}`, version, {
          file: rel,
          origin: 'schema.data.gouv.fr snapshot',
          licenceNote: null,
        });
      }
    }
  }

  // 2. The scdl selection: extra versions, provenance notes, example files.
  const scdl = readJson(path.join(scdlDir, 'catalogue.json'));
  const report = { added: [], same: [], differs: [], fixtures: [] };
  for (const entry of scdl) {
    const srcDir = path.dirname(path.join(shared, entry.path.replace(/^shared\//, '')));
    const rel = `${entry.name}/${entry.version}/schema.json`;
    const target = path.join(out, rel);
    const known = versions.get(entry.name)?.get(entry.version);
    if (!known) {
      copy(path.join(srcDir, 'schema.json'), target);
      copy(path.join(srcDir, 'SOURCE.txt'), path.join(path.dirname(target), 'SOURCE.txt'));
      add(entry.name, entry.version, {
        file: rel,
        origin: `${entry.source_repo} (${entry.source_path})`,
        licenceNote: entry.licence ?? null,
        upstreamUrl: upstreamUrl(path.join(srcDir, 'SOURCE.txt')),
      });
      report.added.push(`${entry.name}@${entry.version}`);
    } else if (sha256(path.join(srcDir, 'schema.json')) === sha256(target)) {
      copy(path.join(srcDir, 'SOURCE.txt'), path.join(path.dirname(target), 'SOURCE.txt'));
      known.licenceNote = entry.licence ?? null;
      report.same.push(`${entry.name}@${entry.version}`);
    } else {
      report.differs.push(`${entry.name}@${entry.version}`);
    }
    const examples = fs
      .readdirSync(srcDir)
      .filter((f) => f !== 'schema.json' && f !== 'SOURCE.txt')
      .sort();
    if (examples.length > 0) {
      const fixDir = path.join(fixturesOut, path.basename(path.dirname(srcDir)), entry.version);
      for (const f of [...examples, 'SOURCE.txt']) copy(path.join(srcDir, f), path.join(fixDir, f));
      report.fixtures.push(`${path.relative(repo, fixDir)} (${examples.length})`);
    }
  }

  // 3. The Frictionless profiles.
  for (const f of fs.readdirSync(profilesDir, { recursive: true }).map(String).sort()) {
    const from = path.join(profilesDir, f);
    if (fs.statSync(from).isFile()) copy(from, path.join(out, 'profiles', f));
  }

  // 4. The index.
  const index = [];
  for (const name of [...versions.keys()].sort()) {
    const cat = catalogue.get(name);
    const sorted = [...versions.get(name).entries()].sort((a, b) => compareVersions(a[0], b[0]));
    const latest = sorted[sorted.length - 1][0];
    const entries = sorted.map(([version, info]) => {
      const schema = readJson(path.join(out, info.file));
      const published = cat?.versions?.find((v) => v.version_name === version)?.schema_url;
      // The portal publishes some schemas in another format (BAL: schema.yml); then point at the copied file.
      const url = published?.endsWith('.json')
        ? published
        : (info.upstreamUrl ?? published ?? `${SITE}/${name}/${version}/schema.json`);
      return {
        version,
        latest: version === latest,
        path: info.file,
        url,
        origin: info.origin,
        title: schema.title ?? null,
        licence: declaredLicence(schema),
        licenceNote: info.licenceNote,
        fields: Array.isArray(schema.fields) ? schema.fields.length : 0,
        customChecks: [...new Set((schema.custom_checks ?? []).map((c) => c.name))].sort(),
      };
    });
    const latestSchema = readJson(path.join(out, entries[entries.length - 1].path));
    const [org, shortName] = name.split('/');
    index.push({
      name,
      org,
      shortName,
      title: cat?.title ?? latestSchema.title ?? name,
      description: cat?.description ?? latestSchema.description ?? null,
      homepage: cat?.homepage ?? latestSchema.homepage ?? null,
      labels: cat?.labels ?? [],
      latest,
      versions: entries,
    });
  }
  // The date of the portal's snapshot, shown by `odf schemas list` (« catalogue fourni, du … »).
  const snapshot = /commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\)/.exec(
    fs.readFileSync(path.join(catDir, 'SOURCE.txt'), 'utf8'),
  );
  if (!snapshot) throw new Error('no "commit HASH (YYYY-MM-DD)" in schema-catalogue/SOURCE.txt');
  const indexDoc = {
    description:
      'Index of the bundled Table Schemas, generated by scripts/vendor-schemas.js from ../shared. Do not edit by hand.',
    snapshot: { source: 'https://schema.data.gouv.fr', commit: snapshot[1], date: snapshot[2] },
    schemas: index,
  };
  fs.writeFileSync(path.join(out, 'index.json'), `${JSON.stringify(indexDoc, null, 2)}\n`);

  // 5. SOURCES.md and LICENCES.md.
  const src = [
    '# Sources of the bundled schemas',
    '',
    'Generated by `scripts/vendor-schemas.js`; every schema file is a byte-for-byte copy.',
    '',
    '- `schemas.json`, `<org>/<name>/<version>/schema.json`: offline snapshot of schema.data.gouv.fr, see `SOURCE.txt`',
    '  (github.com/datagouv/schema.data.gouv.fr, repository licence MIT).',
    '- `<org>/<name>/<version>/SOURCE.txt`: provenance of the copies made from upstream repositories (and of',
    '  a few catalogue copies checked against them): commit, path, sha256, licence.',
    '- `profiles/`: Frictionless Data Package profiles (JSON Schema), public domain, see `profiles/SOURCE.txt`.',
    '- Example files for tests: `fixtures/official/<name>/<version>/`, each folder with its `SOURCE.txt`.',
    '',
    '| schema | versions | origin | homepage |',
    '|---|---|---|---|',
  ];
  for (const s of index) {
    const origins = [...new Set(s.versions.map((v) => v.origin))].join('; ');
    src.push(
      `| ${s.name} | ${s.versions.map((v) => v.version).join(', ')} | ${origins} | ${s.homepage ?? ''} |`,
    );
  }
  fs.writeFileSync(path.join(out, 'SOURCES.md'), `${src.join('\n')}\n`);

  const byLicence = new Map();
  for (const s of index) {
    for (const v of s.versions) {
      const key = v.licence ?? 'not declared in schema.json';
      if (!byLicence.has(key)) byLicence.set(key, []);
      byLicence.get(key).push(`${s.name}@${v.version}${v.licenceNote ? ` (${v.licenceNote})` : ''}`);
    }
  }
  const lic = [
    '# Licences of the bundled schemas',
    '',
    'Each schema keeps the licence its authors gave it (its `licenses` key). Schemas without one are',
    'published by schema.data.gouv.fr, whose repository is under the MIT licence (DINSIC/Etalab).',
    'The Frictionless profiles in `profiles/` are public domain (The Unlicense).',
    '',
  ];
  for (const key of [...byLicence.keys()].sort()) {
    lic.push(`## ${key}`, '', ...byLicence.get(key).map((x) => `- ${x}`), '');
  }
  fs.writeFileSync(path.join(out, 'LICENCES.md'), lic.join('\n'));

  const total = index.reduce((n, s) => n + s.versions.length, 0);
  console.log(`${index.length} schemas, ${total} versions in ${path.relative(repo, out)}/`);
  console.log(`added from scdl: ${report.added.join(', ') || 'none'}`);
  console.log(`scdl copies equal to the catalogue's: ${report.same.length}`);
  if (report.differs.length > 0)
    console.log(
      `scdl copies DIFFERING from the catalogue's (kept the catalogue's): ${report.differs.join(', ')}`,
    );
  console.log(`fixtures: ${report.fixtures.join(', ')}`);
}

main();
