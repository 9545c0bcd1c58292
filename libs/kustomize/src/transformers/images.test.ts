import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitImage, updateImage } from './images.ts';

describe('images', () => {
  it('GIVEN a registry with a port WHEN split THEN the port is not taken for a tag', () => {
    assert.deepEqual(splitImage('reg:5000/app:1.0@sha256:ab'), { name: 'reg:5000/app', tag: '1.0', digest: 'sha256:ab' });
    assert.deepEqual(splitImage('nginx'), { name: 'nginx', tag: '', digest: '' });
  });
  it('GIVEN a new tag WHEN the image has a digest THEN both tag and digest are replaced', () => {
    const re = /^nginx(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$/;
    assert.equal(updateImage('nginx:1@sha256:ab', { name: 'nginx', newTag: '2' }, re), 'nginx:2');
    assert.equal(updateImage('nginxx:1', { name: 'nginx', newTag: '2' }, re), undefined);
  });
});
