/**
 * Runs chunk tasks on worker threads (piscina) or, with `--threads 0`, on the main thread.
 *
 * The job (columns, operation, keyring text and key bytes) goes to every worker once, as
 * workerData; each task then carries only its chunk's bytes, *transferred* (moved, not copied)
 * to the worker, and the serialized output comes back the same way.
 *
 * Worker threads share this process's memory, so the key bytes in workerData stay in the
 * process, as they would in a single-threaded run.
 */
import { Piscina } from 'piscina';
import { createJob, type JobConfig, type TaskInput, type TaskResult } from './job.js';

export interface TaskRunner {
  run(task: TaskInput): Promise<TaskResult>;
  close(): Promise<void>;
}

let workerEntry: string | undefined;

const WORKER_OLD_GENERATION_MB = 64;
const WORKER_YOUNG_GENERATION_MB = 16;

/**
 * The module workers load: its default export runs one task (see main.ts). Set by the entry
 * point, because only it knows its own URL once bundled.
 */
export function setWorkerEntry(url: string): void {
  workerEntry = url;
}

export async function createRunner(config: JobConfig, threads: number): Promise<TaskRunner> {
  if (threads === 0) {
    const job = await createJob(config);
    return { run: async (task) => job.run(task), close: async () => undefined };
  }
  if (workerEntry === undefined) throw new Error('worker entry not set');
  const pool = new Piscina<TaskInput, TaskResult>({
    filename: workerEntry,
    minThreads: threads,
    maxThreads: threads,
    workerData: config,
    // The CLI bounds the tasks in flight itself; an idle worker has nothing to wait for.
    idleTimeout: 1000,
    // A worker's live data is one chunk (about 64 KiB of rows, or one record of at most 16 MiB).
    // Bounded heaps make V8 collect the chunks already done instead of growing: without them two
    // workers took the process past 400 MB; with them it stays under 300 MB (docs/CLI.md).
    resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  return {
    run: (task) => {
      const transferList = task.bytes.byteLength > 0 ? [task.bytes.buffer as ArrayBuffer] : [];
      if (task.elements !== undefined) transferList.push(task.elements.buffer as ArrayBuffer);
      return pool.run(task, { transferList });
    },
    close: () => pool.destroy(),
  };
}
