// Worker-thread entry of batch runs: processes the files the pool posts (src/batch/pool.js), one at a time.
import { serveTasks } from '../batch/pool.js';
import { resolveTask, type PostedTask, type SharedData } from './shared.js';
import { runFileTask } from './task.js';

serveTasks((task: PostedTask, shared) => runFileTask(resolveTask(task, shared as SharedData)));
