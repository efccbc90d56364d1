// Unit tests of the dashboard's browser-independent modules, run with `node --test` (no browser needed):
// decimal formatting, the §3 signing payload and HMAC (WebCrypto and the pure-JS fallback against Node's crypto),
// the risk-settings form mapping, and the §5.4 bands.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { formatDecimal, usd, amount, ratio, signOf, isPlainDecimal } from '../../main/resources/web/format.js';
import { createHmacSigner, signaturePayload } from '../../main/resources/web/signing.js';
import { readRiskForm, fillRiskForm, fieldNamedIn, FormError, RISK_FIELDS } from '../../main/resources/web/riskform.js';
import { bandOf } from '../../main/resources/web/gauge.js';

test('formatDecimal rounds half-up on the digits and groups thousands', () => {
  assert.equal(usd('1234567.8950'), '1,234,567.90');
  assert.equal(usd('0.004'), '0.00');
  assert.equal(usd('-0.004'), '0.00');
  assert.equal(usd('-12.345'), '−12.35');
  assert.equal(usd('999.995'), '1,000.00');
  assert.equal(amount('100000.00000000'), '100,000');
  assert.equal(amount('0.12345678'), '0.12345678');
  assert.equal(amount('-0.50000000'), '−0.5');
  assert.equal(formatDecimal('5', { signed: true }), '+5');
  assert.equal(formatDecimal('0.00000001', { maxDp: 2, signed: true }), '0');
  assert.equal(ratio('1.49995'), '1.5000');
  assert.equal(ratio(null), '—');
  assert.equal(usd(null), '—');
  assert.equal(formatDecimal('abc'), 'abc');
});

test('signOf and isPlainDecimal read decimal strings without floating point', () => {
  assert.equal(signOf('-0.00000001'), -1);
  assert.equal(signOf('0.00000000'), 0);
  assert.equal(signOf('-0'), 0);
  assert.equal(signOf('12'), 1);
  assert.ok(isPlainDecimal('100.12345678'));
  assert.ok(!isPlainDecimal('1e5'));
  assert.ok(!isPlainDecimal('0.123456789'));
});

test('signaturePayload sorts params by name and leaves out the signature (PROTOCOL.md §3 example)', () => {
  assert.equal(signaturePayload({ timestamp: 1700000000000, signature: 'x', recvWindow: 5000, apiKey: 'K' }),
    'apiKey=K&recvWindow=5000&timestamp=1700000000000');
});

test('HMAC-SHA256 signer matches Node crypto, with WebCrypto and with the fallback', async () => {
  const cases = [['s', 'apiKey=K&timestamp=1'], ['k'.repeat(100), 'p'.repeat(300)], ['ключ', 'apiKey=ä&timestamp=2'],
    ['k', '']];
  for (const [secret, payload] of cases) {
    const expected = crypto.createHmac('sha256', secret).update(payload).digest('hex');
    const web = await createHmacSigner(secret);
    assert.equal(web.webCrypto, true);
    assert.equal(await web.sign(payload), expected);
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    try {
      const fallback = await createHmacSigner(secret);
      assert.equal(fallback.webCrypto, false);
      assert.equal(await fallback.sign(payload), expected);
    } finally {
      Object.defineProperty(globalThis, 'crypto', saved);
    }
  }
  await assert.rejects(createHmacSigner(''), /empty/);
});

function fakeForm(values = {}) {
  const fields = Object.fromEntries(Object.values(RISK_FIELDS).map((id) => [id, { value: values[id] ?? '' }]));
  return { fields, querySelector: (sel) => fields[sel.slice(1)] };
}

test('risk form maps settings (8-decimal wire values) to plain text and back', () => {
  const form = fakeForm();
  fillRiskForm(form, { riskMultiplier: '1.20000000', volatilityFloors: { BTC: '0.25000000' },
    correlationOverrides: { 'BTC/ETH': '-0.60000000' }, excludedSymbols: ['ETHUSD_PERP'],
    alertThresholds: ['1.10000000', '1.05000000'] });
  assert.equal(form.fields['risk-multiplier'].value, '1.2');
  assert.equal(form.fields['risk-vol-floors'].value, 'BTC=0.25');
  assert.equal(form.fields['risk-correlations'].value, 'BTC/ETH=-0.6');
  assert.equal(form.fields['risk-alerts'].value, '1.1, 1.05');
  assert.deepEqual(readRiskForm(form), { riskMultiplier: '1.2', volatilityFloors: { BTC: '0.25' },
    correlationOverrides: { 'BTC/ETH': '-0.6' }, excludedSymbols: ['ETHUSD_PERP'], alertThresholds: ['1.1', '1.05'] });
});

test('risk form: empty fields clear the maps and lists; values are passed as typed for the server to judge', () => {
  const params = readRiskForm(fakeForm({ 'risk-multiplier': '7', 'risk-vol-floors': 'btc = 0.3; eth:0.4',
    'risk-excluded': 'ethusd_perp, btcusdt_quarter' }));
  assert.deepEqual(params, { riskMultiplier: '7', volatilityFloors: { BTC: '0.3', ETH: '0.4' },
    correlationOverrides: {}, excludedSymbols: ['ETHUSD_PERP', 'BTCUSDT_QUARTER'], alertThresholds: [] });
});

test('risk form: a malformed pair names its field', () => {
  assert.throws(() => readRiskForm(fakeForm({ 'risk-correlations': 'BTC/ETH' })),
    (e) => e instanceof FormError && e.field === 'correlationOverrides' && /BTC\/ETH=0.6/.test(e.message));
  assert.equal(fieldNamedIn("Parameter 'riskMultiplier' must be between 0.8 and 1.5."), 'riskMultiplier');
  assert.equal(fieldNamedIn('Something else.'), null);
});

test('bands follow PROTOCOL.md §5.4 boundaries', () => {
  assert.equal(bandOf(null), 'normal');
  assert.equal(bandOf(1.5000001), 'normal');
  assert.equal(bandOf(1.5), 'margin-call');
  assert.equal(bandOf(1.2000001), 'margin-call');
  assert.equal(bandOf(1.2), 'reduce-only');
  assert.equal(bandOf(1.0000001), 'reduce-only');
  assert.equal(bandOf(1.0), 'liquidation');
  assert.equal(bandOf(0.5), 'liquidation');
});
