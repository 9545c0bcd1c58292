#!/usr/bin/env node
import { runCli } from './cli.ts';

// The bundle replaces this with the package version at build time (tools/build-app.ts); running the
// sources directly reports "dev".
declare const CONFLUX_VERSION: string | undefined;
const version = typeof CONFLUX_VERSION === 'string' ? CONFLUX_VERSION : 'dev';

const result = runCli(process.argv.slice(2), { version });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
