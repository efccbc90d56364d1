// The MarginStream dashboard: logs on over the gateway's WebSocket API, keeps the account view live from the
// `marginRatio` and `userData` streams (account-sync.js), and drives orders, transfers, auto-collection and risk
// settings (one controller per form, *-controller.js). Plain ES modules, no build step, nothing fetched from anywhere but this
// gateway. Importing this module does nothing; main.js calls init(document).

import { AccountSync, POSITIONS_POLL_MS } from './account-sync.js';
import { ApiError, ConnState, GatewayConnection } from './connection.js';
import { Gauge } from './gauge.js';
import { RatioChart } from './chart.js';
import { readExchangeInfo } from './exchange-info.js';
import { STATUS_LABELS, WALLET_LABELS, amount, clock, formatDecimal, price, ratio, usd } from './format.js';
import { fillRiskForm } from './riskform.js';
import { Feed, h, hide, renderBalances, renderImpliedVol, renderOpenOrders, renderPositions, scrollCue, showError }
  from './views.js';
import { initCollect, renderUses } from './collect-controller.js';
import { initLogon } from './logon-controller.js';
import { initOrder } from './order-controller.js';
import { initRisk } from './risk-controller.js';
import { initTransfer } from './transfer-controller.js';

export const MARGIN_RATIO_INTERVAL_MS = 250;
/** How often the ATM implied volatilities (options.surface, which no stream carries) are re-read. */
export const SURFACE_POLL_MS = 5000;

const STATUS_BAND = {
  NORMAL: 'normal',
  MARGIN_CALL: 'margin-call',
  REDUCE_ONLY: 'reduce-only',
  FORCE_LIQUIDATION: 'liquidation',
  BANKRUPTED: 'liquidation',
};

const SUMMARY_FIELDS = ['accountEquity', 'actualEquity', 'accountMaintMargin', 'accountInitialMargin',
  'totalAvailableBalance', 'virtualMaxWithdrawAmount'];

/** Long keys (the demo's are 64 characters) shortened for display. */
export function shortKey(apiKey) {
  return apiKey.length > 16 ? `${apiKey.slice(0, 8)}…${apiKey.slice(-4)}` : apiKey;
}

