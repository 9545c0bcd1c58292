// Sprig's getHostByName, and Helm's stand-in for it. Template functions run synchronously but node:dns
// only resolves asynchronously, so the lookup runs on a small worker thread while this thread waits on a
// SharedArrayBuffer with Atomics.wait. Helm renders with the stand-in (always "") unless DNS lookups are
// enabled (`helm template --enable-dns`).

import { randomInt } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { defineFunc, type FuncMap } from '../template/builtins.ts';

/** How long one lookup may block a render before it counts as failed. */
export const dnsLookupTimeoutMs = 10_000;

// Plain JavaScript evaluated in the worker, so bundles need no separate worker file.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const dns = require('node:dns');
parentPort.on('message', ({ name, shared }) => {
  const state = new Int32Array(shared, 0, 2);
  const bytes = new Uint8Array(shared, 8);
  dns.lookup(name, { all: true, verbatim: true }, (err, addresses) => {
    const encoded = new TextEncoder().encode(JSON.stringify(err ? [] : addresses.map((a) => a.address)));
    const n = Math.min(encoded.length, bytes.length);
    bytes.set(encoded.subarray(0, n));
    state[1] = n;
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
  });
});
`;

let worker: Worker | undefined;

function resolver(): Worker {
  if (worker === undefined) {
    worker = new Worker(workerSource, { eval: true });
    // The lookup thread must never keep a finished process alive.
    worker.unref();
    worker.on('error', () => (worker = undefined));
    worker.on('exit', () => (worker = undefined));
  }
  return worker;
}

/** The addresses `name` resolves to (hosts file and DNS, as getaddrinfo sees them); [] on failure or timeout. */
export function lookupHostSync(name: string, timeoutMs = dnsLookupTimeoutMs): string[] {
  const shared = new SharedArrayBuffer(8 + 8192);
  const state = new Int32Array(shared, 0, 2);
  resolver().postMessage({ name, shared });
  if (Atomics.wait(state, 0, 0, timeoutMs) === 'timed-out') return [];
  try {
    return JSON.parse(new TextDecoder().decode(new Uint8Array(shared, 8, state[1]))) as string[];
  } catch {
    return [];
  }
}

/** Sprig's getHostByName: one of the name's addresses at random, as Sprig picks one. */
function getHostByName(name: string): string {
  const addresses = lookupHostSync(name);
  // Sprig indexes with rand.Intn(len(addrs)), which panics when the lookup found nothing.
  if (addresses.length === 0) throw new Error('invalid argument to Intn');
  return addresses[randomInt(addresses.length)]!;
}

export const dnsFuncs: FuncMap = {
  getHostByName: defineFunc(['string'], 'string', (name) => getHostByName(name as string)),
};

/** What Helm puts in getHostByName's place when DNS lookups are not enabled. */
export const noDnsFuncs: FuncMap = {
  getHostByName: defineFunc(['string'], 'string', () => ''),
};
