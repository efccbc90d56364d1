// End-to-end test of the MarginStream dashboard in headless Chromium.
//
// Env:
//   GATEWAY_URL     http://127.0.0.1:<port>/ of a running gateway (required)
//   API_KEY, API_SECRET      an HMAC key with READ + TRANSFER + TRADE of the account under test (required)
//   ADMIN_KEY, ADMIN_SECRET  an HMAC key with ADMIN (default: API_KEY / API_SECRET)
//   SCREENSHOT_DIR  where dashboard.png (1280×800) and dashboard-phone.png (390 wide) go
//                   (default: gateway/target/e2e)
//   CHROMIUM        the browser binary (default /usr/bin/chromium)
//   E2E_TIMEOUT_MS  bound on the whole run (default 120000)
//
// Steps: log on in the page; see uniMMR, balances and the auto-collection uses left (read at logon); the assets
// and thresholds of exchangeInfo; at 1280 px the tables fit their panels, each numeric column has one decimals
// rule and no symbol breaks; move BTCUSDT with admin.setMarkPrice through a separate WebSocket client and see the
// gauge move; press "Aggregate balances" and see the UM balances land in cross margin; submit a transfer larger
// than the balance and see the server's error (code and text, compared with what the server answers the same
// request directly); cut the socket and see it come back; inject a userData event whose U goes back, then one that
// jumps, and see both noted and the account re-read; place a LIMIT order with the order form, see it in the
// open-orders table, cancel it with its button; place another and see it fill when the mark crosses it; the chart's title names the span its axis shows; at phone
// width (390 px) no sideways page scroll and a visible cue on the tables that scroll.
// Exit 0 only if every step passed; otherwise a message naming the failed step and exit 1.

import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const GATEWAY_URL = env.GATEWAY_URL;
const API_KEY = env.API_KEY;
const API_SECRET = env.API_SECRET;
const ADMIN_KEY = env.ADMIN_KEY || API_KEY;
const ADMIN_SECRET = env.ADMIN_SECRET || API_SECRET;
const SCREENSHOT_DIR = path.resolve(env.SCREENSHOT_DIR || path.join(here, '..', '..', '..', 'target', 'e2e'));
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';
const TOTAL_TIMEOUT_MS = Number(env.E2E_TIMEOUT_MS || 120_000);
const STEP_TIMEOUT_MS = 20_000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let currentStep = 'start-up';
const cleanups = [];

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

async function step(name, fn) {
  currentStep = name;
  const t0 = Date.now();
  let result;
  try {
    result = await fn();
  } catch (e) {
    const message = e && e.message ? e.message : String(e);
    throw new Error(message.startsWith('step "') ? message : `step "${name}": ${message}`);
  }
  log(`ok   ${name} (${Date.now() - t0} ms)`);
  return result;
}

function fail(message) {
  throw new Error(`step "${currentStep}": ${message}`);
}

// ---- exact decimals: scaled BigInt with 8 places (amounts have at most 8 decimals, §2) ----

function toUnits(text) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(String(text ?? '').trim());
  if (!m || (m[2] === '' && !m[3])) fail(`not a decimal: ${JSON.stringify(text)}`);
  const units = BigInt((m[2] || '0') + (m[3] || '').padEnd(8, '0').slice(0, 8));
  return m[1] === '-' ? -units : units;
}

function fromUnits(units) {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(9, '0');
  return `${neg ? '-' : ''}${s.slice(0, -8)}.${s.slice(-8)}`;
}

// ---- a small WebSocket client of the gateway for the admin side ----

class WireClient {
  constructor(url) {
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
  }

