/**
 * The worker thread's side of the pool: builds the job once from workerData, then runs tasks.
 * The output bytes are moved (transferred) back to the main thread, not copied.
 */
import { Piscina } from 'piscina';
import { createJob, type Job, type JobConfig, type TaskInput, type TaskResult } from './job.js';

let job: Promise<Job> | undefined;

export async function runTask(task: TaskInput): Promise<unknown> {
  job ??= createJob(Piscina.workerData as JobConfig);
  const result: TaskResult = (await job).run(task);
  if (result.out.byteLength === 0) return result;
  // piscina's Transferable protocol: the object to send, and the buffers to move with it.
  const movable = { [Piscina.transferableSymbol]: [result.out.buffer], [Piscina.valueSymbol]: result };
  // (Its types only admit its own symbol-keyed interface, which TypeScript cannot name here.)
  return Piscina.move(movable as never);
}
