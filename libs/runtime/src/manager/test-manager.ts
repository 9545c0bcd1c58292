// A widget controller in a process of its own, for the leader-election and shutdown tests: a leader that
// is killed with SIGKILL must die without running any cleanup. It takes the manager's usual flags and
// reports on stdout: "identity <id>", "health <url>", "leading", "reconciling <key>", "reconciled <key>".
import { createManager } from '../manager.ts';
import { widgetResource } from '@conflux/testing';
import { type Widget, widgetReconciler } from './test-reconciler.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

const manager = await createManager({ name: 'widget-controller', argv: process.argv.slice(2) });
manager.controller<Widget>({
  resource: widgetResource,
  reconciler: widgetReconciler(manager.identity, {
    started: (key) => say(`reconciling ${key}`),
    finished: (key) => say(`reconciled ${key}`),
  }),
});
say(`identity ${manager.identity}`);
await manager.start();
say(`health ${manager.healthEndpoint?.url ?? ''}`);
await manager.elected;
say('leading');
