// Print vitest's JSON results as one closing line "N passed, N failed, N skipped" (read by CI).
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-output/results.json';
const r = JSON.parse(readFileSync(file, 'utf8'));
console.log(
  `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
);
