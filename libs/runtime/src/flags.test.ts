import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type FlagError,
  FlagErrorCode,
  type FlagSpecs,
  formatDuration,
  parseDuration,
  parseFlags,
  parseRuntimeFlags,
  runtimeFlagUsage,
} from './flags.ts';

function flagError(fn: () => unknown): FlagError {
  try {
    fn();
  } catch (err) {
    assert.equal((err as Error).name, 'FlagError', `expected a FlagError, got ${String(err)}`);
    return err as FlagError;
  }
  assert.fail('expected a FlagError, nothing was thrown');
}

describe('parseDuration', () => {
  const cases: [string, number][] = [
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['750ms', 750],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['2h45m0.5s', 9_900_500],
    ['.5s', 500],
    ['100us', 0.1],
    ['100µs', 0.1],
    ['250ns', 0.00025],
    ['0', 0],
    ['-2s', -2000],
    ['+3s', 3000],
  ];
  for (const [text, ms] of cases) {
    it(`GIVEN "${text}" WHEN parsed THEN is ${ms}ms`, () => {
      assert.ok(Math.abs(parseDuration(text) - ms) < 1e-9, `${parseDuration(text)} != ${ms}`);
    });
  }

  for (const text of ['', '30', 's', '1x', '1.s.', '1m30', '--1s', '1 s', '.s']) {
    it(`GIVEN the malformed "${text}" WHEN parsed THEN throws naming the text`, () => {
      assert.throws(() => parseDuration(text), (err: Error) => err.message.includes(`"${text}"`));
    });
  }
});

describe('formatDuration', () => {
  it('GIVEN milliseconds WHEN formatted THEN matches the way Go prints durations', () => {
    assert.equal(formatDuration(750), '750ms');
    assert.equal(formatDuration(30_000), '30s');
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(900_000), '15m0s');
    assert.equal(formatDuration(3_600_000), '1h0m0s');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(968.5), '968.5ms');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(-2000), '-2s');
  });

  it('GIVEN any formatted duration WHEN parsed back THEN the value round-trips', () => {
    for (const ms of [1, 750, 1500, 61_000, 5_400_000, 0.25]) assert.equal(parseDuration(formatDuration(ms)), ms);
  });
});

