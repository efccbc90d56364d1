// The MarginStream dashboard: logs on over the gateway's WebSocket API, keeps the account view live from the
// `marginRatio` and `userData` streams, re-reads the account on a gap in `U` and after every reconnect, and
// drives transfers, auto-collection and risk settings. Plain ES modules, no build step, nothing fetched from
// anywhere but this gateway.

import { ApiError, ConnState, GatewayConnection } from './connection.js';
import { createHmacSigner } from './signing.js';
import { DEFAULT_THRESHOLDS, Gauge } from './gauge.js';
import { RatioChart } from './chart.js';
import { STATUS_LABELS, WALLET_LABELS, amount, clock, formatDecimal, ratio, usd } from './format.js';
import { Feed, hide, renderBalances, renderPositions, showError, showText, h } from './views.js';
import { FormError, RISK_FIELDS, fieldNamedIn, fillRiskForm, readRiskForm } from './riskform.js';

const MARGIN_RATIO_INTERVAL_MS = 250;
const POSITIONS_POLL_MS = 2000;
const BALANCES_POLL_MS = 10000;
const REFRESH_DEBOUNCE_MS = 150;
/**
 * Marks move the positions' mark, PnL and margin and the wallets' unrealized PnL, which no stream carries: a changed
 * ratio re-reads them, each at most this often.
 */
const ON_RATIO_CHANGE_MIN_MS = { positions: 1000, balances: 3000 };

const $ = (id) => document.getElementById(id);

const ui = {
  connState: $('conn-state'),
  accountId: $('account-id'),
  logout: $('logout'),
  logonPanel: $('logon-panel'),
  logonForm: $('logon-form'),
  apiKey: $('api-key'),
  apiSecret: $('api-secret'),
  logonSubmit: $('logon-submit'),
  logonError: $('logon-error'),
  dashboard: $('dashboard'),
  unimmr: $('unimmr-value'),
  statusChip: $('account-status'),
  summaryUpdated: $('summary-updated'),
  balancesBody: $('balances-body'),
  positionsBody: $('positions-body'),
  transferForm: $('transfer-form'),
  transferRoute: $('transfer-route'),
  transferAsset: $('transfer-asset'),
  transferAmount: $('transfer-amount'),
  transferSubmit: $('transfer-submit'),
  transferResult: $('transfer-result'),
  transferError: $('transfer-error'),
  assetList: $('asset-list'),
  collect: $('collect'),
  collectUses: $('collect-uses'),
  collectResult: $('collect-result'),
  collectMoved: $('collect-moved'),
  collectError: $('collect-error'),
  riskForm: $('risk-form'),
  riskSubmit: $('risk-submit'),
  riskReload: $('risk-reload'),
  riskResult: $('risk-result'),
  riskError: $('risk-error'),
};

const STATUS_BAND = {
  NORMAL: 'normal',
  MARGIN_CALL: 'margin-call',
  REDUCE_ONLY: 'reduce-only',
  FORCE_LIQUIDATION: 'liquidation',
  BANKRUPTED: 'liquidation',
};

const SUMMARY_FIELDS = ['accountEquity', 'actualEquity', 'accountMaintMargin', 'accountInitialMargin',
  'totalAvailableBalance', 'virtualMaxWithdrawAmount'];

const state = {
  accountId: null,
  lastU: null,
  accountStatus: null,
  riskFormDirty: false,
  hasSynced: false,
  lastRatioKey: '',
  readAt: {},
  readTimers: {},
  thresholds: { ...DEFAULT_THRESHOLDS },
};

const gauge = new Gauge($('gauge'));
const chart = new RatioChart($('chart'));
const feed = new Feed($('feed'), $('feed-empty'));

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const conn = new GatewayConnection(wsUrl, {
  onState: renderConnState,
  onEvent,
  onReady,
  onAuthLost(error) {
    showLogon();
    showError(ui.logonError, new ApiError(error.code, `Could not log on again: ${error.message}`));
  },
  onRetry({ attempt, delayMs, reason }) {
    ui.connState.textContent = `Reconnecting… (attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s)`;
    ui.connState.title = reason;
  },
});

// ---- connection state and logon ----

function renderConnState(s) {
  const labels = {
    [ConnState.IDLE]: 'Not connected',
    [ConnState.CONNECTING]: 'Connecting…',
    [ConnState.LIVE]: 'Live',
    [ConnState.RECONNECTING]: 'Reconnecting…',
  };
  ui.connState.dataset.state = s;
  ui.connState.textContent = labels[s];
  ui.connState.title = '';
  const live = s === ConnState.LIVE;
  ui.dashboard.classList.toggle('stale', !live);
  for (const b of [ui.transferSubmit, ui.collect, ui.riskSubmit, ui.riskReload]) b.disabled = !live;
  if (s === ConnState.RECONNECTING) feed.add('system', 'Connection lost; reconnecting with backoff.');
}

