import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { describe, it } from 'node:test';
import { renderTemplates } from '../engine/render.ts';
import { lookupHostSync } from './dns.ts';

function render(text: string, enableDns: boolean): string {
  const data = { Values: {} };
  return renderTemplates([{ name: 't/templates/t.yaml', text, data, basePath: 't/templates' }], { enableDns }).get('t/templates/t.yaml')!;
}

describe('getHostByName', () => {
  it('GIVEN localhost WHEN looked up synchronously THEN the addresses are those node:dns finds asynchronously', async () => {
    const expected = (await lookup('localhost', { all: true, verbatim: true })).map((a) => a.address);
    assert.deepEqual(lookupHostSync('localhost'), expected);
  });

  it('GIVEN an IP literal and a name under .invalid WHEN looked up THEN the IP comes back as is and the name finds nothing', () => {
    assert.deepEqual(lookupHostSync('10.1.2.3'), ['10.1.2.3']);
    assert.deepEqual(lookupHostSync('nonexistent.invalid'), []);
  });

  it('GIVEN a render without enableDns WHEN a template calls getHostByName THEN it prints "" as helm does', () => {
    assert.equal(render('[{{ getHostByName "localhost" }}]', false), '[]');
  });

  it('GIVEN enableDns WHEN a template resolves localhost and an unknown name THEN it prints an address, and fails with Sprig\'s panic', async () => {
    const addresses = (await lookup('localhost', { all: true })).map((a) => a.address);
    assert.ok(addresses.includes(render('{{ getHostByName "localhost" }}', true)));
    assert.throws(() => render('{{ getHostByName "nonexistent.invalid" }}', true), /error calling getHostByName: invalid argument to Intn/);
  });
});