describe('parseRuntimeFlags', () => {
  it('GIVEN no flags and no environment WHEN parsed THEN every value is upstream\'s default', () => {
    assert.deepEqual(parseRuntimeFlags([], {}), {
      concurrent: 4,
      requeueDependencyMs: 30_000,
      watchAllNamespaces: true,
      watchLabelSelector: '',
      enableLeaderElection: false,
      leaderElectionLeaseDurationMs: 35_000,
      leaderElectionRenewDeadlineMs: 30_000,
      leaderElectionRetryPeriodMs: 5_000,
      eventsAddr: '',
      metricsAddr: ':8080',
      healthAddr: ':9440',
      logLevel: 'info',
      logEncoding: 'json',
      kubeApiQps: 50,
      kubeApiBurst: 300,
      minRetryDelayMs: 750,
      maxRetryDelayMs: 900_000,
      intervalJitterPercentage: 5,
    });
  });

  it('GIVEN the args of a Flux install WHEN parsed THEN both `--flag=value` and `--flag value` and bare booleans apply', () => {
    const flags = parseRuntimeFlags(
      [
        '--events-addr=http://notification-controller.flux-system.svc.cluster.local./',
        '--watch-all-namespaces',
        '--log-level=debug',
        '--log-encoding',
        'console',
        '--enable-leader-election',
        '--concurrent',
        '10',
        '--requeue-dependency=5s',
        '--kube-api-qps=7.5',
        '--watch-label-selector=sharding.fluxcd.io/key=shard1',
      ],
      {},
    );
    assert.equal(flags.eventsAddr, 'http://notification-controller.flux-system.svc.cluster.local./');
    assert.equal(flags.watchAllNamespaces, true);
    assert.equal(flags.logLevel, 'debug');
    assert.equal(flags.logEncoding, 'console');
    assert.equal(flags.enableLeaderElection, true);
    assert.equal(flags.concurrent, 10);
    assert.equal(flags.requeueDependencyMs, 5000);
    assert.equal(flags.kubeApiQps, 7.5);
    // Only the first "=" separates the name; the rest belongs to the selector.
    assert.equal(flags.watchLabelSelector, 'sharding.fluxcd.io/key=shard1');
  });

  it('GIVEN a controller default WHEN nothing overrides it THEN the controller default replaces upstream\'s shared one', () => {
    assert.equal(parseRuntimeFlags([], {}, { concurrent: 2 }).concurrent, 2);
    assert.equal(parseRuntimeFlags(['--concurrent=3'], {}, { concurrent: 2 }).concurrent, 3);
  });

  it('GIVEN environment variables from the chart WHEN parsed THEN they set the flags, and the command line wins', () => {
    const env = { EVENTS_ADDR: 'http://nc/', CONCURRENT: '8', WATCH_ALL_NAMESPACES: 'false', KUBE_API_BURST: '500', LOG_LEVEL: 'trace' };
    const fromEnv = parseRuntimeFlags([], env);
    assert.equal(fromEnv.eventsAddr, 'http://nc/');
    assert.equal(fromEnv.concurrent, 8);
    assert.equal(fromEnv.watchAllNamespaces, false);
    assert.equal(fromEnv.kubeApiBurst, 500);
    assert.equal(fromEnv.logLevel, 'trace');

    const both = parseRuntimeFlags(['--concurrent=1', '--watch-all-namespaces=true'], env);
    assert.equal(both.concurrent, 1);
    assert.equal(both.watchAllNamespaces, true);
  });

  it('GIVEN an empty environment variable WHEN parsed THEN it counts as unset', () => {
    assert.equal(parseRuntimeFlags([], { METRICS_ADDR: '' }).metricsAddr, ':8080');
  });

  it('GIVEN Go\'s spellings of booleans WHEN parsed THEN each is understood', () => {
    for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseRuntimeFlags([`--enable-leader-election=${v}`], {}).enableLeaderElection, true);
    for (const v of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseRuntimeFlags([`--watch-all-namespaces=${v}`], {}).watchAllNamespaces, false);
  });

  it('GIVEN an unknown flag WHEN parsed THEN the error names it', () => {
    const err = flagError(() => parseRuntimeFlags(['--concurent=2'], {}));
    assert.equal(err.code, FlagErrorCode.UnknownFlag);
    assert.equal(err.flag, 'concurent');
    assert.match(err.message, /unknown flag: --concurent/);
  });

  it('GIVEN bad values WHEN parsed THEN each error names the flag and the value', () => {
    const bad: [string[], string, RegExp][] = [
      [['--concurrent=many'], 'concurrent', /"many" for flag --concurrent: must be an integer/],
      [['--concurrent=0'], 'concurrent', /at least 1/],
      [['--requeue-dependency=30'], 'requeue-dependency', /"30" for flag --requeue-dependency/],
      [['--log-level=warn'], 'log-level', /must be one of error, info, debug, trace/],
      [['--log-encoding=text'], 'log-encoding', /one of json, console/],
      [['--enable-leader-election=yes'], 'enable-leader-election', /must be true or false/],
      [['--kube-api-qps=fast'], 'kube-api-qps', /must be a number/],
      [['--interval-jitter-percentage=100'], 'interval-jitter-percentage', /at most 99/],
    ];
    for (const [argv, flag, message] of bad) {
      const err = flagError(() => parseRuntimeFlags(argv, {}));
      assert.equal(err.code, FlagErrorCode.InvalidValue, argv.join(' '));
      assert.equal(err.flag, flag);
      assert.match(err.message, message);
    }
  });

  it('GIVEN a bad environment value WHEN parsed THEN the error names the variable and the flag', () => {
    const err = flagError(() => parseRuntimeFlags([], { CONCURRENT: 'x' }));
    assert.equal(err.flag, 'concurrent');
    assert.match(err.message, /environment variable CONCURRENT/);
  });

  it('GIVEN a flag with no value at the end WHEN parsed THEN the error says a value is missing', () => {
    const err = flagError(() => parseRuntimeFlags(['--metrics-addr'], {}));
    assert.equal(err.code, FlagErrorCode.MissingValue);
    assert.equal(err.flag, 'metrics-addr');
  });

  it('GIVEN a boolean followed by a separate word WHEN parsed THEN the error explains the `=` form, as pflag does not take it', () => {
    const err = flagError(() => parseRuntimeFlags(['--watch-all-namespaces', 'false'], {}));
    assert.equal(err.code, FlagErrorCode.UnexpectedArgument);
    assert.equal(err.flag, 'watch-all-namespaces');
    assert.match(err.message, /--watch-all-namespaces=false/);
  });

  it('GIVEN a stray positional argument WHEN parsed THEN it is refused', () => {
    assert.equal(flagError(() => parseRuntimeFlags(['run'], {})).code, FlagErrorCode.UnexpectedArgument);
  });

  it('GIVEN contradictory retry or lease durations WHEN parsed THEN the error names the flag to fix', () => {
    assert.equal(flagError(() => parseRuntimeFlags(['--min-retry-delay=1m', '--max-retry-delay=30s'], {})).flag, 'min-retry-delay');
    assert.equal(
      flagError(() => parseRuntimeFlags(['--leader-election-lease-duration=10s', '--leader-election-renew-deadline=15s'], {})).flag,
      'leader-election-renew-deadline',
    );
    assert.equal(
      flagError(() => parseRuntimeFlags(['--leader-election-retry-period=29s'], {})).flag,
      'leader-election-retry-period',
    );
  });

  it('GIVEN --help WHEN parsed THEN a HelpRequested error carries the usage, with defaults and env names', () => {
    const err = flagError(() => parseRuntimeFlags(['--help'], {}, { concurrent: 2 }));
    assert.equal(err.code, FlagErrorCode.HelpRequested);
    assert.match(err.message, /--concurrent int .*\(default 2; env CONCURRENT\)/);
    assert.match(err.message, /--max-retry-delay duration .*\(default 15m0s; env MAX_RETRY_DELAY\)/);
    assert.match(err.message, /--enable-leader-election  /);
  });
});

