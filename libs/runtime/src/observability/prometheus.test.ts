import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, escapeHelp, escapeLabelValue, exposition004ContentType, formatValue, Gauge, Histogram, metricFunc, Registry } from './prometheus.ts';

describe('text exposition format 0.0.4', () => {
  it('GIVEN special and ordinary numbers WHEN formatted THEN infinities and NaN use Prometheus\' spelling and the rest round-trip', () => {
    assert.equal(formatValue(Infinity), '+Inf');
    assert.equal(formatValue(-Infinity), '-Inf');
    assert.equal(formatValue(Number.NaN), 'NaN');
    assert.equal(formatValue(0), '0');
    assert.equal(formatValue(-2.5), '-2.5');
    assert.equal(formatValue(1e21), '1e+21');
    assert.equal(formatValue(1.5e-7), '1.5e-7');
    assert.equal(Number(formatValue(0.1 + 0.2)), 0.1 + 0.2);
  });

  it('GIVEN backslashes, quotes and newlines WHEN escaped THEN label values escape all three and HELP text keeps its quotes', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    assert.equal(escapeHelp('say "hi"\\\nbye'), 'say "hi"\\\\\\nbye');
  });

  it('GIVEN a gauge with awkward label values and HELP WHEN exposed THEN the lines are escaped and labels keep their declared order', async () => {
    const registry = new Registry();
    const gauge = new Gauge({ name: 'test_gauge', help: 'A "quoted"\nhelp \\ text.', labelNames: ['zeta', 'alpha'] as const, registers: [registry] });
    gauge.set({ alpha: 'x"y', zeta: 'line\nbreak\\' }, -1.5);
    assert.equal(
      await registry.metrics(),
      '# HELP test_gauge A "quoted"\\nhelp \\\\ text.\n' +
        '# TYPE test_gauge gauge\n' +
        'test_gauge{zeta="line\\nbreak\\\\",alpha="x\\"y"} -1.5\n',
    );
    assert.equal(registry.contentType, exposition004ContentType);
    assert.match(registry.contentType, /^text\/plain; version=0\.0\.4/);
  });

  it('GIVEN observations on and between bucket bounds WHEN exposed THEN buckets are cumulative, bounds inclusive, +Inf counts all, and _sum and _count follow', async () => {
    const registry = new Registry();
    const h = new Histogram({ name: 'req_seconds', help: 'h', labelNames: ['code'] as const, buckets: [0.5, 1, 10], registers: [registry] });
    for (const v of [0.25, 0.5, 0.75, 1, 20]) h.observe({ code: '200' }, v);
    assert.equal(
      await registry.metrics(),
      [
        '# HELP req_seconds h',
        '# TYPE req_seconds histogram',
        'req_seconds_bucket{code="200",le="0.5"} 2',
        'req_seconds_bucket{code="200",le="1"} 4',
        'req_seconds_bucket{code="200",le="10"} 4',
        'req_seconds_bucket{code="200",le="+Inf"} 5',
        'req_seconds_sum{code="200"} 22.5',
        'req_seconds_count{code="200"} 5',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN label-less metrics never touched WHEN exposed THEN each has one zero sample, as client_golang shows them', async () => {
    const registry = new Registry();
    new Counter({ name: 'c_total', help: 'c', registers: [registry] });
    new Histogram({ name: 'h', help: 'h', buckets: [1], registers: [registry] });
    const text = await registry.metrics();
    assert.match(text, /^c_total 0$/m);
    assert.match(text, /^h_bucket\{le="1"\} 0$/m);
    assert.match(text, /^h_bucket\{le="\+Inf"\} 0$/m);
    assert.match(text, /^h_count 0$/m);
  });

  it('GIVEN labelled metrics never touched WHEN exposed THEN only their HELP and TYPE lines appear', async () => {
    const registry = new Registry();
    new Gauge({ name: 'g', help: 'g', labelNames: ['a'] as const, registers: [registry] });
    assert.equal(await registry.metrics(), '# HELP g g\n# TYPE g gauge\n');
  });

  it('GIVEN two series WHEN one is removed THEN only the other is exposed', async () => {
    const registry = new Registry();
    const c = new Counter({ name: 'ops_total', help: 'ops', labelNames: ['op'] as const, registers: [registry] });
    c.inc({ op: 'get' });
    c.inc({ op: 'put' }, 2);
    c.inc({ op: 'put' });
    c.remove({ op: 'get' });
    const text = await registry.metrics();
    assert.doesNotMatch(text, /op="get"/);
    assert.match(text, /^ops_total\{op="put"\} 3$/m);
  });

  it('GIVEN misuse WHEN recorded THEN it throws instead of exposing a broken series', () => {
    const registry = new Registry();
    const c = new Counter({ name: 'x_total', help: 'x', labelNames: ['a'] as const, registers: [registry] });
    assert.throws(() => c.inc({ a: 'v' }, -1), RangeError, 'counters only go up');
    assert.throws(() => c.inc({} as { a: string }), /label "a" is missing/);
    assert.throws(() => c.inc({ a: 'v', b: 'w' } as { a: string }), /unknown label "b"/);
    assert.throws(() => new Counter({ name: 'x_total', help: 'again', registers: [registry] }), /already registered/);
    assert.throws(() => new Gauge({ name: 'bad-name', help: 'x' }), /invalid metric name/);
    assert.throws(() => new Gauge({ name: 'g', help: 'x', labelNames: ['__reserved'] }), /invalid label name/);
    assert.throws(() => new Histogram({ name: 'h', help: 'x', labelNames: ['le'], buckets: [1] }), /invalid label name/);
    assert.throws(() => new Histogram({ name: 'h', help: 'x', buckets: [1, 1] }), /strictly increasing/);
  });

  it('GIVEN a metricFunc WHEN scraped THEN it reads its value each time, and is left out while the value is unknown', async () => {
    const registry = new Registry();
    let value: number | undefined = 3;
    registry.register(metricFunc({ name: 'read_total', help: 'r', type: 'counter' }, () => value));
    assert.equal(await registry.metrics(), '# HELP read_total r\n# TYPE read_total counter\nread_total 3\n');
    value = undefined;
    assert.equal(await registry.metrics(), '');
  });

  it('GIVEN a collector with an asynchronous collect step WHEN scraped THEN the registry waits for it before exposing', async () => {
    const registry = new Registry();
    const g = new Gauge({ name: 'late', help: 'l' });
    registry.register({
      name: g.name,
      collect: async () => {
        await new Promise((r) => setTimeout(r, 5));
        g.set(42);
      },
      expose: () => g.expose(),
    });
    assert.match(await registry.metrics(), /^late 42$/m);
  });
});
