// Lint configuration: typescript-eslint's recommended rules plus the project's boundaries (docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ (and its two top modules) and what each may import, following the flow
 * bytes → rows → cast/checks → findings → report/writer. `run`: imported for values; `types`: for
 * types only. Anything else is an import against the flow and fails the lint.
 */
const ZONES = {
  text: { run: [], types: [] },
  errors: { run: [], types: [] },
  findings: { run: ['errors', 'text'], types: [] },
  net: { run: ['errors', 'text'], types: [] },
  io: { run: ['errors', 'text', 'findings', 'net'], types: [] },
  schema: { run: ['errors', 'text', 'findings', 'net'], types: [] },
  fields: { run: ['errors', 'text', 'findings'], types: ['schema'] },
  checks: { run: ['errors', 'text', 'findings', 'schema', 'fields'], types: ['io'] },
  // Column mapping and schema recognition weigh values with the field casters and the custom checks.
  match: { run: ['errors', 'text', 'findings', 'schema', 'fields', 'checks'], types: [] },
  privacy: { run: ['errors', 'text', 'findings'], types: ['schema'] },
  // The profile reads the casts the validation loop hands it (a CastObserver, src/checks/types.ts).
  profile: { run: ['errors', 'text', 'findings', 'checks'], types: ['schema', 'report', 'fields'] },
  validate: { run: ['errors', 'text', 'findings', 'schema', 'fields', 'checks'], types: ['io', 'privacy'] },
  repair: { run: ['errors', 'text', 'findings', 'io', 'fields', 'checks'], types: ['schema', 'validate'] },
  report: { run: ['errors', 'text', 'findings'], types: ['schema', 'validate'] },
  output: { run: ['errors'], types: [] },
  normalize: { run: ['errors', 'text', 'findings', 'output'], types: ['schema', 'validate', 'privacy'] },
  batch: { run: ['errors', 'text', 'findings', 'schema'], types: ['report'] },
  // The history of runs (SQLite) and the producer of a file read from its rows (issue 17).
  history: { run: ['errors', 'text', 'findings'], types: ['schema', 'validate', 'report', 'net'] },
  // The observatory site, built from the history.
  observatory: { run: ['errors', 'text', 'findings', 'report', 'history'], types: ['net'] },
  // The engine puts the pieces together: everything but the CLI (and the public API, which stands on it).
  run: {
    run: [
      'errors',
      'text',
      'findings',
      'net',
      'io',
      'schema',
      'fields',
      'checks',
      'match',
      'privacy',
      'profile',
    ].concat(['validate', 'repair', 'report', 'output', 'normalize', 'batch', 'history']),
    types: [],
  },
};
const FOLDERS = [...Object.keys(ZONES).filter((z) => z !== 'errors'), 'cli'];

/** The import patterns of a src/ module (folder or top file) as seen from a file `depth` folders below src/. */
function patterns(name, depth) {
  const up = '../'.repeat(depth);
  return name === 'errors' || name === 'index' ? [`${up}${name}.js`] : [`**/${name}/*`, `**/${name}/**/*`];
}

/** no-restricted-imports for the files of one zone: other folders refused, type-only ones allowed for types. */
function zoneRule(zone, depth) {
  const z = ZONES[zone];
  const allowed = new Set([zone, ...z.run]);
  const refused = [...FOLDERS, 'errors', 'index'].filter((f) => !allowed.has(f) && !z.types.includes(f));
  const rule = [
    {
      group: refused.flatMap((f) => patterns(f, depth)),
      message: `src/${zone}/ may not import this module: it goes against the flow (docs/ARCHITECTURE.md).`,
    },
  ];
  if (z.types.length) {
    rule.push({
      group: z.types.flatMap((f) => patterns(f, depth)),
      allowTypeImports: true,
      message: `src/${zone}/ may import only types from this module (docs/ARCHITECTURE.md).`,
    });
  }
  return rule;
}

/** The zone of each folder, for files at depth 1 (src/x/a.ts) and 2 (src/x/y/a.ts). */
const zoneConfigs = Object.keys(ZONES)
  .filter((z) => z !== 'errors')
  .flatMap((zone) => [
    {
      files: [`src/${zone}/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: zoneRule(zone, 1) }] },
    },
    {
      files: [`src/${zone}/*/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: zoneRule(zone, 2) }] },
    },
  ]);

/** The CLI stands on the library's public API (index.ts), plus two leaf modules it needs before loading it. */
function cliRule(depth) {
  const up = '../'.repeat(depth);
  return [
    {
      group: [
        ...Object.keys(ZONES)
          .filter((z) => z !== 'errors' && z !== 'report')
          .flatMap((f) => patterns(f, depth)),
        `${up}report/*`,
        `!${up}report/format-names.js`,
      ],
      message:
        'src/cli/ imports the library only through its public API, src/index.ts (docs/ARCHITECTURE.md).',
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'schemas/**', 'bench/data/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['commander', 'chalk', 'ora'], patterns: ['**/cli/**'] }],
      'no-restricted-globals': ['error', 'process'],
    },
  },
  ...zoneConfigs,
  {
    files: ['src/cli/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: cliRule(1) }] },
  },
  {
    files: ['src/cli/*/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: cliRule(2) }] },
  },
  {
    // One function, one screen: a longer function is split (docs/ARCHITECTURE.md).
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: false, skipComments: false }] },
  },
);
