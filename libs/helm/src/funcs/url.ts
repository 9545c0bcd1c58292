// Sprig's urlParse and urlJoin over a port of Go's net/url Parse and URL.String: the split into scheme,
// opaque, userinfo, host, path, query and fragment, percent-decoding per component, and re-escaping
// with each component's own set of characters left alone.

import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { quote } from '../template/strconv.ts';
import { type GoMap, isMap, typeName } from '../template/values.ts';

const Mode = { path: 'path', host: 'host', userPassword: 'userPassword', fragment: 'fragment' } as const;
type Mode = (typeof Mode)[keyof typeof Mode];

function shouldEscape(c: number, mode: Mode): boolean {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) return false;
  if (mode === Mode.host && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    if (mode === Mode.path) return ch === '?';
    if (mode === Mode.userPassword) return '@/?:'.includes(ch);
    return false;
  }
  if (mode === Mode.fragment && '!()*'.includes(ch)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    out += shouldEscape(b, mode) ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  }
  return out;
}

class URLError extends Error {}

function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const raw = new TextEncoder().encode(s);
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25) {
      const hex = s.slice(i, i + 3);
      if (!/^%[0-9a-fA-F]{2}$/.test(new TextDecoder().decode(raw.slice(i, i + 3)))) {
        throw new URLError(`invalid URL escape ${quote(new TextDecoder().decode(raw.slice(i, i + 3)) || hex)}`);
      }
      bytes.push(parseInt(new TextDecoder().decode(raw.slice(i + 1, i + 3)), 16));
      i += 2;
      continue;
    }
    if (mode === Mode.host && b < 0x80 && shouldEscape(b, mode)) throw new URLError(`invalid character ${quote(String.fromCharCode(b))} in host name`);
    bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

interface GoURL {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const end = host.lastIndexOf(']');
    if (end < 0) throw new URLError("missing ']' in host");
    const port = host.slice(end + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) throw new URLError(`invalid port ${quote(port)} after host`);
    return unescape(host, Mode.host);
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    const port = host.slice(colon);
    if (!/^:[0-9]*$/.test(port)) throw new URLError(`invalid port ${quote(port)} after host`);
  }
  return unescape(host, Mode.host);
}

function parseAuthority(authority: string): Pick<GoURL, 'user' | 'host'> {
  const at = authority.lastIndexOf('@');
  if (at < 0) return { host: parseHost(authority) };
  const host = parseHost(authority.slice(at + 1));
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new URLError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { host, user: { username: unescape(userinfo, Mode.userPassword) } };
  return {
    host,
    user: { username: unescape(userinfo.slice(0, colon), Mode.userPassword), password: unescape(userinfo.slice(colon + 1), Mode.userPassword) },
  };
}

/** net/url.Parse; throws Go's *url.Error text. */
export function parseURL(rawURL: string): GoURL {
  try {
    const hash = rawURL.indexOf('#');
    const main = hash < 0 ? rawURL : rawURL.slice(0, hash);
    const u = parseNoFragment(main);
    if (hash >= 0) u.fragment = unescape(rawURL.slice(hash + 1), Mode.fragment);
    return u;
  } catch (err) {
    if (err instanceof URLError) throw new URLError(`parse ${quote(rawURL)}: ${err.message}`);
    throw err;
  }
}

function parseNoFragment(raw: string): GoURL {
  const u: GoURL = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', forceQuery: false, fragment: '' };
  // Go rejects control characters anywhere in a URL.
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  const [scheme, afterScheme] = getScheme(raw);
  let rest = afterScheme;
  u.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const after = rest.slice(2);
    const slash = after.indexOf('/');
    const authority = slash < 0 ? after : after.slice(0, slash);
    rest = slash < 0 ? '' : after.slice(slash);
    Object.assign(u, parseAuthority(authority));
  }
  u.path = unescape(rest, Mode.path);
  return u;
}

function userString(user: NonNullable<GoURL['user']>): string {
  const name = escape(user.username, Mode.userPassword);
  return user.password === undefined ? name : `${name}:${escape(user.password, Mode.userPassword)}`;
}

/** URL.String for a URL built from parts (no raw path or raw fragment). */
export function urlString(u: GoURL): string {
  let out = u.scheme === '' ? '' : `${u.scheme}:`;
  if (u.opaque !== '') out += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (u.host !== '' || u.path !== '' || u.user) out += '//';
      if (u.user) out += `${userString(u.user)}@`;
      if (u.host !== '') out += escape(u.host, Mode.host);
    }
    const path = u.path === '*' ? '*' : escape(u.path, Mode.path);
    if (path !== '' && !path.startsWith('/') && u.host !== '') out += '/';
    if (out === '' && (path.split('/')[0] ?? '').includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
  if (u.fragment !== '') out += `#${escape(u.fragment, Mode.fragment)}`;
  return out;
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

export function urlParse(raw: string): GoMap {
  let u: GoURL;
  try {
    u = parseURL(raw);
  } catch (err) {
    throw new Error(`unable to parse url: ${(err as Error).message}`);
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u.host),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.user ? userString(u.user) : '',
  };
}

/** A dict entry that must be a string when present. */
function part(d: GoMap, key: string): string {
  const v = d[key];
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new Error(`unable to parse ${key} key, must be of type string, but ${typeName(v)} found`);
  return v;
}

export function urlJoin(d: GoMap): string {
  const u: GoURL = {
    scheme: part(d, 'scheme'),
    host: part(d, 'host'),
    path: part(d, 'path'),
    rawQuery: part(d, 'query'),
    opaque: part(d, 'opaque'),
    fragment: part(d, 'fragment'),
    forceQuery: false,
  };
  const userinfo = part(d, 'userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseURL(`proto://${userinfo}@host`).user;
    } catch (err) {
      throw new Error(`unable to parse userinfo in dict: ${(err as Error).message}`);
    }
  }
  return urlString(u);
}

export const urlFuncs: FuncMap = {
  urlParse: defineFunc(['string'], 'map[string]interface {}', (s) => urlParse(s as string)),
  urlJoin: defineFunc(['map[string]interface {}'], 'string', (d) => urlJoin(isMap(d) ? d : {})),
};
