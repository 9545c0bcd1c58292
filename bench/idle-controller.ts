// The smallest real controller built on the runtime: one kind (the test Widget), a no-op reconciler,
// metrics and health servers, NATS when NATS_URL is set. bench/idle-rss.ts bundles it with esbuild, the
// way production images run, and measures its memory at rest.
import { createManager, type KubeObject, success } from '@conflux/runtime';

const widgets = { group: 'runtime.test.conflux.dev', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true };

const manager = await createManager({ name: 'idle-controller', argv: process.argv.slice(2), env: process.env });
manager.controller<KubeObject>({
  resource: widgets,
  reconciler: {
    async reconcile() {
      return success();
    },
  },
});
await manager.start();
process.stdout.write('idle-controller started\n');
