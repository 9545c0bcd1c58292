import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toConsoleLine } from './console-encoder.ts';
import { createLogger, type LoggerOptions, reconcileLogger } from './logging.ts';

function capture(options: Omit<LoggerOptions, 'destination'> = {}) {
  const lines: string[] = [];
  const log = createLogger({ ...options, destination: { write: (line: string) => void lines.push(line) } });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, entries };
}

describe('createLogger', () => {
  it('GIVEN a controller logger WHEN it logs THEN each line is JSON with upstream\'s level, ts, msg and controller keys', () => {
    const { log, lines, entries } = capture({ controller: 'gitrepository' });
    log.info({ revision: 'main@sha1:abc' }, 'stored artifact');
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.endsWith('\n'));
    const [entry] = entries();
    assert.equal(entry?.level, 'info');
    assert.equal(entry?.msg, 'stored artifact');
    assert.equal(entry?.controller, 'gitrepository');
    assert.equal(entry?.revision, 'main@sha1:abc');
    assert.match(String(entry?.ts), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(entry?.pid, undefined, 'no pino-only keys such as pid or hostname');
    assert.equal(entry?.hostname, undefined);
  });

  it('GIVEN --log-level=info WHEN debug and trace lines are logged THEN only info and error reach the output', () => {
    const { log, entries } = capture({ level: 'info' });
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.error('e');
    assert.deepEqual(entries().map((e) => e.level), ['info', 'error']);
  });

  it('GIVEN --log-level=error WHEN info is logged THEN it is dropped', () => {
    const { log, entries } = capture({ level: 'error' });
    log.info('quiet');
    log.error('loud');
    assert.deepEqual(entries().map((e) => e.msg), ['loud']);
  });

  it('GIVEN --log-level=trace WHEN trace is logged THEN it appears with the level "trace"', () => {
    const { log, entries } = capture({ level: 'trace' });
    log.trace('finest');
    assert.equal(entries()[0]?.level, 'trace');
  });

  it('GIVEN a reconcile WHEN its child logger logs THEN the object and reconcile ID ride along on every line', () => {
    const { log, entries } = capture({ controller: 'kustomization' });
    const rlog = reconcileLogger(log, { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }, 'rid-1');
    rlog.info('Reconciliation finished in 968ms, next run in 10m0s');
    rlog.debug('hidden at info');
    const all = entries();
    assert.equal(all.length, 1);
    assert.deepEqual(
      { controller: all[0]?.controller, controllerKind: all[0]?.controllerKind, namespace: all[0]?.namespace, name: all[0]?.name, reconcileID: all[0]?.reconcileID },
      { controller: 'kustomization', controllerKind: 'Kustomization', namespace: 'flux-system', name: 'apps', reconcileID: 'rid-1' },
    );
  });

  it('GIVEN an Error under "error" WHEN logged THEN it is the plain message, as upstream writes it', () => {
    const { log, entries } = capture();
    log.error({ error: new Error('failed to checkout: auth required') }, 'Reconciler error');
    assert.equal(entries()[0]?.error, 'failed to checkout: auth required');
  });

  it('GIVEN credentials at the top level, in headers or in a Secret\'s data WHEN logged THEN their values never reach the output', () => {
    const { log, lines } = capture();
    log.info(
      {
        password: 'hunter2',
        auth: { username: 'git', token: 'ghp_topsecret' },
        request: { headers: { authorization: 'Bearer abc.def', 'proxy-authorization': 'Basic eHl6' } },
        secret: { name: 'creds', data: { identity: 'LS0tLS1CRUdJTi' } },
        helm: { bearerToken: 'tok123' },
      },
      'connecting',
    );
    const out = lines.join('');
    for (const secret of ['hunter2', 'ghp_topsecret', 'Bearer abc.def', 'eHl6', 'LS0tLS1CRUdJTi', 'tok123']) {
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    }
    const entry = JSON.parse(out) as { auth: { username: string; token: string }; secret: { name: string } };
    assert.equal(entry.auth.username, 'git', 'non-secret siblings stay');
    assert.equal(entry.auth.token, '[REDACTED]');
    assert.equal(entry.secret.name, 'creds');
  });

  it('GIVEN a secret bound into a child logger WHEN it logs THEN the binding is redacted too', () => {
    const { log, lines } = capture();
    log.child({ token: 'child-secret' }).info('x');
    assert.ok(!lines.join('').includes('child-secret'));
  });

  it('GIVEN --log-encoding=console WHEN logging THEN lines are tab-separated ts, LEVEL, msg and the fields as JSON', () => {
    const { log, lines } = capture({ encoding: 'console', controller: 'helmrelease' });
    log.info({ revision: '1.2.3' }, 'release upgraded');
    const columns = (lines[0] ?? '').trimEnd().split('\t');
    assert.equal(columns.length, 4, lines[0]);
    assert.match(columns[0] ?? '', /^\d{4}-.*Z$/);
    assert.equal(columns[1], 'INFO');
    assert.equal(columns[2], 'release upgraded');
    assert.deepEqual(JSON.parse(columns[3] ?? ''), { controller: 'helmrelease', revision: '1.2.3' });
  });
});

describe('toConsoleLine', () => {
  it('GIVEN a line with no extra fields WHEN encoded THEN there is no trailing JSON column', () => {
    assert.equal(toConsoleLine('{"level":"error","ts":"T","msg":"m"}\n'), 'T\tERROR\tm\n');
  });

  it('GIVEN a line that is not JSON WHEN encoded THEN it passes through untouched', () => {
    assert.equal(toConsoleLine('plain\n'), 'plain\n');
  });
});
