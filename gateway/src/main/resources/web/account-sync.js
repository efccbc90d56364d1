// Keeps the account view in step with the gateway: reads the account after every logon, applies the
// `marginRatio` and `userData` streams, re-reads parts on events (debounced), polls slowly what no stream carries,
// and re-reads everything when `U` jumps (missed events) or goes backwards (the server went back to older state:
// a restart from an older snapshot), as the Java client does. No DOM: it talks to a connection ({request, state})
// and a view object, so node's test runner can drive it.

import { ApiError, ConnState } from './connection.js';

export const POSITIONS_POLL_MS = 2000;
export const BALANCES_POLL_MS = 10000;
export const REFRESH_DEBOUNCE_MS = 150;
/**
 * Marks move the positions' mark, PnL and margin and the wallets' unrealized PnL, which no stream carries: a changed
 * ratio re-reads them, each at most this often.
 */
export const ON_RATIO_CHANGE_MIN_MS = Object.freeze({ positions: 1000, balances: 3000 });
export const PARTS = Object.freeze(['status', 'balances', 'positions', 'openOrders', 'riskSettings',
  'collectionUsage']);

/** What a `U` means after `last`: in order, a gap (events missed) or a reset (older state). */
export function sequenceOutcome(last, u) {
  if (last === null || u === last || u === last + 1) return 'in-order';
  return u < last ? 'reset' : 'gap';
}

/**
 * @param conn  {request(method, params) → Promise, state}
 * @param view  callbacks: status(s), ratio(r), balances(list), positions(list), openOrders(list), riskSettings(s)
 *              (only when the form is not being edited), collectionUsage(u), event(stream, data), note(text,
 *              severity), authLost(error)
 * @param timers {setTimeout, clearTimeout, now} (defaults: the global ones)
 */
