import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decryptValue, encryptValue, goFormatFloat, macBytes } from './values.ts';

const key = Buffer.alloc(32, 7);
const iv = Buffer.alloc(32, 9);

describe('SOPS values', () => {
  it('GIVEN a fixed key and IV WHEN a string is encrypted THEN the ciphertext is the known vector and decrypts back', () => {
    const sealed = encryptValue('hunter2', key, 'stringData:password:', iv);
    // Pins the format: standard base64 fields, a 32-byte IV, the 16-byte tag apart, the type last.
    assert.equal(sealed, 'ENC[AES256_GCM,data:76WJrcurbQ==,iv:CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=,tag:hjM2DMaXTVJTSAzcni5xIA==,type:str]');
    assert.deepEqual(decryptValue(sealed, key, 'stringData:password:'), { value: 'hunter2', type: 'str' });
  });

  it('GIVEN a value encrypted under one path WHEN it is opened under another THEN authentication fails', () => {
    const sealed = encryptValue('hunter2', key, 'data:a:', iv);
    assert.throws(() => decryptValue(sealed, key, 'data:b:'), /authentication failed/);
    assert.throws(() => decryptValue(sealed, Buffer.alloc(32, 8), 'data:a:'), /authentication failed/);
  });

  it('GIVEN typed values WHEN they round-trip THEN int, float and bool keep their Go types', () => {
    for (const [value, type] of [[42, 'int'], [1.5, 'float'], [true, 'bool'], [false, 'bool']] as const) {
      const sealed = encryptValue(value, key, 'x:', iv);
      assert.ok(sealed.endsWith(`type:${type}]`));
      assert.deepEqual(decryptValue(sealed, key, 'x:'), { value, type });
    }
  });

  it('GIVEN an empty value WHEN it is "decrypted" THEN it stays empty, as SOPS never encrypts it', () => {
    assert.equal(encryptValue('', key, 'x:', iv), '');
    assert.deepEqual(decryptValue('', key, 'x:'), { value: '', type: 'str' });
  });

  it('GIVEN leaves WHEN they feed the MAC THEN they are written as Go does (True/False, no exponents)', () => {
    assert.equal(macBytes(true).toString(), 'True');
    assert.equal(macBytes(false).toString(), 'False');
    assert.equal(macBytes(12).toString(), '12');
    assert.equal(goFormatFloat(1e21), '1000000000000000000000');
    assert.equal(goFormatFloat(1.5e-7), '0.00000015');
    assert.equal(goFormatFloat(-2.25), '-2.25');
  });
});
