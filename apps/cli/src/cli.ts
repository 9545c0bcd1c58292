// The command table of `conflux`. This issue only has `version`; the day-2 verbs of the flux CLI
// (get, reconcile, suspend, resume, ...) arrive with the controllers they talk to.

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliContext {
  version: string;
}

const usage = `Usage: conflux <command>

Commands:
  version   Print the version of the conflux CLI and of the Node.js runtime
  help      Show this help
`;

export function runCli(argv: readonly string[], ctx: CliContext): CliResult {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { code: 0, stdout: usage, stderr: '' };
    case 'version':
    case '--version':
      if (rest.length > 0) return { code: 2, stdout: '', stderr: `conflux version: unexpected argument "${rest[0]}"\n` };
      return { code: 0, stdout: `conflux ${ctx.version} (node ${process.version})\n`, stderr: '' };
    default:
      return { code: 2, stdout: '', stderr: `conflux: unknown command "${command}"\n\n${usage}` };
  }
}
