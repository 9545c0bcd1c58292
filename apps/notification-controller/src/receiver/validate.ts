// Per-type authentication of a webhook call, as upstream's validate(): pure functions of the request, the
// Secret's token and spec.events, so each rule is testable without a server. A failure is a 400 with a
// message saying what was wrong; the server never says which Receiver the path belonged to.
import { timingSafeEqual } from 'node:crypto';
import { verifyHexSignature, verifyPrefixedSignature } from './signatures.ts';

export const receiverTypes = [
  'generic', 'generic-hmac', 'generic-oidc', 'github', 'gitlab', 'gitea', 'bitbucket', 'harbor', 'dockerhub', 'quay', 'gcr', 'nexus', 'acr', 'cdevents',
] as const;
export type ReceiverType = (typeof receiverTypes)[number];

export interface WebhookRequest {
  /** Node's header record: lower-case names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export type ValidationResult =
  /**
   * `req`, when set, replaces the JSON body as the `req` that resource filters see (gcr: the decoded Pub/Sub
   * data); `claims` are the verified token claims resource filters see as `claims` (generic-oidc).
   */
  | { ok: true; event?: string; req?: unknown; claims?: Record<string, unknown> }
  /** The call is genuine but asks for nothing (a GitHub ping): answer 200 and trigger nothing. */
  | { ok: true; event: string; ignore: true }
  | { ok: false; message: string };

export interface ValidationInput {
  type: string;
  token: string;
  /** spec.events: an allow-list compared without case; empty allows every event. */
  events?: readonly string[];
}

export function validateRequest(req: WebhookRequest, input: ValidationInput): ValidationResult {
  const validator = validators[input.type as ReceiverType] as Validator | undefined;
  if (!validator) return fail(`unsupported receiver type "${input.type}"`);
  return validator(req, input);
}

type Validator = (req: WebhookRequest, input: ValidationInput) => ValidationResult;

const validators: Record<ReceiverType, Validator> = {
  generic: () => ({ ok: true }),
  'generic-hmac': (req, { token }) => {
    const checked = verifyPrefixedSignature(header(req, 'x-signature'), token, req.body);
    return checked.ok ? { ok: true } : fail(`the X-Signature header is invalid: ${checked.reason}`);
  },
  // Verifying a generic-oidc call needs the issuer's keys, discovered over the network: see authenticateRequest.
  'generic-oidc': () => fail("generic-oidc requests are verified with their issuer's signing keys, which this synchronous check does not have"),
  github: (req, input) => {
    const event = header(req, 'x-github-event') ?? '';
    const signed = verifyHubSignature(req, input.token, 'GitHub');
    if (!signed.ok) return signed;
    const payload = githubPayload(req);
    if (!payload.ok) return payload;
    // A ping only proves the hook is set up; answering it keeps the Git host's delivery log green
    // whatever spec.events says, and it must not trigger anything.
    if (event.toLowerCase() === 'ping') return { ok: true, event, ignore: true };
    return allowedEvent('GitHub', event, input.events);
  },
  gitlab: (req, input) => {
    if (!sameSecret(header(req, 'x-gitlab-token'), input.token)) return fail('the X-Gitlab-Token header value does not match the receiver token');
    return allowedEvent('GitLab', header(req, 'x-gitlab-event') ?? '', input.events);
  },
  gitea: (req, input) => {
    const signature = header(req, 'x-gitea-signature');
    if (!signature) return fail('the X-Gitea-Signature header is missing');
    if (!verifyHexSignature('sha256', input.token, req.body, signature)) return fail('the X-Gitea-Signature header is invalid: signature does not match the payload');
    const payload = jsonObject(req.body, 'Gitea');
    if (!payload.ok) return payload;
    return allowedEvent('Gitea', header(req, 'x-gitea-event') ?? '', input.events);
  },
  bitbucket: (req, input) => {
    const signed = verifyHubSignature(req, input.token, 'Bitbucket');
    if (!signed.ok) return signed;
    return allowedEvent('Bitbucket', header(req, 'x-event-key') ?? '', input.events);
  },
  harbor: (req, { token }) => (sameSecret(header(req, 'authorization'), token) ? { ok: true } : fail('the Harbor Authorization header value does not match the receiver token')),
  dockerhub: (req) => shaped(req, 'DockerHub', (o) => isObjectOrAbsent(o['push_data'], { tag: 'string' }) && isObjectOrAbsent(o['repository'], { repo_url: 'string' })),
  quay: (req) => shaped(req, 'Quay', (o) => isTypeOrAbsent(o['docker_url'], 'string') && isStringArrayOrAbsent(o['updated_tags'])),
  nexus: (req, { token }) => {
    const signature = header(req, 'x-nexus-webhook-signature');
    if (!signature || !verifyHexSignature('sha1', token, req.body, signature)) return fail('the Nexus signature header is invalid');
    return shaped(req, 'Nexus', (o) => isTypeOrAbsent(o['action'], 'string') && isTypeOrAbsent(o['repositoryName'], 'string'));
  },
  acr: (req) => shaped(req, 'ACR', (o) => isTypeOrAbsent(o['action'], 'string') && isObjectOrAbsent(o['target'], { repository: 'string', tag: 'string' })),
  // Verifying a gcr call needs Google's signing keys, fetched over the network: see authenticateRequest.
  gcr: () => fail('gcr requests are verified with Google\'s signing keys, which this synchronous check does not have'),
  cdevents: (req, input) => {
    const event = header(req, 'ce-type') ?? '';
    const allowed = allowedEvent('CDEvents', event, input.events);
    if (!allowed.ok) return allowed;
    const payload = jsonObject(req.body, 'CDEvents');
    if (!payload.ok) return payload;
    const problem = cdeventProblem(payload.value);
    return problem ? fail(`unable to validate CDEvent: ${problem}`) : allowed;
  },
};

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function header(req: WebhookRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** GitHub and Bitbucket sign with X-Hub-Signature-256, or the older sha1 X-Hub-Signature. */
function verifyHubSignature(req: WebhookRequest, token: string, who: string): ValidationResult {
  const checked = verifyPrefixedSignature(header(req, 'x-hub-signature-256') ?? header(req, 'x-hub-signature'), token, req.body);
  return checked.ok ? { ok: true } : fail(`the ${who} signature header is invalid: ${checked.reason}`);
}

/** GitHub posts JSON, or a form whose `payload` field holds the JSON. */
function githubPayload(req: WebhookRequest): ValidationResult {
  const contentType = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let json: Buffer | string;
  if (contentType === 'application/json') json = req.body;
  else if (contentType === 'application/x-www-form-urlencoded') json = new URLSearchParams(req.body.toString('utf8')).get('payload') ?? '';
  else return fail(`unable to parse GitHub payload: unsupported Content-Type "${contentType}"`);
  const parsed = jsonObject(json, 'GitHub');
  return parsed.ok ? { ok: true } : parsed;
}

function allowedEvent(who: string, event: string, events: readonly string[] | undefined): ValidationResult {
  if (events && events.length > 0 && !events.some((e) => e.toLowerCase() === event.toLowerCase())) {
    return fail(`the ${who} event '${event}' is not authorised`);
  }
  return { ok: true, event };
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function jsonObject(body: Buffer | string, who: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  try {
    const value: unknown = JSON.parse(body.toString());
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // reported below
  }
  return fail(`cannot decode ${who} webhook payload: expected a JSON object`);
}

/** Registry payloads are decoded into typed structs upstream: a field of the wrong type fails the call. */
function shaped(req: WebhookRequest, who: string, check: (o: Record<string, unknown>) => boolean): ValidationResult {
  const parsed = jsonObject(req.body, who);
  if (!parsed.ok) return parsed;
  return check(parsed.value) ? { ok: true } : fail(`cannot decode ${who} webhook payload: a field has the wrong type`);
}

function isTypeOrAbsent(value: unknown, type: 'string' | 'number' | 'boolean'): boolean {
  return value === undefined || value === null || typeof value === type;
}

function isStringArrayOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

function isObjectOrAbsent(value: unknown, fields: Record<string, 'string'>): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(fields).every(([k, t]) => isTypeOrAbsent((value as Record<string, unknown>)[k], t));
}

const cdeventType = /^dev\.cdevents\.[a-z]+\.[a-z]+\.\d+\.\d+\.\d+(-\S+)?$/;

/** The structural rules of a CDEvents (v0.4) event: a context naming a cdevents type, and a subject. */
function cdeventProblem(event: Record<string, unknown>): string | undefined {
  const context = event['context'];
  if (!context || typeof context !== 'object') return 'missing context';
  const c = context as Record<string, unknown>;
  for (const field of ['version', 'id', 'source', 'type', 'timestamp']) {
    if (typeof c[field] !== 'string' || c[field] === '') return `context.${field} is required`;
  }
  if (!cdeventType.test(c['type'] as string)) return `context.type "${String(c['type'])}" is not a CDEvents type`;
  if (Number.isNaN(Date.parse(c['timestamp'] as string))) return 'context.timestamp is not a timestamp';
  const subject = event['subject'];
  if (!subject || typeof subject !== 'object') return 'missing subject';
  const s = subject as Record<string, unknown>;
  if (typeof s['content'] !== 'object' || s['content'] === null) return 'subject.content is required';
  return undefined;
}
