// The size from which one CSV file is validated in chunks on several threads (issue 14).
/**
 * Files from this size up are validated in chunks when there are several lanes. A worker costs about
 * 0.6 s of CPU before it helps (its modules, its own JIT warm-up; measured: the 1M-row budget file
 * in 8 chunks costs 6.1 s of CPU in one thread, 6.8 s with every chunk on one worker), and validating
 * costs about 20 ms of CPU per MB: the second lane wins back its start from about 60 MB on.
 */
export const CHUNK_THRESHOLD = 64 * 1024 * 1024;
