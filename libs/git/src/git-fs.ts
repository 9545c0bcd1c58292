import * as nodeFs from 'node:fs';

type ReadFile = typeof nodeFs.promises.readFile;

/**
 * The file system handed to isomorphic-git. It wraps whatever it is given on every API call and probes
 * it each time by calling `readFile()` with no arguments to see whether a promise comes back; on
 * node:fs that builds and throws an argument error, twice per call and dozens of times per clone.
 * Answering the probe with a resolved promise gives isomorphic-git the same verdict for nothing.
 */
const readFile = ((...args: Parameters<ReadFile>) =>
  args[0] === undefined ? Promise.resolve(undefined) : nodeFs.promises.readFile(...args)) as ReadFile;

export const gitFs = { promises: { ...nodeFs.promises, readFile } };
