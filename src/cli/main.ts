#!/usr/bin/env node
/**
 * Entry point of the `fieldshield` command (bundled as dist/cli.js).
 *
 * The same module is the worker threads' entry: its default export runs one chunk task. Only
 * the main thread parses the command line; a worker that loads this file just gets the export.
 * Workers load the CommonJS build of this file (dist/cli.cjs, built beside dist/cli.js):
 * piscina require()s worker files, and on Node 20 require() of an ES module in a worker can
 * crash when two tasks race to load it (see worker-dev.cjs).
 */
import { isMainThread } from 'node:worker_threads';
import { runTask } from './worker.js';

export default runTask;

async function startCli(): Promise<void> {
  const { setWorkerEntry } = await import('./pool.js');
  const here = import.meta.url;
  // From the TypeScript sources, workers go through a small loader shim (see worker-dev.cjs).
  setWorkerEntry(here.endsWith('.ts') ? new URL('./worker-dev.cjs', here).href : here.replace(/\.m?js$/, '.cjs'));
  const { main } = await import('./program.js');
  process.exitCode = await main(process.argv);
}

if (isMainThread) void startCli();