  open() {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(this.url);
      const timer = setTimeout(() => reject(new Error(`no WebSocket connection to ${this.url}`)), STEP_TIMEOUT_MS);
      this.ws.on('open', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      this.ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
        if (!p) return;
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        p.resolve(msg);
      });
      this.ws.on('close', () => {
        for (const p of this.pending.values()) p.reject(new Error('admin connection closed'));
        this.pending.clear();
      });
    });
  }

  /** Sends a request and resolves with the whole response envelope. */
  send(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method}`));
      }, STEP_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(JSON.stringify(params === undefined ? { id, method } : { id, method, params }));
    });
  }

  async call(method, params) {
    const r = await this.send(method, params);
    if (r.status !== 200) fail(`${method} answered ${r.status} ${JSON.stringify(r.error)}`);
    return r.result;
  }

  async logon(apiKey, secret) {
    const { serverTime } = await this.call('time');
    const params = { apiKey, timestamp: serverTime };
    const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
    params.signature = crypto.createHmac('sha256', secret).update(payload).digest('hex');
    return this.call('session.logon', params);
  }

  close() {
    this.ws?.close();
  }
}

// ---- page helpers ----

/** Polls `check` (async, returns true when satisfied) until it holds or STEP_TIMEOUT_MS passes. */
async function until(check, describe) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) fail(await describe());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function text(page, testid) {
  return (await page.getByTestId(testid).textContent())?.trim();
}

async function dataValue(page, testid) {
  return page.getByTestId(testid).getAttribute('data-value');
}

async function balances(page) {
  return page.$$eval('#balances-body tr[data-asset]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.asset,
    Object.fromEntries([...r.querySelectorAll('td[data-testid]')].map((td) => [td.dataset.testid.split('-').pop(),
      td.dataset.value]))])));
}

/** At the current width: the tables fit their panels, each numeric column has one decimals rule, no symbol breaks. */
async function checkTables(page) {
    for (const wrap of ['balances-wrap', 'positions-wrap']) {
      const box = await page.getByTestId(wrap).evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth,
        columns: [...w.querySelectorAll('thead th')].map((th) => Math.round(th.getBoundingClientRect().width)) }));
      if (box.scroll > box.client) {
        fail(`${wrap}: the table is ${box.scroll} px in a ${box.client} px panel (columns ${box.columns.join(', ')})`);
      }
    }
    const columns = await page.$$eval('#balances-body tr[data-asset], #positions-body tr[data-symbol]', (rows) => {
      const byColumn = {};
      for (const r of rows) {
        const table = r.closest('table').id;
        [...r.querySelectorAll('td.num')].forEach((td, i) => {
          const main = td.querySelector('span[data-testid]') || td;
          const m = /[.](\d+)/.exec(main.firstChild ? main.firstChild.textContent : main.textContent);
          (byColumn[`${table}#${i}`] ||= []).push(m ? m[1].length : 0);
        });
      }
      return byColumn;
    });
    for (const [column, decimals] of Object.entries(columns)) {
      if (new Set(decimals).size > 1) fail(`column ${column} mixes ${JSON.stringify(decimals)} decimals`);
    }
    const broken = await page.$$eval('#positions-body .symbol', (spans) => spans
      .filter((s) => s.getClientRects().length !== 1).map((s) => s.textContent));
    if (broken.length) fail(`symbols broken over lines: ${broken.join(', ')}`);
  }

