// Rendering of the balances and positions tables and of the event feed. Everything from the server is inserted
// as text (never as HTML). Cells carry `data-testid` and the server's raw decimal string in `data-value`.

import { amount, clock, formatDecimal, price, signOf, usd } from './format.js';

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

/** Fills the balances table body from an account.balance result (§4.2). */
export function renderBalances(tbody, balances) {
  const rows = [...balances].sort((a, b) => a.asset.localeCompare(b.asset)).map((b) => {
    const cells = BALANCE_COLUMNS.map(([key, field]) => {
      const td = numCell(`bal-${b.asset}-${key}`, b[field], amount(b[field]), signOf(b[field]) < 0 ? 'neg' : '');
      if (key === 'um' && signOf(b.umUnrealizedPNL) !== 0) {
        td.append(h('span', { class: `sub ${pnlClass(b.umUnrealizedPNL)}`,
          text: `uPnL ${formatDecimal(b.umUnrealizedPNL, { maxDp: 8, signed: true })}` }));
      }
      if (key === 'cm' && signOf(b.cmUnrealizedPNL) !== 0) {
        td.append(h('span', { class: `sub ${pnlClass(b.cmUnrealizedPNL)}`,
          text: `uPnL ${formatDecimal(b.cmUnrealizedPNL, { maxDp: 8, signed: true })}` }));
      }
      return td;
    });
    return h('tr', { 'data-asset': b.asset, 'data-testid': `bal-row-${b.asset}` },
      h('th', { scope: 'row', text: b.asset }),
      ...cells,
      numCell(`bal-${b.asset}-rate`, b.collateralRate, formatDecimal(b.collateralRate, { maxDp: 4, minDp: 2 })));
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

/** A symbol as text nodes with a line-break opportunity after each underscore (BTCUSDT_QUARTER). */
function breakable(symbol) {
  const parts = symbol.split(/(?<=_)/);
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [part, document.createElement('wbr')] : [part]));
}

/** Fills the positions table body from an account.positions result (§4.3). */
export function renderPositions(tbody, positions) {
  const rows = [...positions].sort((a, b) => a.symbol.localeCompare(b.symbol)).map((p) => {
    const side = signOf(p.positionAmt) > 0 ? 'Long' : signOf(p.positionAmt) < 0 ? 'Short' : 'Flat';
    const unit = p.fs === 'CM' ? 'cont.' : '';
    const size = numCell(`pos-${p.symbol}-size`, p.positionAmt,
      `${formatDecimal(p.positionAmt, { maxDp: 8, signed: true })}${unit ? ' ' + unit : ''}`, pnlClass(p.positionAmt));
    size.append(h('span', { class: 'sub', text: side }));
    const pnl = numCell(`pos-${p.symbol}-pnl`, p.unRealizedProfit,
      `${formatDecimal(p.unRealizedProfit, { maxDp: p.fs === 'CM' ? 8 : 2, minDp: 2, signed: true })} ${settlementAsset(p)}`,
      pnlClass(p.unRealizedProfit));
    const mark = numCell(`pos-${p.symbol}-mark-cell`, p.markPrice, '');
    mark.replaceChildren(
      h('span', { 'data-testid': `pos-${p.symbol}-mark`, 'data-value': p.markPrice, text: price(p.markPrice) }),
      h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-entry`, 'data-value': p.entryPrice,
        text: price(p.entryPrice) }));
    const margin = numCell(`pos-${p.symbol}-margin-cell`, p.maintMargin, '');
    margin.replaceChildren(
      h('span', { 'data-testid': `pos-${p.symbol}-mm`, 'data-value': p.maintMargin, text: usd(p.maintMargin) }),
      h('span', { class: 'sub', 'data-testid': `pos-${p.symbol}-im`, 'data-value': p.initialMargin,
        text: usd(p.initialMargin) }));
    return h('tr', { 'data-symbol': p.symbol, 'data-testid': `pos-row-${p.symbol}` },
      h('th', { scope: 'row' }, ...breakable(p.symbol),
        h('span', { class: 'sub', text: p.fs === 'CM' ? 'CM · inverse' : 'UM · linear' })),
      size,
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

const KIND_LABELS = {
  risk: 'Risk level',
  alert: 'Alert',
  transfer: 'Transfer',
  liquidation: 'Liquidation',
  fill: 'Fill',
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
