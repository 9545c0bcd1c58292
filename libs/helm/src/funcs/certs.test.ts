import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import type { GoStruct } from '../template/values.ts';
import { certFuncs, genPrivateKey } from './certs.ts';

const call = (name: string, ...args: unknown[]): GoStruct => certFuncs[name]!.fn(...(args as never[])) as GoStruct;

describe('Sprig certificates', () => {
  it('GIVEN a CA and a leaf signed by it WHEN parsed by X509Certificate THEN subject, issuer, SANs, validity and signature are as Sprig sets them', () => {
    const ca = call('genCA', 'my-ca', 365n);
    const leaf = call('genSignedCert', 'svc.ns', ['10.0.0.1', '::1'], ['svc', 'svc.ns.svc'], 30n, ca);
    const cax = new X509Certificate(ca.fields['Cert'] as string);
    const x = new X509Certificate(leaf.fields['Cert'] as string);
    assert.equal(cax.subject, 'CN=my-ca');
    assert.equal(cax.ca, true);
    assert.equal(x.subject, 'CN=svc.ns');
    assert.equal(x.issuer, 'CN=my-ca');
    assert.equal(x.ca, false);
    assert.equal(x.subjectAltName, 'DNS:svc, DNS:svc.ns.svc, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    assert.deepEqual(x.keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    assert.equal(Math.round((Date.parse(x.validTo) - Date.parse(x.validFrom)) / 86_400_000), 30);
    assert.equal(x.verify(cax.publicKey), true);
    assert.equal(x.checkIssued(cax), true);
    assert.match(leaf.fields['Key'] as string, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  });

  it('GIVEN an ed25519 CA key and an ECDSA leaf key WHEN certificates are made with them THEN they are used and returned as given', () => {
    const caKey = genPrivateKey('ed25519');
    const leafKey = genPrivateKey('ecdsa');
    const ca = call('genCAWithKey', 'ca2', 7n, caKey);
    const leaf = call('genSignedCertWithKey', 'leaf', null, ['x'], 3n, ca, leafKey);
    assert.equal(ca.fields['Key'], caKey);
    assert.equal(leaf.fields['Key'], leafKey);
    assert.equal(new X509Certificate(leaf.fields['Cert'] as string).verify(new X509Certificate(ca.fields['Cert'] as string).publicKey), true);
  });

  it('GIVEN each key type WHEN generated THEN the PEM block type is Sprig\'s and node can read it back', () => {
    assert.match(genPrivateKey('ecdsa'), /^-----BEGIN EC PRIVATE KEY-----\n/);
    assert.match(genPrivateKey('ed25519'), /^-----BEGIN PRIVATE KEY-----\n/);
    const dsa = genPrivateKey('dsa');
    assert.match(dsa, /^-----BEGIN DSA PRIVATE KEY-----\n/);
    assert.equal(createPrivateKey(dsa).asymmetricKeyType, 'dsa');
    assert.equal(genPrivateKey('nope'), 'Unknown type nope');
  });

  it('GIVEN bad inputs WHEN a certificate is asked for THEN Sprig\'s messages come back', () => {
    assert.throws(() => call('genSelfSignedCert', 'x', ['nope'], null, 1n), { message: 'error parsing ip: nope' });
    assert.throws(() => call('genSelfSignedCert', 'x', null, [2n], 1n), { message: 'error processing alternate dns name: 2 is not a string' });
    assert.throws(() => call('genCAWithKey', 'x', 1n, 'junk'), { message: 'parsing private key: no PEM data in input' });
    assert.throws(() => call('buildCustomCert', '!!', ''), { message: 'unable to decode base64 certificate' });
  });
});
