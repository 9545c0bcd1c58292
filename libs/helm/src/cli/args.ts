// `helm template`'s command line as pflag reads it: flags anywhere among the arguments, `--flag value`
// and `--flag=value`, short `-f`/`-n`/`-a`/`-s` (also glued: `-fvalues.yaml`), `--` ending the flags.

export interface TemplateArgs {
  releaseName: string;
  chart: string;
  valueFiles: string[];
  set: string[];
  setString: string[];
  setJson: string[];
  setFile: string[];
  setLiteral: string[];
  namespace: string;
  kubeVersion?: string;
  apiVersions: string[];
  includeCrds: boolean;
  skipTests: boolean;
  isUpgrade: boolean;
  enableDns: boolean;
  /** --show-only: path patterns of the templates to print. */
  showOnly: string[];
  outputDir?: string;
  /** --release-name: put --output-dir's files under a folder named after the release. */
  useReleaseName: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const valued: Record<string, string> = { f: 'values', n: 'namespace', a: 'api-versions', s: 'show-only' };
const withValue = new Set(['values', 'set', 'set-string', 'set-json', 'set-file', 'set-literal', 'namespace', 'kube-version', 'api-versions', 'show-only', 'output-dir']);
const booleans: Record<string, 'includeCrds' | 'skipTests' | 'isUpgrade' | 'enableDns' | 'useReleaseName'> = {
  'include-crds': 'includeCrds',
  'skip-tests': 'skipTests',
  'is-upgrade': 'isUpgrade',
  'enable-dns': 'enableDns',
  'release-name': 'useReleaseName',
};

/** Parses the arguments after `template`. */
export function parseTemplateArgs(argv: readonly string[]): TemplateArgs {
  const out: TemplateArgs = {
    releaseName: '',
    chart: '',
    valueFiles: [],
    set: [],
    setString: [],
    setJson: [],
    setFile: [],
    setLiteral: [],
    namespace: 'default',
    apiVersions: [],
    includeCrds: false,
    skipTests: false,
    isUpgrade: false,
    enableDns: false,
    showOnly: [],
    useReleaseName: false,
  };
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
    const flag = Object.hasOwn(booleans, name) ? booleans[name] : undefined;
    if (flag !== undefined) {
      if (value !== undefined && value !== 'true' && value !== 'false') throw new UsageError(`invalid argument "${value}" for "--${name}" flag: must be true or false`);
      out[flag] = value !== 'false';
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
      case 'set-json':
        out.setJson.push(value);
        break;
      case 'set-file':
        out.setFile.push(value);
        break;
      case 'set-literal':
        out.setLiteral.push(value);
        break;
      case 'show-only':
        out.showOnly.push(value);
        break;
      case 'output-dir':
        out.outputDir = value;
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