async function main() {
  if (!GATEWAY_URL || !API_KEY || !API_SECRET) {
    throw new Error('set GATEWAY_URL, API_KEY and API_SECRET (and ADMIN_KEY / ADMIN_SECRET for admin calls)');
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: run gateway/src/test/e2e/setup.sh (apt-get install -y chromium)`);
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const wsUrl = new URL('/ws', GATEWAY_URL.replace(/^http/, 'ws')).toString();

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'marginstream-e2e-'));
  cleanups.push(() => fs.rmSync(profile, { recursive: true, force: true }));
  const context = await step('launch chromium', () => chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    timeout: STEP_TIMEOUT_MS,
  }));
  cleanups.unshift(() => context.close());
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = context.pages()[0] || await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') log(`page console error: ${m.text()}`);
  });

  // Every page WebSocket goes through a route that forwards it to the gateway untouched, so that the test can
  // cut a connection the way a network drop would.
  const sockets = [];
  await page.routeWebSocket(/\/ws$/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });

  await step('open the dashboard', async () => {
    const response = await page.goto(GATEWAY_URL, { waitUntil: 'load' });
    if (!response || response.status() !== 200) fail(`GET ${GATEWAY_URL} answered ${response?.status()}`);
    await page.getByTestId('logon-panel').waitFor({ state: 'visible' });
    const hint = await text(page, 'logon-panel');
    if (!hint.includes('demo-credentials.json')) fail('the logon hint does not mention demo-credentials.json');
  });

  await step('log on', async () => {
    await page.getByLabel('API key', { exact: true }).fill(API_KEY);
    await page.getByLabel(/^Secret/).fill(API_SECRET);
    await page.getByTestId('logon-submit').click();
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor()
      .catch(async () => fail(`not live: state "${await text(page, 'conn-state')}", logon error `
        + `"${await text(page, 'logon-error')}"`));
    if (await page.getByTestId('api-secret').inputValue() !== '') fail('the secret is still in the input field');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
      + document.cookie);
    if (stored.includes(API_SECRET)) fail('the secret was found in browser storage or cookies');
  });

  const initialRatio = await step('see uniMMR', async () => {
    await page.waitForFunction(() => document.getElementById('unimmr-value').dataset.value !== '');
    const value = await dataValue(page, 'unimmr-value');
    const shown = await text(page, 'unimmr-value');
    if (!/^\d/.test(shown)) fail(`uniMMR shows "${shown}"`);
    const status = await page.getByTestId('account-status').getAttribute('data-status');
    if (!status) fail('no account status shown');
    const equity = await dataValue(page, 'summary-accountEquity');
    if (!equity) fail('no account equity shown');
    log(`uniMMR ${value} (${shown}), status ${status}, accountEquity ${equity}`);
    return value;
  });

  await step('see balances and positions', async () => {
    await page.locator('#balances-body tr[data-asset="USDT"]').waitFor();
    await page.locator('#positions-body tr[data-symbol="BTCUSDT"]').waitFor();
    const b = await balances(page);
    log(`balances: ${JSON.stringify(b)}`);
  });

  await step('uses left today are read at logon', async () => {
    await until(async () => (await page.getByTestId('collect-uses').getAttribute('data-limit')) !== '',
      async () => `collect-uses shows "${await text(page, 'collect-uses')}" before any use`);
    const shown = await text(page, 'collect-uses');
    if (!/^Uses left today: \d+ of \d+$/.test(shown)) fail(`collect-uses shows "${shown}"`);
  });

  await step('exchangeInfo read in its documented shape', async () => {
    const options = await page.$$eval('#asset-list option', (os) => os.map((o) => o.value));
    // USDC is a configured asset the account holds none of: only exchangeInfo.assets can have listed it
    if (!options.includes('USDC') || !options.includes('BTC')) fail(`asset list ${JSON.stringify(options)}`);
    const th = await page.$$eval('[data-th]', (spans) => spans.map((s) => `${s.dataset.th}=${s.textContent}`));
    for (const want of ['marginCall=1.5', 'reduceOnly=1.2', 'liquidation=1.0']) {
      if (!th.includes(want)) fail(`thresholds shown ${JSON.stringify(th)}, want ${want}`);
    }
  });

  await step('tables fit their panels at 1280 px, one decimals rule per column, symbols unbroken',
    () => checkTables(page));

  const admin = new WireClient(wsUrl);
  cleanups.unshift(() => admin.close());
  await step('admin logon over a separate WebSocket', async () => {
    await admin.open();
    await admin.logon(ADMIN_KEY, ADMIN_SECRET);
    // Against a gateway whose simulated feed runs (the demo defaults), stop it so marks stay where the test puts
    // them; switch it on at the end (RESUME_FEED=0 leaves it off).
    await admin.call('admin.feed', { enabled: false });
    if (env.RESUME_FEED !== '0') cleanups.unshift(() => admin.call('admin.feed', { enabled: true }));
  });

  await step('gauge moves after admin.setMarkPrice', async () => {
    const positions = await admin.call('account.positions', { symbol: 'BTCUSDT' });
    const btc = (Array.isArray(positions) ? positions : [positions]).find((p) => p.symbol === 'BTCUSDT');
    if (!btc) fail('the account has no BTCUSDT position to move');
    const newMark = fromUnits((toUnits(btc.markPrice) * 97n) / 100n);
    log(`BTCUSDT mark ${btc.markPrice} → ${newMark}`);
    await admin.call('admin.setMarkPrice', { symbol: 'BTCUSDT', price: newMark });
    await page.waitForFunction((before) => {
      const v = document.getElementById('unimmr-value').dataset.value;
      return v !== '' && v !== before;
    }, initialRatio).catch(() => fail(`uniMMR stayed at ${initialRatio}`));
    const after = await dataValue(page, 'unimmr-value');
    const needle = await page.$eval('#gauge .gauge-needle', (n) => n.getAttribute('x2'));
    log(`uniMMR ${initialRatio} → ${after}; needle x2=${needle}`);
    await until(async () => {
      const shown = await page.locator('[data-testid="pos-BTCUSDT-mark"]').getAttribute('data-value');
      return shown !== null && toUnits(shown) === toUnits(newMark);
    }, async () => `the BTCUSDT row shows mark ${await dataValue(page, 'pos-BTCUSDT-mark')}, not ${newMark}`);
  });

  await step('aggregate balances moves UM into cross margin', async () => {
    const before = await balances(page);
    const umAssets = Object.entries(before).filter(([asset, b]) => toUnits(b.um) > 0n && asset !== 'BNB');
    if (!umAssets.length) fail(`no positive UM balance to collect: ${JSON.stringify(before)}`);
    await page.getByRole('button', { name: 'Aggregate balances' }).click();
    await page.getByTestId('collect-result').waitFor({ state: 'visible' })
      .catch(async () => fail(`no result; error "${await text(page, 'collect-error')}"`));
    const moved = await page.$$eval('#collect-moved li', (items) => items.map((li) => ({ ...li.dataset })));
    log(`moved: ${JSON.stringify(moved)}; ${await text(page, 'collect-uses')}`);
    const uses = page.getByTestId('collect-uses');
    if (!(await uses.getAttribute('data-used')) || !(await uses.getAttribute('data-limit'))) {
      fail('uses left today not shown');
    }
    for (const [asset, b] of umAssets) {
      const m = moved.find((x) => x.asset === asset && x.from === 'UM');
      if (!m || toUnits(m.value) !== toUnits(b.um)) fail(`${asset} ${b.um} from UM not listed as moved`);
      const expectedCross = fromUnits(toUnits(b.cross) + toUnits(b.um));
      await until(async () => {
        const now = (await balances(page))[asset];
        return now !== undefined && toUnits(now.um) === 0n && toUnits(now.cross) === toUnits(expectedCross);
      }, async () => `${asset}: expected UM 0 and cross margin ${expectedCross}, page shows `
        + JSON.stringify((await balances(page))[asset]));
    }
    const bnbBefore = before.BNB?.um;
    if (bnbBefore && toUnits(bnbBefore) > 0n) {
      const bnbAfter = (await balances(page)).BNB?.um;
      if (toUnits(bnbAfter) !== toUnits(bnbBefore)) fail(`BNB in UM should stay, was ${bnbBefore}, now ${bnbAfter}`);
    }
  });

  await step('a bad transfer shows the server error', async () => {
    const params = { asset: 'USDT', amount: '999999999', from: 'SPOT', to: 'CROSS_MARGIN' };
    const direct = await admin.send('transfer', params);
    if (direct.status === 200) fail('the server accepted a transfer of 999999999 USDT');
    await page.getByLabel('Route', { exact: true }).selectOption('SPOT:CROSS_MARGIN');
    await page.getByLabel('Asset', { exact: true }).fill(params.asset);
    await page.getByLabel('Amount', { exact: true }).fill(params.amount);
    await page.getByTestId('transfer-submit').click();
    const error = page.getByTestId('transfer-error');
    await error.waitFor({ state: 'visible' });
    const code = await text(page, 'transfer-error-code');
    const msg = await text(page, 'transfer-error-msg');
    log(`page shows: ${code} ${msg}`);
    if (code !== String(direct.error.code) || msg !== direct.error.msg) {
      fail(`page shows "${code} ${msg}", server answers "${direct.error.code} ${direct.error.msg}"`);
    }
  });

  /** Places an order with the page's form; returns its orderId from the result line. */
  async function placeFromForm(fields) {
    await page.getByLabel('Symbol', { exact: true }).selectOption(fields.symbol);
    await page.getByLabel('Side', { exact: true }).selectOption(fields.side);
    await page.getByLabel('Type', { exact: true }).selectOption(fields.type);
    await page.getByLabel(/^Quantity/).fill(fields.quantity);
    if (fields.type === 'LIMIT') {
      if (!(await page.getByTestId('order-limit-fields').isVisible())) fail('no price field for a LIMIT order');
      await page.getByLabel('Limit price', { exact: true }).fill(fields.price);
      await page.getByLabel('Time in force', { exact: true }).selectOption(fields.tif);
    }
    await page.getByTestId('order-submit').click();
    await page.getByTestId('order-result').waitFor({ state: 'visible' })
      .catch(async () => fail(`no order result; error "${await text(page, 'order-error')}"`));
    const result = await text(page, 'order-result');
    const id = /^Order (\d+) /.exec(result)?.[1];
    if (!id) fail(`order result "${result}" names no order id`);
    return { id, result };
  }

  async function btcMark() {
    const positions = await admin.call('account.positions', { symbol: 'BTCUSDT' });
    return (Array.isArray(positions) ? positions : [positions]).find((p) => p.symbol === 'BTCUSDT').markPrice;
  }

  await step('a LIMIT order from the form rests in the open-orders table; its Cancel button cancels it', async () => {
    const far = fromUnits((toUnits(await btcMark()) * 80n) / 100n);
    const { id, result } = await placeFromForm({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001',
      price: far, tif: 'GTC' });
    if (!result.includes('NEW')) fail(`order result "${result}" is not a resting order`);
    const row = page.locator(`#orders-body tr[data-order-id="${id}"]`);
    await row.waitFor().catch(() => fail(`order ${id} not in the open-orders table`));
    const shownPrice = await dataValue(page, `ord-${id}-price`);
    if (toUnits(shownPrice) !== toUnits(far)) fail(`the table shows price ${shownPrice}, not ${far}`);
    const open = await admin.call('openOrders', { symbol: 'BTCUSDT' });
    if (!open.some((o) => String(o.orderId) === id)) fail(`openOrders does not list order ${id}`);
    await page.getByTestId(`ord-${id}-cancel`).click();
    await row.waitFor({ state: 'detached' }).catch(() => fail(`order ${id} still listed after Cancel`));
    await until(async () => (await text(page, 'feed')).includes('canceled'),
      async () => `no cancel in the feed: ${(await text(page, 'feed')).slice(0, 300)}`);
    const q = await admin.call('order.query', { symbol: 'BTCUSDT', orderId: Number(id) });
    if (q.status !== 'CANCELED') fail(`order ${id} is ${q.status} after Cancel`);
  });

  await step('a LIMIT order fills when admin.setMarkPrice crosses it, and leaves the table', async () => {
    const mark = toUnits(await btcMark());
    const near = fromUnits((mark * 99n) / 100n);
    // a whole contract, so the position's size keeps its decimals (the table-fit checks later see the same layout)
    const { id } = await placeFromForm({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '1',
      price: near, tif: 'GTC' });
    const row = page.locator(`#orders-body tr[data-order-id="${id}"]`);
    await row.waitFor().catch(() => fail(`order ${id} not in the open-orders table`));
    await admin.call('admin.setMarkPrice', { symbol: 'BTCUSDT', price: fromUnits((mark * 985n) / 1000n) });
    await row.waitFor({ state: 'detached' }).catch(() => fail(`order ${id} still listed after the mark crossed it`));
    await until(async () => (await text(page, 'feed')).includes('FILLED'),
      async () => `no fill in the feed: ${(await text(page, 'feed')).slice(0, 300)}`);
    const q = await admin.call('order.query', { symbol: 'BTCUSDT', orderId: Number(id) });
    if (q.status !== 'FILLED' || toUnits(q.avgPrice) !== toUnits(near)) {
      fail(`order ${id}: ${q.status} at ${q.avgPrice}, expected FILLED at ${near}`);
    }
  });

  await step('reconnects, logs on again, re-subscribes and re-syncs after a drop', async () => {
    const before = sockets.length;
    const ratioBefore = await dataValue(page, 'unimmr-value');
    await sockets[sockets.length - 1].close({ code: 4000, reason: 'e2e: connection cut' });
    await page.locator('[data-testid="conn-state"][data-state="reconnecting"]').waitFor()
      .catch(() => fail('the page never showed "reconnecting"'));
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor()
      .catch(async () => fail(`not live again: "${await text(page, 'conn-state')}"`));
    if (sockets.length <= before) fail('no new WebSocket was opened');
    const feedText = await text(page, 'feed');
    if (!feedText.includes('Reconnected')) fail(`the feed does not report the reconnect: ${feedText}`);
    // The new session must stream again: move the mark back up and watch uniMMR follow.
    const positions = await admin.call('account.positions', { symbol: 'BTCUSDT' });
    const btc = (Array.isArray(positions) ? positions : [positions]).find((p) => p.symbol === 'BTCUSDT');
    const newMark = fromUnits((toUnits(btc.markPrice) * 101n) / 100n);
    await admin.call('admin.setMarkPrice', { symbol: 'BTCUSDT', price: newMark });
    await page.waitForFunction((prev) => {
      const v = document.getElementById('unimmr-value').dataset.value;
      return v !== '' && v !== prev;
    }, ratioBefore).catch(() => fail(`uniMMR stayed at ${ratioBefore} after the reconnect`));
    log(`after reconnect: BTCUSDT → ${newMark}, uniMMR ${ratioBefore} → ${await dataValue(page, 'unimmr-value')}`);
    await until(async () => {
      const shown = await page.locator('[data-testid="pos-BTCUSDT-mark"]').getAttribute('data-value');
      return shown !== null && toUnits(shown) === toUnits(newMark);
    }, async () => `the BTCUSDT row shows mark ${await dataValue(page, 'pos-BTCUSDT-mark')}, not ${newMark}`);
  });

  await step('a U that jumps or goes backwards re-reads the account', async () => {
    const ws = sockets[sockets.length - 1];
    const inject = (U) => ws.send(JSON.stringify({ stream: 'userData',
      data: { e: 'outboundAccountPosition', E: Date.now(), u: Date.now(), B: [], U } }));
    inject(900000);
    inject(900001);
    inject(3);
    await until(async () => (await text(page, 'feed')).includes('went back to older state (U 900001 → 3)'),
      async () => `no step-back note in the feed: ${(await text(page, 'feed')).slice(0, 300)}`);
    inject(900);
    await until(async () => (await text(page, 'feed')).includes('Missed updates (U 3 → 900)'),
      async () => `no gap note in the feed: ${(await text(page, 'feed')).slice(0, 300)}`);
  });

  await step('an option position shows its type, strike, expiry and delta; ATM IV per underlying', async () => {
    const symbol = env.OPTION_SYMBOL;
    await admin.call('order.place', { symbol, side: 'BUY', type: 'MARKET', quantity: '0.1' });
    await page.locator(`#positions-body tr[data-symbol="${symbol}"]`).waitFor();
    const label = `${await text(page, `pos-${symbol}-option`)} ${await text(page, `pos-${symbol}-expiry`)}`;
    if (label !== `Call · 60,000 exp ${env.OPTION_EXPIRY}`) fail(`the option row reads "${label}"`);
    const delta = await dataValue(page, `pos-${symbol}-delta`);
    if (!(Number(delta) > 0 && Number(delta) < 0.1)) fail(`delta of 0.1 calls shown as ${delta}`);
    const iv = await text(page, 'iv-BTC');
    if (!/^BTC \d+\.\d %$/.test(iv)) fail(`BTC implied vol shown as "${iv}"`);
    if (!(await page.getByTestId('implied-vol').isVisible())) fail('the implied-vol line is hidden');
    log(`option row: ${label}, ${await text(page, `pos-${symbol}-delta`)}; ${await text(page, 'implied-vol')}`);
  });

  await step('screenshot 1280×800', async () => {
    // Let the chart collect a few more samples so the screenshot shows the line.
    await page.waitForFunction(() => Number(document.getElementById('chart').dataset.points || 0) >= 3);
    const title = await text(page, 'chart-title');
    const axis = await page.$eval('[data-testid="chart-axis-start"]', (t) => t.textContent);
    const minutes = /last (\d+) min$/.exec(title)?.[1];
    if (!minutes || axis !== `${minutes} min ago`) fail(`chart title "${title}" but the axis starts at "${axis}"`);
    await checkTables(page); // again, with the moved marks' longer PnL and notional figures
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = path.join(SCREENSHOT_DIR, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    log(`screenshot ${file}`);
  });

  await step('phone width (390 px) has no sideways scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
      .catch(async () => fail(`page is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`));
    const gaugeBox = await page.getByTestId('gauge').boundingBox();
    if (!gaugeBox || gaugeBox.width > 390) fail(`gauge box ${JSON.stringify(gaugeBox)}`);
    await until(async () => (await page.getByTestId('positions-wrap').getAttribute('data-scroll')) === 'right',
      async () => `positions table: data-scroll=${await page.getByTestId('positions-wrap').getAttribute('data-scroll')}`);
    if (!(await page.getByTestId('positions-scroll-hint').isVisible())) fail('no visible scroll cue under the positions');
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = path.join(SCREENSHOT_DIR, 'dashboard-phone.png');
    await page.screenshot({ path: file, fullPage: true });
    log(`screenshot ${file}`);
  });

  await step('keyboard reaches the actions', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const unlabeled = await page.$$eval('input, select, button', (els) => els
      .filter((e) => e.offsetParent !== null)
      .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
      .map((e) => e.id || e.outerHTML.slice(0, 60)));
    if (unlabeled.length) fail(`controls without a label: ${unlabeled.join(', ')}`);
    const reached = new Set();
    await page.locator('body').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id);
      if (id) reached.add(id);
    }
    for (const id of ['order-symbol', 'order-quantity', 'order-submit', 'transfer-route', 'transfer-amount',
      'transfer-submit', 'collect', 'risk-multiplier', 'risk-submit']) {
      if (!reached.has(id)) fail(`Tab never reaches #${id}`);
    }
  });

  if (pageErrors.length) {
    currentStep = 'page errors';
    fail(pageErrors.join(' | '));
  }
}

const watchdog = setTimeout(() => {
  console.error(`[e2e] FAILED: timed out after ${TOTAL_TIMEOUT_MS} ms in step "${currentStep}"`);
  process.exit(2);
}, TOTAL_TIMEOUT_MS);

let exitCode = 0;
try {
  await main();
  log('PASSED: all dashboard checks');
} catch (e) {
  exitCode = 1;
  console.error(`[e2e] FAILED: ${e && e.message ? e.message : e}`);
}
for (const cleanup of cleanups) {
  try {
    await cleanup();
  } catch {
    // best effort: the browser may already be gone
  }
}
clearTimeout(watchdog);
process.exit(exitCode);