export class AccountSync {
  constructor(conn, view, timers = {
    // wrapped: a browser's setTimeout throws "Illegal invocation" when called as a method of another object
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t),
    now: () => Date.now(),
  }) {
    this.conn = conn;
    this.view = view;
    this.timers = timers;
    this.reset();
  }

  /** Forgets the account (log out, new logon). */
  reset() {
    this.lastU = null;
    this.lastRatioKey = '';
    this.readAt = {};
    this.riskFormDirty = false;
    this.refresh = { wanted: new Set(), timer: 0, running: false };
    for (const t of Object.values(this.readTimers || {})) if (t) this.timers.clearTimeout(t);
    this.readTimers = {};
  }

  readers() {
    const c = this.conn;
    return {
      status: async () => this.view.status(await c.request('account.status')),
      balances: async () => {
        this.readAt.balances = this.timers.now();
        const r = await c.request('account.balance');
        this.view.balances(Array.isArray(r) ? r : [r]);
      },
      positions: async () => {
        this.readAt.positions = this.timers.now();
        this.view.positions(await c.request('account.positions'));
      },
      openOrders: async () => this.view.openOrders(await c.request('openOrders')),
      riskSettings: async () => {
        const s = await c.request('account.riskSettings');
        if (!this.riskFormDirty) this.view.riskSettings(s);
      },
      collectionUsage: async () => this.view.collectionUsage(await c.request('autoCollection.usage')),
    };
  }

  /** Reads the whole account; a part the server refuses is noted and tolerated, a lost connection is thrown. */
  async resync({ riskSettings = true } = {}) {
    this.lastU = null;
    const readers = this.readers();
    const parts = PARTS.filter((p) => riskSettings || p !== 'riskSettings');
    const results = await Promise.allSettled(parts.map((p) => readers[p]()));
    for (const r of results) {
      if (r.status === 'rejected') {
        if (!(r.reason instanceof ApiError) || r.reason.code === null) throw r.reason;
        this.view.note(`Read failed: ${r.reason.code} ${r.reason.message}`, 'warn');
      }
    }
  }

  /** Asks for a re-read of some parts, debounced. */
  requestRefresh(...parts) {
    for (const p of parts) this.refresh.wanted.add(p);
    if (!this.refresh.timer && !this.refresh.running) {
      this.refresh.timer = this.timers.setTimeout(() => this.runRefresh(), REFRESH_DEBOUNCE_MS);
    }
  }

  async runRefresh() {
    const r = this.refresh;
    r.timer = 0;
    if (this.conn.state !== ConnState.LIVE) {
      r.wanted.clear();
      return;
    }
    const parts = [...r.wanted];
    r.wanted.clear();
    r.running = true;
    const readers = this.readers();
    try {
      await Promise.all(parts.map((p) => readers[p]()));
    } catch (e) {
      this.onRequestError(e);
    } finally {
      r.running = false;
      if (r.wanted.size) this.requestRefresh();
    }
  }

  /** A 401 (-1002 / -2015): the key was removed or disabled. A 403 -2015 is only a missing permission. */
  onRequestError(e) {
    if (e instanceof ApiError && e.status === 401 && this.conn.state === ConnState.LIVE) this.view.authLost(e);
  }

  /** The slow poll of what was not re-read lately anyway; call every POSITIONS_POLL_MS. */
  poll() {
    if (this.conn.state !== ConnState.LIVE) return;
    const now = this.timers.now();
    const parts = [];
    if (now - (this.readAt.positions || 0) >= POSITIONS_POLL_MS) parts.push('positions');
    if (now - (this.readAt.balances || 0) >= BALANCES_POLL_MS) parts.push('balances');
    if (parts.length) this.requestRefresh(...parts);
  }

  /** One stream event. */
  onEvent(stream, d) {
    if (d.e === 'marginRatio') {
      this.onMarginRatio(d);
      return;
    }
    if (stream === 'userData') this.checkSequence(d.U);
    this.view.event(stream, d);
    if (stream !== 'userData') return;
    switch (d.e) {
      case 'riskLevelChange':
      case 'marginAlert':
        break;
      case 'transferUpdate':
        this.requestRefresh('balances', 'status');
        break;
      case 'ORDER_TRADE_UPDATE':
        this.requestRefresh('balances', 'positions', 'status', 'openOrders');
        break;
      case 'balanceUpdate':
        this.requestRefresh('balances');
        break;
      case 'ACCOUNT_UPDATE':
        this.requestRefresh('balances', 'positions');
        break;
      default:
        this.requestRefresh('balances', 'positions', 'status');
    }
  }

  onMarginRatio(d) {
    const key = `${d.u}|${d.mm}|${d.eq}`;
    if (key !== this.lastRatioKey) {
      this.lastRatioKey = key;
      for (const [part, minMs] of Object.entries(ON_RATIO_CHANGE_MIN_MS)) {
        const wait = (this.readAt[part] || 0) + minMs - this.timers.now();
        if (wait <= 0) {
          this.requestRefresh(part);
        } else if (!this.readTimers[part]) {
          this.readTimers[part] = this.timers.setTimeout(() => {
            this.readTimers[part] = 0;
            this.requestRefresh(part);
          }, wait);
        }
      }
    }
    this.view.ratio({
      uniMMR: d.u, accountEquity: d.eq, actualEquity: d.ae, accountMaintMargin: d.mm, accountInitialMargin: d.im,
      totalAvailableBalance: d.avb, virtualMaxWithdrawAmount: d.vmw, accountStatus: d.s, time: d.E,
    });
  }

  /** `U` grows by one per journaled change: a jump or a step back means the view may be wrong: re-read it all. */
  checkSequence(u) {
    if (typeof u !== 'number') return;
    const outcome = sequenceOutcome(this.lastU, u);
    if (outcome === 'gap') {
      this.view.note(`Missed updates (U ${this.lastU} → ${u}); re-reading the account.`, 'warn');
    } else if (outcome === 'reset') {
      this.view.note(`The gateway went back to older state (U ${this.lastU} → ${u}); re-reading the account.`,
        'warn');
    }
    if (outcome !== 'in-order') {
      this.requestRefresh('status', 'balances', 'positions', 'openOrders', 'collectionUsage');
    }
    this.lastU = outcome === 'reset' || this.lastU === null ? u : Math.max(this.lastU, u);
  }
}
