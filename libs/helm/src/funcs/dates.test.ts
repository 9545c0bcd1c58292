import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateSet } from '../template/template.ts';
import { GoInt } from '../template/values.ts';
import { durationRound, secondsDuration } from './dates.ts';
import { sprigFuncs } from './sprig.ts';

function render(text: string): string {
  const set = new TemplateSet({ funcs: sprigFuncs });
  set.parse('t', text);
  return set.execute('t', {} as never);
}

describe('dates: Sprig date functions', () => {
  it('GIVEN a parsed time WHEN modified and formatted in UTC THEN the layout is applied to the new instant', () => {
    assert.equal(render('{{ dateInZone "Mon 2006-01-02 15:04" (toDate "2006-01-02" "2024-01-31" | dateModify "36h") "UTC" }}'), 'Thu 2024-02-01 12:00');
  });
  it('GIVEN a time WHEN printed with toString THEN Go\'s Time.String form is used', () => {
    assert.equal(render('{{ toDate "2006-01-02T15:04:05Z07:00" "2024-01-31T10:00:00+02:00" | toString }}'), '2024-01-31 10:00:00 +0200 +0200');
  });
  it('GIVEN an unparsable duration WHEN mustDateModify runs THEN the Go error surfaces', () => {
    assert.throws(() => render('{{ toDate "2006" "2024" | mustDateModify "1d" }}'), /time: unknown unit "d" in duration "1d"/);
  });
  it('GIVEN Sprig duration inputs WHEN converted THEN only strings and int64 count', () => {
    assert.equal(secondsDuration('3661'), '1h1m1s');
    assert.equal(secondsDuration(new GoInt('int64', 90n)), '1m30s');
    assert.equal(secondsDuration(90n), '0s');
  });
  it('GIVEN durations WHEN rounded by durationRound THEN the largest unit strictly exceeded wins', () => {
    assert.equal(durationRound('2h10m'), '2h');
    assert.equal(durationRound('1h'), '60m');
    assert.equal(durationRound('-800h'), '1mo');
    assert.equal(durationRound('1s'), '0s');
  });
});
