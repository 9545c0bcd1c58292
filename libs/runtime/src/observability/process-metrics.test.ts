import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registerProcessMetrics } from './process-metrics.ts';
import { Registry } from './prometheus.ts';

const value = (text: string, name: string) => {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
};

describe('registerProcessMetrics', () => {
  it('GIVEN this process WHEN scraped THEN memory, CPU, start time, fds and event-loop lag are plausible readings of it', async () => {
    const registry = new Registry();
    registerProcessMetrics(registry);
    const text = await registry.metrics();
    const rss = value(text, 'process_resident_memory_bytes');
    assert.ok(rss !== undefined && rss > 10 * 2 ** 20, `rss ${rss}`);
    const heapUsed = value(text, 'nodejs_heap_size_used_bytes') ?? NaN;
    assert.ok(heapUsed > 0 && heapUsed <= (value(text, 'nodejs_heap_size_total_bytes') ?? 0));
    const start = value(text, 'process_start_time_seconds') ?? NaN;
    assert.ok(start <= Date.now() / 1000 && start > Date.now() / 1000 - 3600, `start ${start}`);
    assert.ok((value(text, 'process_cpu_seconds_total') ?? 0) > 0);
    assert.ok((value(text, 'nodejs_eventloop_lag_seconds') ?? -1) >= 0);
    assert.match(text, new RegExp(`^nodejs_version_info\\{version="${process.version}",major="\\d+",minor="\\d+",patch="\\d+"\\} 1$`, 'm'));
    if (process.platform === 'linux') {
      assert.ok((value(text, 'process_virtual_memory_bytes') ?? 0) >= (rss ?? Infinity), 'virtual memory covers the resident set');
      assert.ok((value(text, 'process_open_fds') ?? 0) >= 3, 'at least stdin, stdout and stderr');
      assert.ok((value(text, 'process_max_fds') ?? 0) >= (value(text, 'process_open_fds') ?? Infinity));
    }
  });

  it('GIVEN CPU spent between two scrapes WHEN scraped again THEN process_cpu_seconds_total has grown', async () => {
    const registry = new Registry();
    registerProcessMetrics(registry);
    const before = value(await registry.metrics(), 'process_cpu_seconds_total') ?? NaN;
    const until = Date.now() + 30;
    while (Date.now() < until); // burn a little CPU
    const after = value(await registry.metrics(), 'process_cpu_seconds_total') ?? NaN;
    assert.ok(after > before, `${before} → ${after}`);
  });
});
