// `helm template`'s command line as pflag reads it: flags anywhere among the arguments, `--flag value`
// and `--flag=value`, short `-f`/`-n`/`-a` (also glued: `-fvalues.yaml`), `--` ending the flags.

export interface TemplateArgs {
  releaseName: string;
  chart: string;
  valueFiles: string[];
  set: string[];
  setString: string[];
  namespace: string;
  kubeVersion?: string;
  apiVersions: string[];
  includeCrds: boolean;
  skipTests: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const valued: Record<string, string> = { f: 'values', n: 'namespace', a: 'api-versions' };
const withValue = new Set(['values', 'set', 'set-string', 'namespace', 'kube-version', 'api-versions']);
const booleans = new Set(['include-crds', 'skip-tests']);

/** Parses the arguments after `template`. */
export function parseTemplateArgs(argv: readonly string[]): TemplateArgs {
  const out: TemplateArgs = { releaseName: '', chart: '', valueFiles: [], set: [], setString: [], namespace: 'default', apiVersions: [], includeCrds: false, skipTests: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      value = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (arg.startsWith('-') && arg.length > 1) {
      const long = valued[arg[1]!];
      if (long === undefined) throw new UsageError(`unknown shorthand flag: '${arg[1]}' in ${arg}`);
      name = long;
      const rest = arg.slice(2);
      value = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    } else {
      positional.push(arg);
      continue;
    }
    if (booleans.has(name)) {
      if (value !== undefined && value !== 'true' && value !== 'false') throw new UsageError(`invalid argument "${value}" for "--${name}" flag: must be true or false`);
      const on = value !== 'false';
      if (name === 'include-crds') out.includeCrds = on;
      else out.skipTests = on;
      continue;
    }
    if (!withValue.has(name)) throw new UsageError(`unknown flag: --${name}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
      value = argv[++i]!;
    }
    switch (name) {
      case 'values':
        // A string slice in pflag: commas separate several files.
        out.valueFiles.push(...value.split(','));
        break;
      case 'set':
        out.set.push(value);
        break;
      case 'set-string':
        out.setString.push(value);
        break;
      case 'namespace':
        out.namespace = value;
        break;
      case 'kube-version':
        out.kubeVersion = value;
        break;
      default:
        out.apiVersions.push(...value.split(','));
    }
  }
  if (positional.length === 0 || positional.length > 2) {
    throw new UsageError(positional.length === 0 ? '"helm template" requires at least 1 argument' : '"helm template" requires at most 2 arguments');
  }
  // With one argument helm names the release "release-name".
  [out.releaseName, out.chart] = positional.length === 2 ? [positional[0]!, positional[1]!] : ['release-name', positional[0]!];
  return out;
}