function showLogon() {
  ui.dashboard.hidden = true;
  ui.logonPanel.hidden = false;
  ui.logout.hidden = true;
  ui.accountId.hidden = true;
  ui.logonSubmit.disabled = false;
  ui.apiKey.focus();
}

function showDashboard() {
  ui.logonPanel.hidden = true;
  ui.dashboard.hidden = false;
  ui.logout.hidden = false;
  ui.accountId.hidden = false;
  chart.schedule();
}

ui.logonForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  hide(ui.logonError);
  const apiKey = ui.apiKey.value.trim();
  if (!apiKey || !ui.apiSecret.value) {
    showError(ui.logonError, new FormError(null, 'Enter the API key and its secret.'));
    (apiKey ? ui.apiSecret : ui.apiKey).focus();
    return;
  }
  ui.logonSubmit.disabled = true;
  try {
    const signer = await createHmacSigner(ui.apiSecret.value);
    resetAccountView();
    await conn.logon(apiKey, signer);
    ui.apiSecret.value = '';
    showDashboard();
  } catch (e) {
    showError(ui.logonError, e);
    ui.apiSecret.focus();
  } finally {
    ui.logonSubmit.disabled = false;
  }
});

ui.logout.addEventListener('click', () => {
  conn.logout();
  resetAccountView();
  showLogon();
});

function resetAccountView() {
  state.accountId = null;
  state.lastU = null;
  state.accountStatus = null;
  state.riskFormDirty = false;
  state.hasSynced = false;
  chart.clear();
  gauge.set(null);
  ui.unimmr.textContent = '—';
  ui.unimmr.dataset.value = '';
  ui.balancesBody.replaceChildren();
  ui.positionsBody.replaceChildren();
  $('feed').replaceChildren();
  $('feed-empty').hidden = false;
  hide(ui.transferResult, ui.transferError, ui.collectResult, ui.collectError, ui.riskResult, ui.riskError);
  ui.collectMoved.replaceChildren();
}

/** Runs after every logon, first or after a reconnect: subscribe, then read everything. */
async function onReady(logon) {
  const reconnect = state.hasSynced;
  state.accountId = logon.accountId;
  ui.accountId.textContent = `Account ${logon.accountId} · key ${shortKey(logon.apiKey)}`;
  ui.accountId.title = `API key ${logon.apiKey}`;
  state.lastU = null;
  await conn.request('subscribe', { streams: ['userData'] });
  try {
    await conn.request('subscribe', { streams: ['marginRatio'], intervalMs: MARGIN_RATIO_INTERVAL_MS });
  } catch (e) {
    if (e.code === null) throw e;
    feed.add('system', `No live margin ratio: ${e.code} ${e.message}`);
  }
  await loadExchangeInfo();
  await resync({ riskSettings: !state.riskFormDirty });
  state.hasSynced = true;
  feed.add('system', reconnect ? 'Reconnected: logged on again, re-subscribed and re-synced.'
    : `Logged on to account ${logon.accountId} with key ${shortKey(logon.apiKey)} `
      + `(${(logon.permissions || []).join(', ')}).`);
}

/** Long keys (the demo's are 64 characters) shortened for display. */
function shortKey(apiKey) {
  return apiKey.length > 16 ? `${apiKey.slice(0, 8)}…${apiKey.slice(-4)}` : apiKey;
}

let exchangeInfoLoaded = false;

async function loadExchangeInfo() {
  if (exchangeInfoLoaded) return;
  try {
    const info = await conn.request('exchangeInfo');
    const assets = (info.assets || []).map((a) => (typeof a === 'string' ? a : a.asset)).filter(Boolean);
    ui.assetList.replaceChildren(...assets.map((a) => h('option', { value: a })));
    const risk = info.risk || info.riskThresholds || (info.marginModel && info.marginModel.risk);
    if (risk && risk.marginCall && risk.reduceOnly && risk.liquidation) {
      applyThresholds({ marginCall: Number(risk.marginCall), reduceOnly: Number(risk.reduceOnly),
        liquidation: Number(risk.liquidation) });
    }
    exchangeInfoLoaded = true;
  } catch (e) {
    if (e.code === null) throw e;
  }
}

