// The bus, the event recorder and the leader elector each take a plain log function so that they need no
// logger of their own; these adapt the manager's pino logger to them.
import type { BusLog } from '@conflux/bus';
import type { EventLog } from '../events/types.ts';
import type { LeaderElectionLog } from '../leader/election.ts';
import type { Logger } from '../observability/logging.ts';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

function adapter(log: Logger): (level: Level, message: string, fields?: Record<string, unknown>) => void {
  return (level, message, fields) => log[level](fields ?? {}, message);
}

export const busLog = (log: Logger): BusLog => adapter(log.child({ component: 'nats' }));
export const eventLog = (log: Logger): EventLog => adapter(log.child({ component: 'events' }));
export const leaderLog = (log: Logger): LeaderElectionLog => adapter(log.child({ component: 'leader-election' }));
