import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlJoin, urlParse } from './url.ts';

describe('urlParse / urlJoin (Go net/url)', () => {
  it('GIVEN a full URL WHEN parsed THEN each part is split and decoded as Go does', () => {
    assert.deepEqual(urlParse('HTTPS://u:p%40@host:8080/a%20b?x=1#f%20g'), {
      scheme: 'https', host: 'host:8080', hostname: 'host', path: '/a b', query: 'x=1', opaque: '', fragment: 'f g', userinfo: 'u:p%40',
    });
  });

  it('GIVEN an opaque URL or an IPv6 host WHEN parsed THEN opaque and hostname are as Go reports them', () => {
    assert.equal(urlParse('mailto:x@y.z').opaque, 'x@y.z');
    assert.equal(urlParse('http://[::1]:80/').hostname, '::1');
  });

  it('GIVEN malformed URLs WHEN parsed THEN the error carries Go\'s *url.Error text', () => {
    assert.throws(() => urlParse('://x'), { message: 'unable to parse url: parse "://x": missing protocol scheme' });
    assert.throws(() => urlParse('http://h:xx/'), { message: 'unable to parse url: parse "http://h:xx/": invalid port ":xx" after host' });
    assert.throws(() => urlParse('1a:b'), { message: 'unable to parse url: parse "1a:b": first path segment in URL cannot contain colon' });
  });

  it('GIVEN parts WHEN joined THEN each is escaped with its own rules', () => {
    assert.equal(urlJoin({ scheme: 'http', host: 'h', path: '/p q', query: 'a=b', fragment: 'a b!(', userinfo: 'me:pw' }), 'http://me:pw@h/p%20q?a=b#a%20b!(');
    assert.equal(urlJoin({ path: 'a:b/c' }), './a:b/c');
    assert.equal(urlJoin({ host: 'h' }), '//h');
    assert.throws(() => urlJoin({ host: 1n }), { message: 'unable to parse host key, must be of type string, but int found' });
  });
});