function applyThresholds(t) {
  if (![t.marginCall, t.reduceOnly, t.liquidation].every(Number.isFinite)) return;
  state.thresholds = t;
  gauge.setThresholds(t);
  chart.setThresholds(t);
  for (const span of document.querySelectorAll('[data-th]')) {
    span.textContent = formatDecimal(String(t[span.dataset.th]), { maxDp: 4, minDp: 1 });
  }
}

// ---- reads ----

const readers = {
  status: async () => applyStatus(await conn.request('account.status')),
  balances: async () => {
    state.readAt.balances = Date.now();
    applyBalances(await conn.request('account.balance'));
  },
  positions: async () => {
    state.readAt.positions = Date.now();
    renderPositions(ui.positionsBody, await conn.request('account.positions'));
  },
  riskSettings: async () => {
    const settings = await conn.request('account.riskSettings');
    if (!state.riskFormDirty) fillRiskForm(ui.riskForm, settings);
  },
};

/** Reads the whole account; errors other than a lost connection are shown and tolerated. */
async function resync({ riskSettings = true } = {}) {
  const parts = ['status', 'balances', 'positions'].concat(riskSettings ? ['riskSettings'] : []);
  const results = await Promise.allSettled(parts.map((p) => readers[p]()));
  for (const r of results) {
    if (r.status === 'rejected') {
      if (!(r.reason instanceof ApiError) || r.reason.code === null) throw r.reason;
      feed.add('system', `Read failed: ${r.reason.code} ${r.reason.message}`, Date.now(), 'warn');
    }
  }
}

const refresh = { wanted: new Set(), timer: 0, running: false };

/** Asks for a re-read of some parts ('status', 'balances', 'positions', 'riskSettings'), debounced. */
function requestRefresh(...parts) {
  for (const p of parts) refresh.wanted.add(p);
  if (!refresh.timer && !refresh.running) refresh.timer = setTimeout(runRefresh, REFRESH_DEBOUNCE_MS);
}

async function runRefresh() {
  refresh.timer = 0;
  if (conn.state !== ConnState.LIVE) {
    refresh.wanted.clear();
    return;
  }
  const parts = [...refresh.wanted];
  refresh.wanted.clear();
  refresh.running = true;
  try {
    await Promise.all(parts.map((p) => readers[p]()));
  } catch (e) {
    onRequestError(e);
  } finally {
    refresh.running = false;
    if (refresh.wanted.size) requestRefresh();
  }
}

function onRequestError(e) {
  // 401 (-1002 / -2015): the key was removed or disabled. A 403 -2015 is only a missing permission.
  if (e instanceof ApiError && e.status === 401 && conn.state === ConnState.LIVE) {
    conn.logout();
    showLogon();
    showError(ui.logonError, new ApiError(e.code, `The session's key stopped working: ${e.message}`));
  }
}

// A slow poll for what was not re-read lately anyway (the ratio-change re-reads cover moving markets).
setInterval(() => {
  if (conn.state !== ConnState.LIVE || document.hidden) return;
  const now = Date.now();
  const parts = [];
  if (now - (state.readAt.positions || 0) >= POSITIONS_POLL_MS) parts.push('positions');
  if (now - (state.readAt.balances || 0) >= BALANCES_POLL_MS) parts.push('balances');
  if (parts.length) requestRefresh(...parts);
}, POSITIONS_POLL_MS);

// ---- applying state ----

function applyStatus(s) {
  renderRatio({
    uniMMR: s.uniMMR,
    accountEquity: s.accountEquity,
    actualEquity: s.actualEquity,
    accountMaintMargin: s.accountMaintMargin,
    accountInitialMargin: s.accountInitialMargin,
    totalAvailableBalance: s.totalAvailableBalance,
    virtualMaxWithdrawAmount: s.virtualMaxWithdrawAmount,
    accountStatus: s.accountStatus,
    time: s.updateTime || Date.now(),
  });
  $('sum-marginModel').textContent = s.portfolioMargin === false ? 'Classic (no portfolio margin)'
    : s.marginModel || '—';
}

function applyMarginRatioEvent(d) {
  const key = `${d.u}|${d.mm}|${d.eq}`;
  if (key !== state.lastRatioKey) {
    state.lastRatioKey = key;
    for (const [part, minMs] of Object.entries(ON_RATIO_CHANGE_MIN_MS)) {
      const wait = (state.readAt[part] || 0) + minMs - Date.now();
      if (wait <= 0) {
        requestRefresh(part);
      } else if (!state.readTimers[part]) {
        state.readTimers[part] = setTimeout(() => {
          state.readTimers[part] = 0;
          requestRefresh(part);
        }, wait);
      }
    }
  }
  renderRatio({
    uniMMR: d.u,
    accountEquity: d.eq,
    actualEquity: d.ae,
    accountMaintMargin: d.mm,
    accountInitialMargin: d.im,
    totalAvailableBalance: d.avb,
    virtualMaxWithdrawAmount: d.vmw,
    accountStatus: d.s,
    time: d.E || Date.now(),
  });
}

