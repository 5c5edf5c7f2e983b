// Data Package input (`odf validate datapackage.json`): a resolver that turns a package into its resources.
import path from 'node:path';
import { packageResources, readDataPackageIfAny } from '../batch/datapackage.js';
import type { ResolvedInputs, Source, SourceResolver } from './inputs.js';
import type { TaskFailure } from './task.js';

/**
 * Claims the inputs that are Data Package descriptors (a JSON object with a `resources` array) and
 * stands for their resources, each read with its own schema and dialect as Frictionless does. A
 * resource odf will not read (remote, outside the package's folder, inline data) is a failure with its
 * sentence; the others are read.
 */
export const dataPackageResolver: SourceResolver = {
  async resolve(input: string, cwd: string): Promise<ResolvedInputs | undefined> {
    if (input === '-') return undefined;
    const abs = path.resolve(cwd, input);
    const doc = await readDataPackageIfAny(abs);
    if (!doc) return undefined;
    const sources: Source[] = [];
    const failures: TaskFailure[] = [];
    for (const r of packageResources(doc, abs, input).resources) {
      if (r.refused) {
        failures.push({ path: r.display, code: 'file-not-found', ...r.refused });
        continue;
      }
      const source: Source = { path: r.path, display: r.display, from: input };
      if (r.schema !== undefined) source.schema = r.schema;
      const read: NonNullable<Source['read']> = {};
      if (r.read.encoding !== undefined) read.encoding = r.read.encoding;
      if (r.read.delimiter !== undefined) read.delimiter = r.read.delimiter;
      if (r.read.quoteChar !== undefined) read.quote = r.read.quoteChar;
      if (Object.keys(read).length) source.read = read;
      sources.push(source);
    }
    return { sources, skipped: [], ...(failures.length ? { failures } : {}) };
  },
};