describe('extra flags registered by an app', () => {
  const sourceFlags = {
    storagePath: { flag: 'storage-path', type: 'string', default: '/data', usage: 'Artifact storage root.' },
    storageAddr: { flag: 'storage-addr', type: 'string', default: ':9090', env: 'STORAGE_ADDRESS', usage: 'Artifact server bind.' },
    artifactRetentionTtlMs: { flag: 'artifact-retention-ttl', type: 'duration', default: 60_000, usage: 'GC TTL.' },
    artifactRetentionRecords: { flag: 'artifact-retention-records', type: 'int', default: 2, usage: 'Files kept.' },
  } as const satisfies FlagSpecs;

  it('GIVEN source-controller\'s storage flags WHEN parsed with the shared ones THEN both sets come back typed', () => {
    const flags = parseRuntimeFlags(['--storage-path', '/tmp/a', '--concurrent=2', '--artifact-retention-ttl=2m'], { STORAGE_ADDRESS: ':9999' }, {}, sourceFlags);
    const path: string = flags.storagePath;
    assert.equal(path, '/tmp/a');
    assert.equal(flags.storageAddr, ':9999');
    assert.equal(flags.artifactRetentionTtlMs, 120_000);
    assert.equal(flags.artifactRetentionRecords, 2);
    assert.equal(flags.concurrent, 2);
  });

  it('GIVEN an extra flag that reuses a shared key WHEN parsed THEN the programming error is reported', () => {
    assert.throws(
      () => parseRuntimeFlags([], {}, {}, { concurrent: { flag: 'workers', type: 'int', default: 1, usage: '' } }),
      /reuses the key "concurrent"/,
    );
  });

  it('GIVEN the usage of the shared and extra flags WHEN printed THEN the extra env name override shows', () => {
    assert.match(runtimeFlagUsage({}, sourceFlags), /--storage-addr string .*env STORAGE_ADDRESS/);
  });

  it('GIVEN parseFlags on its own WHEN a flag is defined twice THEN it refuses', () => {
    assert.throws(
      () =>
        parseFlags(
          { a: { flag: 'x', type: 'bool', default: false, usage: '' }, b: { flag: 'x', type: 'bool', default: false, usage: '' } },
          [],
        ),
      /--x is defined twice/,
    );
  });
});
