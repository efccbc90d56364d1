// Rendering of the balances, positions and open-orders tables and of the event feed. Everything from the server is inserted
// as text (never as HTML). Cells carry `data-testid` and the server's raw decimal string in `data-value`.

import { clock, columnFormat, formatDecimal, optionLabel, percent, signOf, usd } from './format.js';

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function numCell(testid, raw, text, extraClass = '') {
  return h('td', { class: `num ${extraClass}`.trim(), 'data-testid': testid, 'data-value': raw ?? '', text });
}

function pnlClass(raw) {
  const s = signOf(raw);
  return s > 0 ? 'pos' : s < 0 ? 'neg' : '';
}

const BALANCE_COLUMNS = [
  ['cross', 'crossMarginAsset'],
  ['um', 'umWalletBalance'],
  ['cm', 'cmWalletBalance'],
  ['spot', 'spotBalance'],
  ['total', 'totalWalletBalance'],
];

/**
 * Fills the balances table body from an account.balance result (§4.2). Each column has one rule: the decimals its
 * most precise value needs (2 to 8; the collateral rate 2 to 4), so digits line up.
 */
export function renderBalances(tbody, balances) {
  const sorted = [...balances].sort((a, b) => a.asset.localeCompare(b.asset));
  const formats = Object.fromEntries(BALANCE_COLUMNS.map(([key, field]) => [key, columnFormat(
    sorted.flatMap((b) => [b[field], ...(key === 'um' ? [b.umUnrealizedPNL] : key === 'cm' ? [b.cmUnrealizedPNL] : [])]),
    { minDp: 2, maxDp: 8 })]));
  const rate = columnFormat(sorted.map((b) => b.collateralRate), { minDp: 2, maxDp: 4 });
  const rows = sorted.map((b) => {
    const cells = BALANCE_COLUMNS.map(([key, field]) => {
      const f = formats[key];
      const td = numCell(`bal-${b.asset}-${key}`, b[field], f(b[field]), signOf(b[field]) < 0 ? 'neg' : '');
      const upnl = key === 'um' ? b.umUnrealizedPNL : key === 'cm' ? b.cmUnrealizedPNL : null;
      if (upnl !== null && signOf(upnl) !== 0) {
        td.append(h('span', { class: `sub ${pnlClass(upnl)}`, text: `uPnL ${f(upnl, { signed: true })}` }));
      }
      return td;
    });
    return h('tr', { 'data-asset': b.asset, 'data-testid': `bal-row-${b.asset}` },
      h('th', { scope: 'row', text: b.asset }),
      ...cells,
      numCell(`bal-${b.asset}-rate`, b.collateralRate, rate(b.collateralRate)));
  });
  if (!rows.length) {
    rows.push(h('tr', {}, h('td', { colspan: 7, class: 'muted', text: 'No balances.' })));
  }
  tbody.replaceChildren(...rows);
}

function settlementAsset(p) {
  if (p.fs === 'CM') return p.symbol.replace(/USD(_.*)?$/, '');
  return 'USDT';
}

/**
 * Fills the positions table body from an account.positions result (§4.3). One rule per column: size and PnL the
 * decimals their most precise value needs (at most 8), mark and entry likewise (2 to 6), notional and margins in USD
 * with 2. Symbols never break inside their name.
 */