function renderRatio(r) {
  const value = r.uniMMR === null || r.uniMMR === undefined ? null : Number(r.uniMMR);
  gauge.set(value);
  ui.unimmr.textContent = r.uniMMR === null || r.uniMMR === undefined ? '— (no margin in use)' : ratio(r.uniMMR);
  ui.unimmr.dataset.value = r.uniMMR ?? '';
  chart.add(Date.now(), value);
  for (const f of SUMMARY_FIELDS) {
    if (r[f] === undefined) continue;
    const dd = $(`sum-${f}`);
    dd.textContent = usd(r[f]);
    dd.dataset.value = r[f] ?? '';
  }
  if (r.accountStatus) {
    state.accountStatus = r.accountStatus;
    const band = STATUS_BAND[r.accountStatus] || 'normal';
    ui.statusChip.textContent = STATUS_LABELS[r.accountStatus] || r.accountStatus;
    ui.statusChip.dataset.status = r.accountStatus;
    ui.statusChip.className = `status-chip band-${band}`;
    const dd = $('sum-accountStatus');
    dd.textContent = r.accountStatus;
    dd.dataset.value = r.accountStatus;
  }
  ui.summaryUpdated.textContent = `updated ${clock(r.time)}`;
}

function applyBalances(list) {
  const balances = Array.isArray(list) ? list : [list];
  renderBalances(ui.balancesBody, balances);
  const known = new Set([...ui.assetList.options].map((o) => o.value));
  for (const b of balances) {
    if (!known.has(b.asset)) ui.assetList.append(h('option', { value: b.asset }));
  }
}

// ---- events ----

function onEvent(stream, d) {
  if (d.e === 'marginRatio') {
    applyMarginRatioEvent(d);
    return;
  }
  if (d.e === 'serverShutdown') {
    feed.add('system', 'The gateway is shutting down; will reconnect.', d.E, 'warn');
    return;
  }
  if (stream !== 'userData') return;
  checkSequence(d.U);
  switch (d.e) {
    case 'riskLevelChange': {
      const from = state.accountStatus && state.accountStatus !== d.s ? `${state.accountStatus} → ` : '';
      feed.add('risk', `${from}${d.s} at uniMMR ${ratio(d.u)}`, d.E, `sev-${STATUS_BAND[d.s] || 'normal'}`);
      renderRatio({ uniMMR: d.u, accountEquity: d.eq, actualEquity: d.ae, accountStatus: d.s, time: d.E });
      break;
    }
    case 'marginAlert':
      feed.add('alert', `uniMMR ${ratio(d.u)} fell below ${formatDecimal(d.threshold, { maxDp: 4, minDp: 2 })}`, d.E,
        'sev-reduce-only');
      break;
    case 'transferUpdate':
      feed.add('transfer', `${amount(d.amount)} ${d.asset}: ${WALLET_LABELS[d.from] || d.from} → `
        + `${WALLET_LABELS[d.to] || d.to} (tranId ${d.tranId})`, d.E);
      requestRefresh('balances', 'status');
      break;
    case 'ORDER_TRADE_UPDATE': {
      const o = d.o || {};
      const liquidation = typeof o.c === 'string' && o.c.startsWith('autoclose-');
      feed.add(liquidation ? 'liquidation' : 'fill',
        `${o.S} ${amount(o.z || o.q)} ${o.s} @ ${formatDecimal(o.ap, { maxDp: 6, minDp: 2 })} ${o.X || ''} (${o.c})`.trim(),
        d.E, liquidation ? 'sev-liquidation' : '');
      requestRefresh('balances', 'positions', 'status');
      break;
    }
    case 'balanceUpdate':
      feed.add('balance', `${d.a} ${formatDecimal(d.d, { maxDp: 8, signed: true })}`, d.E);
      requestRefresh('balances');
      break;
    case 'ACCOUNT_UPDATE':
      requestRefresh('balances', 'positions');
      break;
    default:
      requestRefresh('balances', 'positions', 'status');
  }
}

/** `U` grows by one per journaled change: a jump means events were missed, so re-read the account. */
function checkSequence(u) {
  if (typeof u !== 'number') return;
  if (state.lastU !== null && u > state.lastU + 1) {
    feed.add('system', `Missed updates (U ${state.lastU} → ${u}); re-reading the account.`);
    requestRefresh('status', 'balances', 'positions');
  }
  if (state.lastU === null || u > state.lastU) state.lastU = u;
}

