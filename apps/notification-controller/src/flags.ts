// notification-controller's own flags, beside the runtime's shared ones. Names and defaults are upstream's
// (reference §8.3), camelCase --receiverAddr included, so Flux Deployments' `args:` keep working.
import { type FlagSpecs, parseFlags } from '@conflux/runtime';

export const notificationFlagSpecs = {
  receiverAddr: {
    flag: 'receiverAddr',
    type: 'string',
    default: ':9292',
    usage: 'The address the webhook receiver server binds to.',
  },
  rateLimitInterval: {
    flag: 'rate-limit-interval',
    type: 'duration',
    default: 5 * 60_000,
    min: 1,
    usage: 'The window in which an identical event is accepted once; repeats get HTTP 429.',
  },
  noCrossNamespaceRefs: {
    flag: 'no-cross-namespace-refs',
    type: 'bool',
    default: false,
    usage: 'Refuse Alerts whose event sources, and Receivers whose resources, are in another namespace.',
  },
  exportHttpPathMetrics: {
    flag: 'export-http-path-metrics',
    type: 'bool',
    default: false,
    usage: 'Label the HTTP metrics with the full request path instead of "/".',
  },
  watchConfigsLabelSelector: {
    flag: 'watch-configs-label-selector',
    type: 'string',
    default: 'reconcile.fluxcd.io/watch=Enabled',
    usage: 'Secrets with these labels re-trigger the Receivers that use them.',
  },
  featureGates: {
    flag: 'feature-gates',
    type: 'string',
    default: '',
    usage: 'Comma-separated Gate=true|false pairs; accepted for compatibility, none changes behaviour yet.',
  },
  defaultServiceAccount: {
    flag: 'default-service-account',
    type: 'string',
    default: '',
    usage: 'Accepted for compatibility; workload identity is not supported yet.',
  },
} satisfies FlagSpecs;

const eventsAddrSpec = {
  eventsAddr: {
    flag: 'events-addr',
    type: 'string',
    default: ':9090',
    usage: 'The address the event server binds to.',
  },
} satisfies FlagSpecs;

/**
 * Takes --events-addr (and EVENTS_ADDR) out before the runtime sees them. For every other controller the
 * runtime reads it as the URL events are POSTed to; here it is where they are received, and leaving it to
 * the runtime would make this controller POST its own events to a listen address.
 */
export function takeEventsAddr(argv: readonly string[], env: NodeJS.ProcessEnv): { eventsAddr: string; argv: string[]; env: NodeJS.ProcessEnv } {
  const ours: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--events-addr') {
      ours.push(arg);
      if (i + 1 < argv.length) ours.push(argv[++i] as string);
    } else if (arg.startsWith('--events-addr=')) ours.push(arg);
    else rest.push(arg);
  }
  const { eventsAddr } = parseFlags(eventsAddrSpec, ours, env);
  const { EVENTS_ADDR: _taken, ...otherEnv } = env;
  return { eventsAddr, argv: rest, env: otherEnv };
}