/** Wires the page in `doc` to the gateway it was served from; returns the parts, for tests and the console. */
export function init(doc) {
  const $ = (id) => doc.getElementById(id);
  const ui = {
    connState: $('conn-state'), accountId: $('account-id'), logout: $('logout'),
    logonPanel: $('logon-panel'), logonForm: $('logon-form'), apiKey: $('api-key'), apiSecret: $('api-secret'),
    logonSubmit: $('logon-submit'), logonError: $('logon-error'), dashboard: $('dashboard'),
    unimmr: $('unimmr-value'), statusChip: $('account-status'), summaryUpdated: $('summary-updated'),
    balancesBody: $('balances-body'), positionsBody: $('positions-body'), impliedVol: $('implied-vol'),
    ordersBody: $('orders-body'), ordersError: $('orders-error'),
    orderForm: $('order-form'), orderSymbol: $('order-symbol'), orderSide: $('order-side'), orderType: $('order-type'),
    orderQuantity: $('order-quantity'), orderPrice: $('order-price'), orderTif: $('order-tif'),
    orderLimitFields: $('order-limit-fields'), orderSubmit: $('order-submit'), orderResult: $('order-result'),
    orderError: $('order-error'),
    transferForm: $('transfer-form'), transferRoute: $('transfer-route'), transferAsset: $('transfer-asset'),
    transferAmount: $('transfer-amount'), transferSubmit: $('transfer-submit'), transferResult: $('transfer-result'),
    transferError: $('transfer-error'), assetList: $('asset-list'),
    collect: $('collect'), collectUses: $('collect-uses'), collectResult: $('collect-result'),
    collectMoved: $('collect-moved'), collectError: $('collect-error'),
    riskForm: $('risk-form'), riskSubmit: $('risk-submit'), riskReload: $('risk-reload'), riskResult: $('risk-result'),
    riskError: $('risk-error'),
  };
  const gauge = new Gauge($('gauge'));
  const chart = new RatioChart($('chart'), { title: $('chart-title') });
  const feed = new Feed($('feed'), $('feed-empty'));
  let accountStatus = null;
  let hasSynced = false;
  let exchangeInfoLoaded = false;

  const loc = doc.defaultView.location;
  const conn = new GatewayConnection(`${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`, {
    onState: renderConnState,
    onEvent: (stream, d) => sync.onEvent(stream, d),
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

  const sync = new AccountSync(conn, {
    status: applyStatus,
    ratio: renderRatio,
    balances: applyBalances,
    positions: (list) => renderPositions(ui.positionsBody, list),
    openOrders: (list) => renderOpenOrders(ui.ordersBody, list),
    riskSettings: (s) => fillRiskForm(ui.riskForm, s),
    collectionUsage: (u) => renderUses(ui.collectUses, u),
    event: showEvent,
    note: (text, severity = '') => feed.add('system', text, Date.now(), severity),
    authLost(e) {
      conn.logout();
      showLogon();
      showError(ui.logonError, new ApiError(e.code, `The session's key stopped working: ${e.message}`));
    },
  });

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
    for (const b of [ui.orderSubmit, ui.transferSubmit, ui.collect, ui.riskSubmit, ui.riskReload]) b.disabled = !live;
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

  function resetAccountView() {
    sync.reset();
    accountStatus = null;
    hasSynced = false;
    chart.clear();
    gauge.set(null);
    ui.unimmr.textContent = '—';
    ui.unimmr.dataset.value = '';
    ui.balancesBody.replaceChildren();
    ui.positionsBody.replaceChildren();
    ui.ordersBody.replaceChildren();
    ui.impliedVol.replaceChildren();
    ui.impliedVol.hidden = true;
    $('feed').replaceChildren();
    $('feed-empty').hidden = false;
    hide(ui.transferResult, ui.transferError, ui.collectResult, ui.collectError, ui.riskResult, ui.riskError,
      ui.orderResult, ui.orderError, ui.ordersError);
    ui.collectMoved.replaceChildren();
  }

  /** Runs after every logon, first or after a reconnect: subscribe, then read everything. */
  async function onReady(logon) {
    const reconnect = hasSynced;
    ui.accountId.textContent = `Account ${logon.accountId} · key ${shortKey(logon.apiKey)}`;
    ui.accountId.title = `API key ${logon.apiKey}`;
    await conn.request('subscribe', { streams: ['userData'] });
    try {
      await conn.request('subscribe', { streams: ['marginRatio'], intervalMs: MARGIN_RATIO_INTERVAL_MS });
    } catch (e) {
      if (e.code === null) throw e;
      feed.add('system', `No live margin ratio: ${e.code} ${e.message}`);
    }
    await loadExchangeInfo();
    await loadSurfaces();
    await sync.resync({ riskSettings: !sync.riskFormDirty });
    hasSynced = true;
    feed.add('system', reconnect ? 'Reconnected: logged on again, re-subscribed and re-synced.'
      : `Logged on to account ${logon.accountId} with key ${shortKey(logon.apiKey)} `
        + `(${(logon.permissions || []).join(', ')}).`);
  }

  async function loadExchangeInfo() {
    if (exchangeInfoLoaded) return;
    let info;
    try {
      info = readExchangeInfo(await conn.request('exchangeInfo'));
    } catch (e) {
      if (e instanceof ApiError && e.code === null) throw e;
      feed.add('system', `exchangeInfo: ${e.message}`, Date.now(), 'warn');
      return;
    }
    ui.assetList.replaceChildren(...info.assets.map((a) => h('option', { value: a })));
    ui.orderSymbol.replaceChildren(...info.symbols.map((x) => h('option', { value: x.symbol,
      text: `${x.symbol} (${x.fs}, step ${formatDecimal(x.stepSize)})` })));
    applyThresholds(info.thresholds);
    exchangeInfoLoaded = true;
  }

  /** The ATM implied volatility per underlying (§5.3a); a refusal is noted, a lost connection is thrown. */
  async function loadSurfaces() {
    try {
      renderImpliedVol(ui.impliedVol, await conn.request('options.surface'));
    } catch (e) {
      if (e instanceof ApiError && e.code === null) throw e;
      feed.add('system', `options.surface: ${e.message}`, Date.now(), 'warn');
    }
  }

  function applyThresholds(t) {
    gauge.setThresholds(t);
    chart.setThresholds(t);
    for (const span of doc.querySelectorAll('[data-th]')) {
      span.textContent = formatDecimal(String(t[span.dataset.th]), { maxDp: 4, minDp: 1 });
    }
  }

  function applyStatus(s) {
    renderRatio({
      uniMMR: s.uniMMR, accountEquity: s.accountEquity, actualEquity: s.actualEquity,
      accountMaintMargin: s.accountMaintMargin, accountInitialMargin: s.accountInitialMargin,
      totalAvailableBalance: s.totalAvailableBalance, virtualMaxWithdrawAmount: s.virtualMaxWithdrawAmount,
      accountStatus: s.accountStatus, time: s.updateTime || Date.now(),
    });
    $('sum-marginModel').textContent = s.portfolioMargin === false ? 'Classic (no portfolio margin)'
      : s.marginModel || '—';
  }

  function renderRatio(r) {
    const value = r.uniMMR === null || r.uniMMR === undefined ? null : Number(r.uniMMR);
    gauge.set(value);
    ui.unimmr.textContent = value === null ? '— (no margin in use)' : ratio(r.uniMMR);
    ui.unimmr.dataset.value = r.uniMMR ?? '';
    chart.add(Date.now(), value);
    for (const f of SUMMARY_FIELDS) {
      if (r[f] === undefined) continue;
      const dd = $(`sum-${f}`);
      dd.textContent = usd(r[f]);
      dd.dataset.value = r[f] ?? '';
    }
    if (r.accountStatus) {
      accountStatus = r.accountStatus;
      const band = STATUS_BAND[r.accountStatus] || 'normal';
      ui.statusChip.textContent = STATUS_LABELS[r.accountStatus] || r.accountStatus;
      ui.statusChip.dataset.status = r.accountStatus;
      ui.statusChip.className = `status-chip band-${band}`;
      const dd = $('sum-accountStatus');
      dd.textContent = r.accountStatus;
      dd.dataset.value = r.accountStatus;
    }
    ui.summaryUpdated.textContent = `updated ${clock(r.time || Date.now())}`;
  }

  function applyBalances(balances) {
    renderBalances(ui.balancesBody, balances);
    const known = new Set([...ui.assetList.options].map((o) => o.value));
    for (const b of balances) {
      if (!known.has(b.asset)) ui.assetList.append(h('option', { value: b.asset }));
    }
  }

  /** The feed line of one event (account state is re-read by the sync). */
  function showEvent(stream, d) {
    if (d.e === 'serverShutdown') {
      feed.add('system', 'The gateway is shutting down; will reconnect.', d.E, 'warn');
      return;
    }
    if (stream !== 'userData') return;
    switch (d.e) {
      case 'riskLevelChange': {
        const from = accountStatus && accountStatus !== d.s ? `${accountStatus} → ` : '';
        feed.add('risk', `${from}${d.s} at uniMMR ${ratio(d.u)}`, d.E, `sev-${STATUS_BAND[d.s] || 'normal'}`);
        renderRatio({ uniMMR: d.u, accountEquity: d.eq, actualEquity: d.ae, accountStatus: d.s, time: d.E });
        break;
      }
      case 'marginAlert':
        feed.add('alert', `uniMMR ${ratio(d.u)} fell below ${formatDecimal(d.threshold, { maxDp: 4, minDp: 2 })}`,
          d.E, 'sev-reduce-only');
        break;
      case 'transferUpdate':
        feed.add('transfer', `${amount(d.amount)} ${d.asset}: ${WALLET_LABELS[d.from] || d.from} → `
          + `${WALLET_LABELS[d.to] || d.to} (tranId ${d.tranId})`, d.E);
        break;
      case 'ORDER_TRADE_UPDATE': {
        const o = d.o || {};
        const liquidation = typeof o.c === 'string' && o.c.startsWith('autoclose-');
        const type = String(o.o || '');
        const what = `${o.S} ${type.replace(/_/g, ' ')} ${o.cp ? 'whole position' : amount(o.q)} ${o.s}`;
        const at = type === 'LIMIT' ? ` @ ${price(o.p)} ${o.f}` : Number(o.sp) > 0 ? ` stop ${price(o.sp)}` : '';
        if (o.x === 'TRADE') {
          feed.add(liquidation ? 'liquidation' : 'fill', `${o.S} ${amount(o.l)} ${o.s} @ ${price(o.L)} ${o.X} (${o.c})`,
            d.E, liquidation ? 'sev-liquidation' : '');
        } else if (o.x === 'NEW' && type !== 'MARKET') {
          feed.add('order', `${what}${at} placed (${o.c})`, d.E);
        } else if (o.x === 'CANCELED' || o.x === 'EXPIRED') {
          const why = o.r === 'LIQUIDATION' ? ' by the liquidation' : o.r === 'NOT_MARKETABLE' ? ': not marketable'
            : o.r === 'NO_POSITION' ? ': no position left to reduce' : o.r === 'ACCOUNT_REDUCE_ONLY'
              ? ': the account is reduce-only' : o.r === 'OPTION_SETTLED' ? ': the option settled' : '';
          feed.add('order', `${what}${at} ${o.x.toLowerCase()}${why} (${o.c})`, d.E,
            o.r === 'LIQUIDATION' ? 'sev-liquidation' : '');
        }
        break;
      }
      case 'balanceUpdate':
        feed.add('balance', `${d.a} ${formatDecimal(d.d, { maxDp: 8, signed: true })}`, d.E);
        break;
      default:
    }
  }

  const screen = { showDashboard, showLogon, resetAccountView };
  initLogon(ui, conn, screen);
  initOrder(ui, conn, sync);
  initTransfer(ui, conn, sync);
  initCollect(ui, conn, sync, feed);
  initRisk(ui, conn, sync, $);
  for (const wrap of doc.querySelectorAll('.table-wrap')) scrollCue(wrap);
  const poll = doc.defaultView.setInterval(() => {
    if (!doc.hidden) sync.poll();
  }, POSITIONS_POLL_MS);
  const surfacePoll = doc.defaultView.setInterval(() => {
    if (!doc.hidden && !ui.dashboard.hidden && conn.state === ConnState.LIVE) loadSurfaces().catch(() => {});
  }, SURFACE_POLL_MS);

  renderConnState(conn.state);
  showLogon();
  return {
    conn, sync, chart, gauge, feed,
    stop: () => {
      doc.defaultView.clearInterval(poll);
      doc.defaultView.clearInterval(surfacePoll);
    },
  };
}
