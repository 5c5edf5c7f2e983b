// Worker-thread entry of batch runs: processes the files the pool posts (src/batch/pool.ts), one at a time.
import { serveTasks } from '../batch/pool.js';
import { runFileTask } from './file-task.js';

serveTasks(runFileTask);