// ---- actions ----

ui.transferForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  hide(ui.transferResult, ui.transferError);
  const [from, to] = ui.transferRoute.value.split(':');
  const asset = ui.transferAsset.value.trim().toUpperCase();
  const amt = ui.transferAmount.value.trim();
  ui.transferSubmit.disabled = true;
  try {
    const r = await conn.request('transfer', { asset, amount: amt, from, to });
    showText(ui.transferResult, `Moved ${amount(r.amount)} ${r.asset}: ${WALLET_LABELS[r.from] || r.from} → `
      + `${WALLET_LABELS[r.to] || r.to} (tranId ${r.tranId}, ${r.status}).`);
    ui.transferAmount.value = '';
    requestRefresh('balances', 'status');
  } catch (e) {
    showError(ui.transferError, e);
    onRequestError(e);
  } finally {
    ui.transferSubmit.disabled = conn.state !== ConnState.LIVE;
  }
});

ui.collect.addEventListener('click', async () => {
  hide(ui.collectResult, ui.collectError);
  ui.collect.disabled = true;
  try {
    const r = await conn.request('autoCollection');
    renderUses(r.usedToday, r.limitPerDay);
    const moved = r.collected || [];
    ui.collectMoved.replaceChildren(...moved.map((c) => h('li', { 'data-asset': c.asset, 'data-from': c.from,
      'data-value': c.amount, text: `${amount(c.amount)} ${c.asset} from ${WALLET_LABELS[c.from] || c.from}` })));
    showText(ui.collectResult, moved.length ? `Moved ${moved.length} balance${moved.length > 1 ? 's' : ''} `
      + `into cross margin (tranId ${r.tranId}).` : 'Nothing to move: no positive UM or CM balance.');
    feed.add('collect', moved.length ? moved.map((c) => `${amount(c.amount)} ${c.asset} from ${c.from}`).join(', ')
      : 'nothing to move');
    requestRefresh('balances', 'status');
  } catch (e) {
    if (e.code === -5003) {
      const retry = e.data && e.data.retryAfter ? ` Next use after ${new Date(e.data.retryAfter).toLocaleString()}.` : '';
      showError(ui.collectError, new ApiError(e.code, e.message + retry));
      ui.collectUses.textContent = 'Uses left today: 0';
    } else {
      showError(ui.collectError, e);
    }
    onRequestError(e);
  } finally {
    ui.collect.disabled = conn.state !== ConnState.LIVE;
  }
});

function renderUses(used, limit) {
  ui.collectUses.dataset.used = used;
  ui.collectUses.dataset.limit = limit;
  ui.collectUses.textContent = `Uses left today: ${Math.max(0, limit - used)} of ${limit}`;
}

ui.riskForm.addEventListener('input', () => {
  state.riskFormDirty = true;
});

function clearRiskFieldErrors() {
  for (const id of Object.values(RISK_FIELDS)) $(id).removeAttribute('aria-invalid');
}

ui.riskForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  hide(ui.riskResult, ui.riskError);
  clearRiskFieldErrors();
  let params;
  try {
    params = readRiskForm(ui.riskForm);
  } catch (e) {
    showError(ui.riskError, e);
    if (e.field) {
      $(RISK_FIELDS[e.field]).setAttribute('aria-invalid', 'true');
      $(RISK_FIELDS[e.field]).focus();
    }
    return;
  }
  ui.riskSubmit.disabled = true;
  try {
    const settings = await conn.request('account.riskSettings.update', params);
    fillRiskForm(ui.riskForm, settings);
    state.riskFormDirty = false;
    showText(ui.riskResult, `Saved at ${clock(Date.now())}.`);
    requestRefresh('status', 'positions');
  } catch (e) {
    showError(ui.riskError, e);
    const field = fieldNamedIn(e.message);
    if (field) $(RISK_FIELDS[field]).setAttribute('aria-invalid', 'true');
    onRequestError(e);
  } finally {
    ui.riskSubmit.disabled = conn.state !== ConnState.LIVE;
  }
});

ui.riskReload.addEventListener('click', async () => {
  hide(ui.riskResult, ui.riskError);
  clearRiskFieldErrors();
  state.riskFormDirty = false;
  try {
    await readers.riskSettings();
    showText(ui.riskResult, 'Loaded the saved settings.');
  } catch (e) {
    showError(ui.riskError, e);
    onRequestError(e);
  }
});

renderConnState(conn.state);
showLogon();
