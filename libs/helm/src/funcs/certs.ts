// Sprig's key and certificate functions. node:crypto makes and signs keys but cannot build a
// certificate, so the TBSCertificate is assembled here (der.ts) with the fields Sprig's template sets:
// a random 128-bit serial, CN-only subject, now .. now+days, digitalSignature|keyEncipherment
// (+certSign for a CA), serverAuth+clientAuth, basic constraints, SANs, and Go's subject/authority key ids.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { defineFunc, type FuncMap } from '../template/builtins.ts';
import { GoStruct, type GoValue, typeName } from '../template/values.ts';
import * as der from './der.ts';

const certType = 'sprig.certificate';

function pem(type: string, body: Uint8Array): string {
  const b64 = Buffer.from(body).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${type}-----\n${b64}\n-----END ${type}-----\n`;
}

function pemDecode(text: string): { type: string; body: Uint8Array } | undefined {
  const m = /-----BEGIN ([^-]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  return { type: m[1]!, body: new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64')) };
}

/** DSA keys leave node only as PKCS#8; Go's "DSA PRIVATE KEY" is SEQUENCE {0, p, q, g, y, x}. */
function dsaKeyFormat(key: KeyObject): Uint8Array {
  const info = der.children(der.read(key.export({ type: 'pkcs8', format: 'der' })).body);
  const [p, q, g] = der.children(der.children(info[1]!.body)[1]!.body).map((e) => BigInt(`0x${Buffer.from(e.body).toString('hex')}`));
  const x = BigInt(`0x${Buffer.from(der.read(info[2]!.body).body).toString('hex')}`);
  let y = 1n;
  for (let b = g!, e = x; e > 0n; e >>= 1n, b = (b * b) % p!) if (e & 1n) y = (y * b) % p!;
  return der.seq(der.integer(0n), der.integer(p!), der.integer(q!), der.integer(g!), der.integer(y), der.integer(x));
}

/** Sprig's pemBlockForKey. */
function keyPEM(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }) as string;
    case 'dsa':
      return pem('DSA PRIVATE KEY', dsaKeyFormat(key));
    default:
      return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
}

export function genPrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return keyPEM(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
    case 'dsa':
      return keyPEM(generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey);
    case 'ecdsa':
      return keyPEM(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'ed25519':
      return keyPEM(generateKeyPairSync('ed25519').privateKey);
    default:
      return `Unknown type ${type}`;
  }
}

/** Sprig's parsePrivateKeyPEM, with its messages. */
function parseKey(text: string): KeyObject {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  if (block.type !== 'PRIVATE KEY' && !block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  const kind = block.type.slice(0, -' PRIVATE KEY'.length);
  if (!['', 'RSA', 'EC'].includes(kind)) throw new Error(`invalid private key type ${block.type}`);
  try {
    return createPrivateKey({ key: text, format: 'pem' });
  } catch (err) {
    const what = kind === '' ? 'decoding PEM as PKCS#8' : `parsing ${kind} private key from PEM`;
    throw new Error(`${what}: ${(err as Error).message}`);
  }
}

function signatureAlgorithm(key: KeyObject): { alg: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { alg: der.seq(der.oid('1.2.840.113549.1.1.11'), der.nullValue()), hash: 'sha256' };
    case 'ec':
      return { alg: der.seq(der.oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    case 'ed25519':
      return { alg: der.seq(der.oid('1.3.101.112')), hash: null };
    default:
      throw new Error(`x509: only RSA, ECDSA and Ed25519 keys supported`);
  }
}

function name(cn: string): Uint8Array {
  if (cn === '') return der.seq();
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(cn);
  const value = printable ? der.tlv(0x13, new TextEncoder().encode(cn)) : der.utf8(cn);
  return der.seq(der.set(der.seq(der.oid('2.5.4.3'), value)));
}

function ipBytes(ip: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    return parts.every((n) => n <= 255) ? Uint8Array.from(parts) : undefined;
  }
  if (!ip.includes(':')) return undefined;
  try {
    // URL's host parser normalises IPv6 text; expand it to 16 bytes.
    const host = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
    const [head, tail] = host.includes('::') ? host.split('::') : [host, undefined];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    if (groups.length !== 8) return undefined;
    return Uint8Array.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  } catch {
    return undefined;
  }
}

function strings(v: GoValue, what: (x: GoValue) => string): string[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw new Error(`wrong type for value; expected []interface {}; got ${typeName(v)}`);
  return v.map((x) => {
    if (typeof x !== 'string') throw new Error(what(x));
    return x;
  });
}

function show(x: GoValue): string {
  return x === null ? '<nil>' : String(x);
}

interface Template {
  cn: string;
  ips: Uint8Array[];
  dns: string[];
  days: number;
  isCA: boolean;
}

function baseTemplate(cn: string, ips: GoValue, dns: GoValue, days: bigint, isCA = false): Template {
  const ipList = strings(ips, (x) => `error parsing ip: ${show(x)} is not a string`).map((s) => {
    const b = ipBytes(s);
    if (!b) throw new Error(`error parsing ip: ${s}`);
    return b;
  });
  const dnsList = strings(dns, (x) => `error processing alternate dns name: ${show(x)} is not a string`);
  return { cn, ips: ipList, dns: dnsList, days: Number(days), isCA };
}

function spki(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
}

/** Go's generated subject key id: SHA-1 of the public key's bits. */
function keyId(publicKeyInfo: Uint8Array): Uint8Array {
  const bits = der.children(der.read(publicKeyInfo).body)[1]!.body.subarray(1);
  return new Uint8Array(createHash('sha1').update(bits).digest());
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return der.seq(der.oid(id), ...(critical ? [der.bool(true)] : []), der.octets(value));
}

function createCertificate(t: Template, key: KeyObject, issuer: { name: Uint8Array; key: KeyObject; keyId?: Uint8Array } | undefined): string {
  const pub = spki(key);
  const signer = issuer?.key ?? key;
  const { alg, hash } = signatureAlgorithm(signer);
  const now = new Date();
  const serial = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const usage = t.isCA ? Uint8Array.of(0x02, 0xa4) : Uint8Array.of(0x05, 0xa0);
  const exts = [
    extension('2.5.29.15', true, der.tlv(0x03, usage)),
    extension('2.5.29.37', false, der.seq(der.oid('1.3.6.1.5.5.7.3.1'), der.oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.19', true, t.isCA ? der.seq(der.bool(true)) : der.seq()),
  ];
  if (t.isCA) exts.push(extension('2.5.29.14', false, der.octets(keyId(pub))));
  if (issuer?.keyId) exts.push(extension('2.5.29.35', false, der.seq(der.tlv(0x80, issuer.keyId))));
  if (t.dns.length + t.ips.length > 0) {
    const names = [...t.dns.map((d) => der.tlv(0x82, new TextEncoder().encode(d))), ...t.ips.map((ip) => der.tlv(0x87, ip))];
    exts.push(extension('2.5.29.17', false, der.seq(...names)));
  }
  const subject = name(t.cn);
  const tbs = der.seq(
    der.explicit(0, der.integer(2n)),
    der.integer(serial),
    alg,
    issuer?.name ?? subject,
    der.seq(der.time(now), der.time(new Date(now.getTime() + t.days * 86_400_000))),
    subject,
    pub,
    der.explicit(3, der.seq(...exts)),
  );
  const signature = sign(hash, tbs, signer);
  return pem('CERTIFICATE', der.seq(tbs, alg, der.bitString(new Uint8Array(signature))));
}

function certificate(cert: string, key: string): GoStruct {
  return new GoStruct(certType, { Cert: cert, Key: key });
}

function rsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function keyWithPrefix(text: GoValue, prefix: string): KeyObject {
  try {
    return parseKey(text as string);
  } catch (err) {
    throw new Error(`${prefix}: ${(err as Error).message}`);
  }
}

const withKey = (text: GoValue): KeyObject => keyWithPrefix(text, 'parsing private key');

function genCA(cn: string, days: bigint, key: KeyObject): GoStruct {
  return certificate(createCertificate(baseTemplate(cn, null, null, days, true), key, undefined), keyPEM(key));
}

function genSelfSigned(cn: string, ips: GoValue, dns: GoValue, days: bigint, key: KeyObject): GoStruct {
  return certificate(createCertificate(baseTemplate(cn, ips, dns, days), key, undefined), keyPEM(key));
}

/** The CA's subject (kept as its exact DER) and subject key id. */
function caParts(ca: GoValue): { name: Uint8Array; key: KeyObject; keyId?: Uint8Array } {
  if (!(ca instanceof GoStruct) || ca.typeName !== certType) throw new Error(`wrong type for value; expected ${certType}; got ${typeName(ca)}`);
  const block = pemDecode(ca.fields['Cert'] as string);
  if (!block) throw new Error('unable to decode certificate');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(block.body);
  } catch (err) {
    throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${(err as Error).message}`);
  }
  const tbs = der.children(der.children(der.read(x509.raw).body)[0]!.body);
  const fields = tbs[0]!.tag === 0xa0 ? tbs.slice(1) : tbs;
  let keyIdValue: Uint8Array | undefined;
  const extWrapper = fields.find((e) => e.tag === 0xa3);
  if (extWrapper) {
    for (const ext of der.children(der.read(extWrapper.body).body)) {
      const parts = der.children(ext.body);
      if (Buffer.from(parts[0]!.raw).equals(Buffer.from(der.oid('2.5.29.14')))) keyIdValue = der.read(parts.at(-1)!.body).body;
    }
  }
  const key = keyWithPrefix(ca.fields['Key'] ?? null, 'error parsing private key');
  return { name: new Uint8Array(fields[4]!.raw), key, keyId: keyIdValue };
}

