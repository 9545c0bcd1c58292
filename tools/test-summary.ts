// Reads the totals out of node's test-runner output (the spec reporter's closing "ℹ pass N" and
// "ℹ fail N" lines), which Nx streams with a project prefix and may replay from its cache.

const ansi = /\x1b\[[0-9;]*m/g;

export function countResults(output: string): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const raw of output.split('\n')) {
    const line = raw.replace(ansi, '');
    const match = /ℹ (pass|fail) (\d+)\s*$/.exec(line);
    if (!match) continue;
    if (match[1] === 'pass') passed += Number(match[2]);
    else failed += Number(match[2]);
  }
  return { passed, failed };
}
