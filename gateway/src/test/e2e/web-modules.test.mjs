// Unit tests of the dashboard's browser-independent modules, run with `node --test` (no browser needed):
// decimal formatting and the one-rule-per-column decimals, the §3 signing payload and HMAC (WebCrypto and the
// pure-JS fallback against Node's crypto), the risk-settings form mapping, the §5.4 bands, exchangeInfo in its
// documented shape, and the account sync's reads and U checks (gap, step back) against a scripted connection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { formatDecimal, usd, amount, ratio, signOf, isPlainDecimal, columnFormat, decimalsOf, percent, optionLabel }
  from '../../main/resources/web/format.js';
import { readExchangeInfo, ShapeError } from '../../main/resources/web/exchange-info.js';
import { AccountSync, sequenceOutcome } from '../../main/resources/web/account-sync.js';
import { ConnState } from '../../main/resources/web/connection.js';
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

test('percent shows a volatility with one decimal, optionLabel names an option row (§5.3a)', () => {
  assert.equal(percent('0.61234500'), '61.2 %');
  assert.equal(percent('0.6'), '60.0 %');
  assert.equal(percent('1.25'), '125.0 %');
  assert.equal(percent('0.00049'), '0.0 %');
  assert.equal(percent(null), '—');
  assert.deepEqual(optionLabel({ optionSide: 'CALL', strikePrice: '60000.00000000', expiryDate: 1798185600000 }),
    { kind: 'Call · 60,000', expiry: '2026-12-25' });
  assert.deepEqual(optionLabel({ optionSide: 'PUT', strikePrice: '2750.50000000', expiryDate: 1798185600000 }),
    { kind: 'Put · 2,750.5', expiry: '2026-12-25' });
  assert.equal(optionLabel({ symbol: 'BTCUSDT', optionSide: null }), null);
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

test('columnFormat gives a column one rule: the decimals its most precise value needs, within bounds', () => {
  const f = columnFormat(['105299.67000000', '9739.50000000', '3.00000000']);
  assert.equal(f.decimals, 2);
  assert.deepEqual(['105299.67000000', '9739.50000000', '3.00000000'].map((v) => f(v)), ['105,299.67', '9,739.50', '3.00']);
  assert.equal(columnFormat(['60010.2', '150.025', '0.123456789'], { minDp: 2, maxDp: 6 }).decimals, 6);
  assert.equal(columnFormat(['60000.00000000'], { minDp: 2, maxDp: 6 })('60000.00000000'), '60,000.00');
  assert.equal(columnFormat(['-22.00000000', '-0.00002367'], { minDp: 2 })('-22.00000000', { signed: true }),
    '−22.00000000');
  assert.equal(decimalsOf('1.50000000'), 1);
});

test('exchangeInfo is read in its documented shape only', () => {
  const info = { timezone: 'UTC', serverTime: 1, rateLimits: [],
    instruments: [{ symbol: 'BTCUSDT', fs: 'UM', underlying: 'BTC', settlementAsset: 'USDT', stepSize: '0.00100000',
      contractSize: null, leverage: 20, brackets: [] }],
    assets: [{ asset: 'USDT', collateralRate: '1.00000000' }, { asset: 'BTC', collateralRate: '0.95000000' }],
    risk: { marginCall: '1.50000000', reduceOnly: '1.20000000', liquidation: '1.00000000',
      liquidationTarget: '1.25000000', liquidationFeeRate: '0.00500000', alertThresholds: [] } };
  assert.deepEqual(readExchangeInfo(info), { assets: ['USDT', 'BTC'],
    symbols: [{ symbol: 'BTCUSDT', fs: 'UM', stepSize: '0.00100000' }],
    thresholds: { marginCall: 1.5, reduceOnly: 1.2, liquidation: 1 } });
  assert.throws(() => readExchangeInfo({ ...info, instruments: [{ ...info.instruments[0], fs: 'USD-M' }] }),
    (e) => e.field === 'instruments[0].fs');
  // shapes the old code guessed between are errors now, naming the field
  assert.throws(() => readExchangeInfo({ ...info, assets: ['USDT'] }), (e) => e instanceof ShapeError
    && e.field === 'assets[0].asset');
  assert.throws(() => readExchangeInfo({ ...info, risk: undefined, riskThresholds: info.risk }),
    (e) => e.field === 'risk');
  assert.throws(() => readExchangeInfo({ ...info, risk: { ...info.risk, marginCall: 1.5 } }),
    (e) => e.field === 'risk.marginCall');
});

/** A connection that answers every read with a canned result and records what was asked. */
function fakeConn() {
  const asked = [];
  const answers = {
    'account.status': { uniMMR: '2.00000000', accountStatus: 'NORMAL' },
    'account.balance': [{ asset: 'USDT' }],
    'account.positions': [],
    'account.riskSettings': { riskMultiplier: '1.00000000' },
    'autoCollection.usage': { usedToday: 3, limitPerDay: 10, nextResetTime: 0 },
    openOrders: [{ orderId: 7, symbol: 'BTCUSDT', type: 'LIMIT', status: 'NEW' }],
  };
  return { asked, state: ConnState.LIVE, request: async (m) => { asked.push(m); return answers[m]; } };
}

function recordingView() {
  const seen = { notes: [], usage: [], status: [], events: [], orders: [] };
  return { seen, status: (s) => seen.status.push(s), ratio: () => {}, balances: () => {}, positions: () => {},
    openOrders: (list) => seen.orders.push(list),
    riskSettings: () => {}, collectionUsage: (u) => seen.usage.push(u), event: (s, d) => seen.events.push(d.e),
    note: (t) => seen.notes.push(t), authLost: () => {} };
}

/** Timers run by hand: `flush()` runs what is due. */
function manualTimers() {
  let queue = [];
  return {
    setTimeout: (fn) => { queue.push(fn); return queue.length; },
    clearTimeout: () => {},
    now: () => 1_000_000,
    async flush() {
      while (queue.length) {
        const q = queue;
        queue = [];
        for (const fn of q) await fn();
      }
    },
  };
}

test('sequenceOutcome: in order, a gap, or a step back (the server restored older state)', () => {
  assert.equal(sequenceOutcome(null, 7), 'in-order');
  assert.equal(sequenceOutcome(7, 8), 'in-order');
  assert.equal(sequenceOutcome(7, 7), 'in-order');
  assert.equal(sequenceOutcome(7, 9), 'gap');
  assert.equal(sequenceOutcome(7, 3), 'reset');
});

test('account sync: a resync reads every part, usage of auto-collection and open orders included', async () => {
  const conn = fakeConn();
  const view = recordingView();
  const sync = new AccountSync(conn, view, manualTimers());
  await sync.resync();
  assert.deepEqual([...conn.asked].sort(), ['account.balance', 'account.positions', 'account.riskSettings',
    'account.status', 'autoCollection.usage', 'openOrders']);
  assert.deepEqual(view.seen.usage, [{ usedToday: 3, limitPerDay: 10, nextResetTime: 0 }]);
  assert.equal(view.seen.orders[0][0].orderId, 7);
});

test('account sync: an ORDER_TRADE_UPDATE re-reads the open orders with the balances, positions and status',
  async () => {
    const conn = fakeConn();
    const view = recordingView();
    const timers = manualTimers();
    const sync = new AccountSync(conn, view, timers);
    sync.onEvent('userData', { e: 'ORDER_TRADE_UPDATE', E: 1, U: 1, o: { x: 'CANCELED', c: 'a' } });
    await timers.flush();
    assert.deepEqual([...conn.asked].sort(), ['account.balance', 'account.positions', 'account.status',
      'openOrders']);
  });

test('account sync: a U that jumps or goes backwards re-reads the account, as the Java client does', async () => {
  const conn = fakeConn();
  const view = recordingView();
  const timers = manualTimers();
  const sync = new AccountSync(conn, view, timers);
  const ev = (U) => ({ e: 'riskLevelChange', E: 1, U, s: 'NORMAL', u: '2' });
  sync.onEvent('userData', ev(10));
  sync.onEvent('userData', ev(11));
  await timers.flush();
  assert.deepEqual(conn.asked, []);
  sync.onEvent('userData', ev(15));
  await timers.flush();
  assert.match(view.seen.notes.at(-1), /Missed updates \(U 11 → 15\)/);
  assert.deepEqual([...conn.asked].sort(), ['account.balance', 'account.positions', 'account.status',
    'autoCollection.usage', 'openOrders']);
  conn.asked.length = 0;
  sync.onEvent('userData', ev(4));
  await timers.flush();
  assert.match(view.seen.notes.at(-1), /went back to older state \(U 15 → 4\)/);
  assert.deepEqual([...conn.asked].sort(), ['account.balance', 'account.positions', 'account.status',
    'autoCollection.usage', 'openOrders']);
  conn.asked.length = 0;
  sync.onEvent('userData', ev(5)); // counting goes on from the restored U
  await timers.flush();
  assert.deepEqual(conn.asked, []);
});

test('importing the dashboard modules has no effect: app.js waits for init()', async () => {
  const app = await import('../../main/resources/web/app.js');
  assert.equal(typeof app.init, 'function');
  assert.equal(app.shortKey('Rmr0RKdFq8Jd2LmXv7Tn4PzW1YbC6HsE9kGuA3oRiNfS5eQyVtDj0xZlMwKa9c9W'), 'Rmr0RKdF…9c9W');
});
