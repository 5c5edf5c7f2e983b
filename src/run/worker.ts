// Worker-thread entry of batch runs: processes the files the pool posts (src/batch/pool.ts), one at a time.
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../batch/pool.js';
import { resolveTask, type PostedTask, type SharedData } from './shared.js';
import { runFileTask } from './task.js';

const shared = (workerData ?? { schemas: [] }) as SharedData;
serveTasks((task: PostedTask) => runFileTask(resolveTask(task, shared)));