export function renderPositions(tbody, positions) {
  const sorted = [...positions].sort((a, b) => a.symbol.localeCompare(b.symbol));
  const size = columnFormat(sorted.map((p) => p.positionAmt), { maxDp: 8 });
  const px = columnFormat(sorted.flatMap((p) => [p.markPrice, p.entryPrice]), { minDp: 2, maxDp: 6 });
  const pnlFmt = columnFormat(sorted.map((p) => p.unRealizedProfit), { minDp: 2, maxDp: 8 });
  const rows = sorted.map((p) => {
    const side = signOf(p.positionAmt) > 0 ? 'Long' : signOf(p.positionAmt) < 0 ? 'Short' : 'Flat';
    const sizeCell = numCell(`pos-${p.symbol}-size`, p.positionAmt, size(p.positionAmt, { signed: true }),
      pnlClass(p.positionAmt));
    sizeCell.append(h('span', { class: 'sub', text: p.fs === 'CM' ? `${side} · cont.` : side }));
    const option = optionLabel(p);
    const pnl = numCell(`pos-${p.symbol}-pnl`, p.unRealizedProfit, pnlFmt(p.unRealizedProfit, { signed: true }),
      pnlClass(p.unRealizedProfit));
    pnl.append(h('span', { class: 'sub', text: settlementAsset(p) }));
    const mark = numCell(`pos-${p.symbol}-mark-cell`, p.markPrice, '');
    mark.replaceChildren(
      h('span', { 'data-testid': `pos-${p.symbol}-mark`, 'data-value': p.markPrice, text: px(p.markPrice) }),
      h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-entry`, 'data-value': p.entryPrice,
        text: px(p.entryPrice) }));
    const margin = numCell(`pos-${p.symbol}-margin-cell`, p.maintMargin, '');
    margin.replaceChildren(
      h('span', { 'data-testid': `pos-${p.symbol}-mm`, 'data-value': p.maintMargin, text: usd(p.maintMargin) }),
      h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-im`, 'data-value': p.initialMargin,
        text: usd(p.initialMargin) }));
    return h('tr', { 'data-symbol': p.symbol, 'data-testid': `pos-row-${p.symbol}` },
      h('th', { scope: 'row' },
        h('span', { class: option ? 'symbol option' : 'symbol', 'data-testid': `pos-${p.symbol}-symbol`,
          text: p.symbol }),
        option ? h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-option`, text: option.kind }) : null,
        option ? h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-expiry`, text: `exp ${option.expiry}` })
          : null,
        option ? h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-delta`, 'data-value': p.delta,
          text: `Δ ${formatDecimal(p.delta, { maxDp: 4, signed: true })}` }) : null,
        option ? null : h('span', { class: 'sub', text: p.fs === 'CM' ? 'CM · inverse' : 'UM · linear' })),
      sizeCell,
      mark,
      pnl,
      numCell(`pos-${p.symbol}-notional`, p.notional, usd(p.notional)),
      margin);
  });
  if (!rows.length) {
    rows.push(h('tr', {}, h('td', { colspan: 6, class: 'muted', text: 'No open positions.' })));
  }
  tbody.replaceChildren(...rows);
}

/**
 * Fills the open-orders table body from an openOrders result (§12), newest first as the server lists them: symbol,
 * side, type and time in force, quantity, the limit or stop price, when placed, and a Cancel button carrying the
 * order's id and symbol in `data-order-id` / `data-symbol` (the order controller listens on the body).
 */
export function renderOpenOrders(tbody, orders) {
  const qty = columnFormat(orders.map((o) => o.origQty), { maxDp: 8 });
  const px = columnFormat(orders.map((o) => (o.type === 'LIMIT' ? o.price : o.stopPrice)), { minDp: 2, maxDp: 6 });
  const rows = orders.map((o) => {
    const limit = o.type === 'LIMIT';
    const at = limit ? o.price : o.stopPrice;
    const sizeText = o.closePosition ? 'whole position' : qty(o.origQty);
    const size = numCell(`ord-${o.orderId}-qty`, o.origQty, sizeText);
    if (o.reduceOnly) size.append(h('span', { class: 'sub', text: 'reduce only' }));
    const priceCell = numCell(`ord-${o.orderId}-price`, at, px(at));
    priceCell.append(h('span', { class: 'sub', text: limit ? 'limit' : 'stop (mark)' }));
    return h('tr', { 'data-order-id': o.orderId, 'data-testid': `ord-row-${o.orderId}` },
      h('th', { scope: 'row' },
        h('span', { class: 'symbol', text: o.symbol }),
        h('span', { class: 'sub', text: o.clientOrderId })),
      h('td', { 'data-testid': `ord-${o.orderId}-side`, class: o.side === 'BUY' ? 'pos' : 'neg', text: o.side }),
      h('td', { 'data-testid': `ord-${o.orderId}-type` }, o.type.replace(/_/g, ' '),
        h('span', { class: 'sub', text: limit ? o.timeInForce : '' })),
      size,
      priceCell,
      h('td', { class: 'num', text: clock(o.time) }),
      h('td', {}, h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-order-id': o.orderId,
        'data-symbol': o.symbol, 'data-testid': `ord-${o.orderId}-cancel`,
        'aria-label': `Cancel ${o.side} ${o.type} ${o.symbol} order ${o.orderId}`, text: 'Cancel' })));
  });
  if (!rows.length) {
    rows.push(h('tr', {}, h('td', { colspan: 7, class: 'muted', text: 'No open orders.' })));
  }
  tbody.replaceChildren(...rows);
}

/**
 * Shows the ATM implied volatility of each underlying with options, from an options.surface result
 * ([{underlying, atmVol, …}]); hides the line when there are none.
 */
export function renderImpliedVol(el, surfaces) {
  const items = [];
  for (const s of surfaces) {
    if (items.length) items.push(' · ');
    items.push(h('span', { class: 'iv', 'data-testid': `iv-${s.underlying}`, 'data-value': s.atmVol,
      text: `${s.underlying} ${percent(s.atmVol)}` }));
  }
  el.replaceChildren(h('span', { class: 'muted', text: 'ATM implied vol: ' }), ...items);
  el.hidden = surfaces.length === 0;
}

/**
 * Marks a scrollable table wrapper while more of the table lies to its right or left (`data-scroll` = `right`,
 * `left`, `both` or absent), so the CSS can show a fade and an arrow: on a phone the tables are wider than the
 * screen. Updates on scroll and resize.
 */
export function scrollCue(wrap) {
  const update = () => {
    const right = wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1;
    const left = wrap.scrollLeft > 1;
    if (right || left) wrap.dataset.scroll = right && left ? 'both' : right ? 'right' : 'left';
    else delete wrap.dataset.scroll;
  };
  wrap.addEventListener('scroll', update, { passive: true });
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(update);
    ro.observe(wrap);
    if (wrap.firstElementChild) ro.observe(wrap.firstElementChild);
  }
  update();
  return update;
}

const KIND_LABELS = {
  risk: 'Risk level',
  alert: 'Alert',
  transfer: 'Transfer',
  liquidation: 'Liquidation',
  fill: 'Fill',
  order: 'Order',
  balance: 'Balance',
  collect: 'Aggregate',
  system: 'Connection',
};

/** The newest-first event feed, bounded. */
export class Feed {
  constructor(list, emptyNote, limit = 200) {
    this.list = list;
    this.emptyNote = emptyNote;
    this.limit = limit;
  }

  /** Adds an entry: `kind` one of KIND_LABELS' keys, `text` plain text, `time` epoch ms. */
  add(kind, text, time = Date.now(), severity = '') {
    const item = h('li', { class: `feed-item kind-${kind} ${severity}`.trim(), 'data-kind': kind },
      h('time', { datetime: new Date(time).toISOString(), text: clock(time) }),
      h('span', { class: 'feed-tag', text: KIND_LABELS[kind] || kind }),
      h('span', { class: 'feed-text', text }));
    this.list.prepend(item);
    while (this.list.children.length > this.limit) this.list.lastElementChild.remove();
    this.emptyNote.hidden = true;
  }
}

/** Shows an error as `<code>` + message (server errors) or the message alone (local ones). */
export function showError(el, error) {
  el.replaceChildren();
  if (error.code !== null && error.code !== undefined) {
    el.append(h('code', { class: 'err-code', 'data-testid': `${el.dataset.testid}-code`, text: String(error.code) }), ' ');
  }
  el.append(h('span', { class: 'err-msg', 'data-testid': `${el.dataset.testid}-msg`, text: error.message }));
  el.dataset.code = error.code ?? '';
  el.hidden = false;
}

export function showText(el, text) {
  el.textContent = text;
  el.hidden = false;
}

export function hide(...els) {
  for (const el of els) {
    el.hidden = true;
    el.replaceChildren();
  }
}

export { h };
