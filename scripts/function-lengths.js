// List the longest functions of a folder (default src/), counted as eslint's max-lines-per-function counts.
//
// Usage: node scripts/function-lengths.js [DIR] [--top N]
//   DIR      folder of .ts files (default src)
//   --top N  how many to list (default 10)
// Prints `lines  file:line  name`, longest first, then how many functions exceed 60 and 100 lines: the
// figures an issue note quotes before and after a refactoring. Lint enforces the 100-line limit itself.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 10;
const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--top') ?? 'src';

/** The .ts files under `dir`, sorted. */
function tsFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** A function's name: its own, or the variable or property it is assigned to. */
function nameOf(node) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '<anonymous>';
}

const functions = [];
for (const file of tsFiles(root)) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      functions.push({ lines: end - start + 1, where: `${file}:${start + 1}`, name: nameOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
functions.sort((a, b) => b.lines - a.lines || (a.where < b.where ? -1 : 1));
for (const f of functions.slice(0, top)) console.log(`${String(f.lines).padStart(4)}  ${f.where}  ${f.name}`);
const over = (n) => functions.filter((f) => f.lines > n).length;
console.log(`${functions.length} functions; over 60 lines: ${over(60)}; over 100 lines: ${over(100)}`);
