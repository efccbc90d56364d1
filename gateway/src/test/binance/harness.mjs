// Shared pieces of the Binance-client suite: assertions, bounded waits, a MarginStream /ws client (to read
// account.status and to move marks with admin.setMarkPrice), a raw listenKey socket, and an ordered event log.
import crypto from 'node:crypto';
import WebSocket from 'ws';

export const WAIT_MS = 10_000;

export function assert(cond, what) {
  if (!cond) throw new Error('assertion failed: ' + what);
}

export function assertEq(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`assertion failed: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Waits until cond() is truthy, polling every 10 ms, at most ms; fails naming what. */
export async function until(cond, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs fn, which must throw; returns the error. */
export async function rejects(fn, what) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error(`expected ${what} to fail, it succeeded`);
}

/** Events in arrival order, with a cursor: expect() waits for the next events of one action, in order. */
export class EventLog {
  constructor(name) {
    this.name = name;
    this.events = [];
    this.cursor = 0;
  }

  push(e) {
    this.events.push(e);
  }

  /**
   * Waits until the events after the cursor contain matches for every predicate, in that order (other events may
   * sit between them); moves the cursor past the last match and returns the matched events.
   */
  async expect(what, ...preds) {
    let found;
    await until(() => {
      found = [];
      let i = this.cursor;
      for (const p of preds) {
        while (i < this.events.length && !p(this.events[i])) i++;
        if (i >= this.events.length) return false;
        found.push(this.events[i]);
        i++;
      }
      this.cursor = i;
      return true;
    }, `${this.name}: ${what} (got ${JSON.stringify(this.events.slice(this.cursor).map((e) => e.e))})`);
    return found;
  }
}

export const is = (type, extra = () => true) => (e) => e.e === type && extra(e);

/** MarginStream's own /ws API: signed session.logon, then request() by method name. */
export class MsWs {
  static async open(wsUrl, apiKey, secret) {
    const c = new MsWs(new WebSocket(wsUrl));
    await new Promise((resolve, reject) => {
      c.ws.once('open', resolve);
      c.ws.once('error', reject);
    });
    const timestamp = Date.now();
    const payload = `apiKey=${apiKey}&timestamp=${timestamp}`;
    const signature = crypto.createHmac('sha256', secret).update(payload).digest('hex');
    await c.request('session.logon', { apiKey, timestamp, signature });
    return c;
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.waiting = new Map();
    /** userData events of this /ws session (after subscribe), in arrival order. */
    this.userData = new EventLog('/ws userData');
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.stream === 'userData') {
        this.userData.push(m.data);
      } else if (m.id !== undefined && this.waiting.has(m.id)) {
        this.waiting.get(m.id)(m);
        this.waiting.delete(m.id);
      }
    });
  }

  /** The result of one request; a non-200 answer throws with its code. */
  async request(method, params = {}) {
    const id = this.nextId++;
    const answer = new Promise((resolve) => this.waiting.set(id, resolve));
    this.ws.send(JSON.stringify({ id, method, params }));
    const m = await Promise.race([answer, new Promise((_, rej) =>
      setTimeout(() => rej(new Error(`/ws ${method}: no answer in ${WAIT_MS} ms`)), WAIT_MS))]);
    if (m.status !== 200) throw new Error(`/ws ${method} failed: ${JSON.stringify(m.error)}`);
    return m.result;
  }

  close() {
    this.ws.close();
  }
}

/**
 * A plain WebSocket on a Binance stream URL, every frame parsed into the log (combined frames unwrapped). Returns
 * once the server holds the subscription: the client sees the open a moment before the server has made its session,
 * so it asks LIST_SUBSCRIPTIONS and waits for the answer naming the key.
 */
export async function rawStream(url, log, key) {
  const ws = new WebSocket(url);
  let listed = false;
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.id === 'ready') {
      listed = Array.isArray(m.result) && m.result.includes(key);
    } else if (m.stream !== undefined) {
      if (m.stream === key) log.push(m.data);
    } else if (m.e !== undefined) {
      log.push(m);
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 'ready' }));
  await until(() => listed, `the server subscribed ${url}`);
  return ws;
}

/**
 * Waits until a stream whose subscription the client library does not confirm delivers events: moves 0.01 USDT
 * from spot into cross margin over /ws until its balanceUpdate shows up in the log, then puts the cursor past it.
 */
export async function awaitDelivering(ms, log) {
  await until(async () => {
    await ms.request('transfer', { asset: 'USDT', amount: '0.01', from: 'SPOT', to: 'CROSS_MARGIN' });
    await new Promise((r) => setTimeout(r, 50));
    return log.events.some((e) => e.e === 'balanceUpdate');
  }, `${log.name} delivering events`);
  await new Promise((r) => setTimeout(r, 100));
  log.cursor = log.events.length;
}

/** Runs fn with Date.now() skewed by offsetMs, as on a machine whose clock is wrong. */
export async function withClockSkew(offsetMs, fn) {
  const real = Date.now;
  Date.now = () => real() + offsetMs;
  try {
    return await fn();
  } finally {
    Date.now = real;
  }
}

/** The REST figures that must equal /ws account.status, as strings of 8 decimals. */
export const STATUS_FIELDS = ['accountEquity', 'actualEquity', 'accountInitialMargin', 'accountMaintMargin',
  'accountStatus', 'virtualMaxWithdrawAmount', 'totalAvailableBalance', 'updateTime'];
export const BALANCE_FIELDS = ['totalWalletBalance', 'crossMarginAsset', 'crossMarginFree', 'umWalletBalance',
  'umUnrealizedPNL', 'cmWalletBalance', 'cmUnrealizedPNL', 'negativeBalance'];
export const POSITION_FIELDS = ['positionAmt', 'entryPrice', 'markPrice', 'unRealizedProfit'];

/** Compares REST account, balance and position figures with /ws account.status, .balance and .positions. */
export async function sameFigures(ms, rest, label) {
  const [status, balances, positions] = await Promise.all([ms.request('account.status'),
    ms.request('account.balance'), ms.request('account.positions')]);
  for (const f of STATUS_FIELDS) assertEq(rest.account[f], status[f], `${label}: account.${f}`);
  assertEq(rest.account.uniMMR, status.uniMMR ?? '', `${label}: account.uniMMR`);
  assertEq(rest.balances.length, balances.length, `${label}: number of balances`);
  for (const b of balances) {
    const r = rest.balances.find((x) => x.asset === b.asset);
    assert(r, `${label}: REST balance of ${b.asset}`);
    for (const f of BALANCE_FIELDS) assertEq(r[f], b[f], `${label}: balance ${b.asset}.${f}`);
  }
  for (const fs of ['UM', 'CM']) {
    const ws = positions.filter((p) => p.fs === fs);
    const rp = fs === 'UM' ? rest.um : rest.cm;
    assertEq(rp.length, ws.length, `${label}: number of ${fs} positions`);
    for (const p of ws) {
      const r = rp.find((x) => x.symbol === p.symbol);
      assert(r, `${label}: REST ${fs} position ${p.symbol}`);
      for (const f of POSITION_FIELDS) assertEq(r[f], p[f], `${label}: ${fs} position ${p.symbol}.${f}`);
    }
  }
  return status;
}

/**
 * Moves BTCUSDT's mark down in 0.25 % steps (admin.setMarkPrice over /ws) until the account's own /ws
 * account.status says MARGIN_CALL (so the fall stops inside that band whatever the timing of the events), expects
 * the riskLevelChange to MARGIN_CALL in the log, then restores `start` and expects the one back to NORMAL.
 */
export async function marginCallAndBack(admin, ms, log, start) {
  let price = Number(start);
  let status = 'NORMAL';
  for (let step = 0; step < 40 && status === 'NORMAL'; step++) {
    price *= 0.9975;
    await admin.request('admin.setMarkPrice', { symbol: 'BTCUSDT', price: price.toFixed(2) });
    status = (await ms.request('account.status')).accountStatus;
  }
  assertEq(status, 'MARGIN_CALL', 'account status after the fall');
  const [call] = await log.expect('riskLevelChange to MARGIN_CALL', is('riskLevelChange'));
  assertEq(call.s, 'MARGIN_CALL', 'riskLevelChange status after the fall');
  await admin.request('admin.setMarkPrice', { symbol: 'BTCUSDT', price: start });
  const [back] = await log.expect('riskLevelChange back to NORMAL', is('riskLevelChange'));
  assertEq(back.s, 'NORMAL', 'riskLevelChange status after the recovery');
  return [call, back];
}

/** A signed request made by hand (fetch + HMAC), for what a client library does not expose: the response. */
export async function signedFetch(env, method, path, query, key, secret) {
  const q = `${query ? query + '&' : ''}timestamp=${Date.now()}`;
  const signature = crypto.createHmac('sha256', secret).update(q).digest('hex');
  return fetch(`${env.GATEWAY_URL}${path}?${q}&signature=${signature}`, { method, headers: { 'X-MBX-APIKEY': key } });
}

/** The answer to the request that hit the weight limit, repeated: 429, Retry-After in seconds, JSON -1003. */
export async function assertRetryAfter(res) {
  assertEq(res.status, 429, 'status while limited');
  assert(Number(res.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
  assertEq(res.headers.get('content-type'), 'application/json', 'content type of the error');
  assertEq((await res.json()).code, -1003, 'code');
}

/** The promise's value, or a failure naming what after ms. */
export async function within(promise, what, ms = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
