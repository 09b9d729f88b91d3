// Worker entry when the CLI runs from its TypeScript sources (tests of modules, `node --import
// tsx src/cli/main.ts`). Node 20 does not carry the parent's `--import tsx` loader into worker
// threads, so the worker registers tsx itself before loading the TypeScript entry.
//
// CommonJS on purpose: piscina require()s a worker file before trying import(), and on Node 20
// two concurrent require() calls of an ES module in one worker can crash the process (a race in
// require(esm)); requiring a CommonJS file and importing the ES module from it avoids that. The
// built CLI uses dist/cli.cjs the same way.
'use strict';

let handler;

module.exports = async function runTask(task) {
  handler ??= (async () => {
    const { register } = await import('tsx/esm/api');
    register();
    return (await import('./main.ts')).default;
  })();
  return (await handler)(task);
};
