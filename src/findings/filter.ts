// --pick-errors / --skip-errors: which finding codes a run reports and counts (Frictionless's pick_errors, skip_errors).
import { catalogue } from './catalogue.js';

/** Codes and `#tags` as the user lists them: `type-error,#cell`. */
export interface CodeSelection {
  pick?: readonly string[];
  skip?: readonly string[];
}

/** Every tag of the catalogue (`cell`, `structure`, `schema`…), usable as `#tag`. */
export function catalogueTags(): Set<string> {
  return new Set(Object.values(catalogue).flatMap((s) => s.tags));
}

/** The entries of a selection that name neither a code nor a `#tag` of the catalogue. */
export function unknownSelections(names: readonly string[]): string[] {
  const tags = catalogueTags();
  return names.filter((n) => (n.startsWith('#') ? !tags.has(n.slice(1)) : catalogue[n] === undefined));
}

function matches(code: string, names: readonly string[]): boolean {
  const tags = catalogue[code]?.tags ?? [];
  return names.some((n) => (n.startsWith('#') ? tags.includes(n.slice(1)) : n === code));
}

/**
 * The test a run applies to each finding code: with `pick`, only the codes (or `#tags`) listed count;
 * with `skip`, those listed do not. Both may be given: skip wins. Undefined when nothing is selected.
 */
export function codeFilter(selection: CodeSelection): ((code: string) => boolean) | undefined {
  const pick = selection.pick?.length ? selection.pick : undefined;
  const skip = selection.skip?.length ? selection.skip : undefined;
  if (!pick && !skip) return undefined;
  const memo = new Map<string, boolean>();
  return (code) => {
    let keep = memo.get(code);
    if (keep === undefined) {
      keep = (!pick || matches(code, pick)) && !(skip && matches(code, skip));
      memo.set(code, keep);
    }
    return keep;
  };
}
