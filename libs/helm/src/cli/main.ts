#!/usr/bin/env node
// The `conflux-helm` bin. Nothing imports this file, so it runs its command unconditionally.
import { runCli } from './template.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
