import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bcryptHash, bcryptVerify } from './bcrypt.ts';
import { bcrypt, decryptAES, derivePassword, encryptAES, htpasswd } from './crypto.ts';

describe('Sprig crypto', () => {
  it('GIVEN hashes that helm v3.21.4 produced WHEN verified THEN the right password matches and a wrong one does not', () => {
    assert.equal(bcryptVerify('$2a$10$Q4r68Sj0dc2gK6uTXr05fuubwFg9AS/nwORdOfy0RL.usiqinZ9hi', 'x'), true);
    assert.equal(bcryptVerify('$2a$10$QDbg3ehaaYWJ4SssTGC83ef6vIc6U9rz454SAwej5EgbE.etFYBa2', 'p'), true);
    assert.equal(bcryptVerify('$2a$10$QDbg3ehaaYWJ4SssTGC83ef6vIc6U9rz454SAwej5EgbE.etFYBa2', 'q'), false);
  });

  it('GIVEN a password WHEN hashed with a fixed salt at a low cost THEN it verifies and has the $2a$ shape', () => {
    const h = bcryptHash('sesame', 4, new Uint8Array(16).fill(7));
    assert.match(h, /^\$2a\$04\$[./A-Za-z0-9]{53}$/);
    assert.equal(bcryptVerify(h, 'sesame'), true);
    assert.equal(bcryptVerify(h, 'Sesame'), false);
  });

  it('GIVEN over 72 bytes or a colon in a user WHEN hashed THEN Sprig returns the failure as text', () => {
    assert.equal(bcrypt('x'.repeat(73)), 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes');
    assert.equal(htpasswd('a:b', 'p'), 'invalid username: a:b');
  });

  it('GIVEN the Master Password inputs WHEN derived THEN the result equals helm\'s', () => {
    assert.equal(derivePassword(1, 'long', 'password', 'user', 'example.com'), 'ZedaFaxcZaso9*');
    assert.equal(derivePassword(3, 'pin', 'pw', 'u', 's'), '7979');
    assert.equal(derivePassword(1, 'basic', 'pw', 'ü', 's'), 'mrh94GlQ');
    assert.equal(derivePassword(1, 'nope', 'pw', 'u', 's'), 'cannot find password template nope');
  });

  it('GIVEN text helm encrypted WHEN decrypted THEN it reads back; our own ciphertext round-trips', () => {
    assert.equal(decryptAES('secretkey', 'hVezNHAV0dS1BXyLkowEDXQm1hZgb9mDZHx0NsFmyvs='), 'hello');
    const iv = new Uint8Array(16).fill(1);
    const c = encryptAES('k', '0123456789abcdef', iv);
    assert.equal(Buffer.from(c, 'base64').length, 48);
    assert.equal(decryptAES('k', c), '0123456789abcdef');
    assert.equal(encryptAES('k', ''), '');
  });
});
