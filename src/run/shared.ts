// Schemas shared by a run's tasks: posted once to each worker thread, so each thread compiles their plans once.
import type { LoadedSchema } from '../schema/types.js';
import type { FileTask } from './task.js';

/** What every worker thread receives once, at its start. */
export interface SharedData {
  schemas: LoadedSchema[];
}

/** A task as posted to a worker: its schema named by its place in SharedData.schemas. */
export type PostedTask = Omit<FileTask, 'schema'> & { schemaRef?: number };

/** The task with its schema back (the thread's own copy, the same object for every task using it). */
export function resolveTask(task: PostedTask, data: SharedData): FileTask {
  if (task.schemaRef === undefined) return task;
  const { schemaRef, ...rest } = task;
  return { ...rest, schema: data.schemas[schemaRef] };
}

/**
 * Take the schemas out of the tasks: each distinct schema is posted once per worker (not once per
 * file), and every task of a thread then uses the same schema object, whose field plans are cached.
 */
export function shareSchemas(tasks: readonly FileTask[]): {
  tasks: PostedTask[];
  data: SharedData;
  resolve: (task: PostedTask) => FileTask;
} {
  const schemas: LoadedSchema[] = [];
  const refs = new Map<LoadedSchema, number>();
  const posted = tasks.map((t): PostedTask => {
    if (!t.schema) return t;
    let ref = refs.get(t.schema);
    if (ref === undefined) {
      ref = schemas.length;
      schemas.push(t.schema);
      refs.set(t.schema, ref);
    }
    const { schema: _schema, ...rest } = t;
    return { ...rest, schemaRef: ref };
  });
  const data: SharedData = { schemas };
  return { tasks: posted, data, resolve: (t) => resolveTask(t, data) };
}