function genSigned(cn: string, ips: GoValue, dns: GoValue, days: bigint, ca: GoValue, key: KeyObject): GoStruct {
  const issuer = caParts(ca);
  return certificate(createCertificate(baseTemplate(cn, ips, dns, days), key, issuer), keyPEM(key));
}

export function buildCustomCert(b64cert: string, b64key: string): GoStruct {
  const decode = (s: string): string | undefined => (/^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 ? Buffer.from(s, 'base64').toString('utf8') : undefined);
  const cert = decode(b64cert);
  if (cert === undefined) throw new Error('unable to decode base64 certificate');
  const key = decode(b64key);
  if (key === undefined) throw new Error('unable to decode base64 private key');
  const block = pemDecode(cert);
  if (!block) throw new Error('unable to decode certificate');
  try {
    new X509Certificate(block.body);
  } catch (err) {
    throw new Error(`error parsing certificate: decodedCert.Bytes: ${(err as Error).message}`);
  }
  keyWithPrefix(key, 'error parsing private key');
  return certificate(cert, key);
}

const I = 'interface {}' as const;
const L = '[]interface {}' as const;
const E = { returnsError: true };

export const certFuncs: FuncMap = {
  genPrivateKey: defineFunc(['string'], 'string', (t) => genPrivateKey(t as string)),
  genCA: defineFunc(['string', 'int'], I, (cn, d) => genCA(cn as string, d as bigint, rsaKey()), E),
  genCAWithKey: defineFunc(['string', 'int', 'string'], I, (cn, d, k) => genCA(cn as string, d as bigint, withKey(k!)), E),
  genSelfSignedCert: defineFunc(['string', L, L, 'int'], I, (cn, ips, dns, d) => genSelfSigned(cn as string, ips!, dns!, d as bigint, rsaKey()), E),
  genSelfSignedCertWithKey: defineFunc(['string', L, L, 'int', 'string'], I, (cn, ips, dns, d, k) => genSelfSigned(cn as string, ips!, dns!, d as bigint, withKey(k!)), E),
  genSignedCert: defineFunc(['string', L, L, 'int', I], I, (cn, ips, dns, d, ca) => genSigned(cn as string, ips!, dns!, d as bigint, ca!, rsaKey()), E),
  genSignedCertWithKey: defineFunc(['string', L, L, 'int', I, 'string'], I, (cn, ips, dns, d, ca, k) => genSigned(cn as string, ips!, dns!, d as bigint, ca!, withKey(k!)), E),
  buildCustomCert: defineFunc(['string', 'string'], I, (c, k) => buildCustomCert(c as string, k as string), E),
};
