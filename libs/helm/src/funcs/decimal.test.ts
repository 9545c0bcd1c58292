import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { add, div, fromFloat, mul, toFloat } from './decimal.ts';

describe('decimal: shopspring arithmetic for addf/mulf/divf', () => {
  it('GIVEN 0.1 and 0.2 WHEN added as decimals THEN the sum is exactly 0.3, not 0.30000000000000004', () => {
    assert.equal(toFloat(add(fromFloat(0.1), fromFloat(0.2))), 0.3);
  });
  it('GIVEN 1.1 × 3 WHEN multiplied THEN the product is exact', () => {
    assert.equal(toFloat(mul(fromFloat(1.1), fromFloat(3))), 3.3);
  });
  it('GIVEN 2 / 3 WHEN divided THEN the quotient is rounded half away from zero at 16 places', () => {
    assert.equal(toFloat(div(fromFloat(2), fromFloat(3))), 0.6666666666666667);
    assert.equal(toFloat(div(fromFloat(-2), fromFloat(3))), -0.6666666666666667);
  });
  it('GIVEN a zero divisor WHEN dividing THEN it panics with decimal\'s message', () => {
    assert.throws(() => div(fromFloat(1), fromFloat(0)), /decimal division by 0/);
  });
});
