// One logged-on WebSocket session to the gateway (PROTOCOL.md §2–§3), kept alive across drops.
//
// Lifecycle (the `state` property, reported through onState):
//   idle          not logged on (before the first logon, after logout, or after the key stopped working)
//   connecting    first connection + logon in progress
//   live          socket open, logged on, and onReady (subscribe + re-sync) has completed
//   reconnecting  the socket dropped; retrying with backoff, then log on again and run onReady again
//
// Requests are `{"id","method","params"}` with integer ids; responses are matched by id and resolve with
// `result` or reject with an ApiError carrying `error.code` / `error.msg`. Events go to onEvent(stream, data).

import { signaturePayload } from './signing.js';

export const ConnState = Object.freeze({
  IDLE: 'idle',
  CONNECTING: 'connecting',
  LIVE: 'live',
  RECONNECTING: 'reconnecting',
});

/** A rejected request: `code`/`msg` from the server's error (code null for a local failure). */
export class ApiError extends Error {
  constructor(code, msg, status = null, data = null) {
    super(msg);
    this.code = code;
    this.status = status;
    this.data = data;
  }
}

const OPEN_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
/** Logon failures that retrying with the same credentials cannot fix. */
export const AUTH_FAILURE_CODES = new Set([-1002, -1022, -2014, -2015, -5007]);

export class GatewayConnection {
  #url;
  #hooks;
  #ws = null;
  #state = ConnState.IDLE;
  #pending = new Map();
  #nextId = 1;
  #credentials = null;
  #generation = 0;
  #attempt = 0;
  #retryTimer = null;
  #clockOffsetMs = 0;

  /**
   * @param {string} url the ws(s)://host/ws address
   * @param {{onState?: Function, onEvent?: Function, onReady?: Function, onAuthLost?: Function,
   *          onRetry?: Function}} hooks
   *   onReady(logonResult) runs after every successful logon and must resolve before the state turns live;
   *   onAuthLost(error) is called when a reconnect's logon is refused for good.
   */
  constructor(url, hooks = {}) {
    this.#url = url;
    this.#hooks = hooks;
  }

  get state() {
    return this.#state;
  }

  /** The next reconnect attempt's number (1-based) while reconnecting. */
  get attempt() {
    return this.#attempt;
  }

  /**
   * Connects, logs on with `apiKey` and `signer` ({sign(payload) → hex}), runs onReady, and resolves with the
   * session.logon result. On failure the connection returns to idle and the error is thrown.
   */
  async logon(apiKey, signer) {
    this.#stop();
    const generation = ++this.#generation;
    this.#credentials = { apiKey, signer };
    this.#setState(ConnState.CONNECTING);
    try {
      const result = await this.#establish(generation);
      this.#attempt = 0;
      this.#setState(ConnState.LIVE);
      return result;
    } catch (e) {
      if (generation === this.#generation) {
        this.#credentials = null;
        this.#stop();
        this.#setState(ConnState.IDLE);
      }
      throw e;
    }
  }

  /** Logs out (best effort), forgets the credentials and closes the socket. */
  logout() {
    const ws = this.#ws;
    if (ws && ws.readyState === WebSocket.OPEN && this.#state === ConnState.LIVE) {
      ws.send(JSON.stringify({ id: this.#nextId++, method: 'session.logout' }));
    }
    this.#generation++;
    this.#credentials = null;
    this.#stop();
    this.#setState(ConnState.IDLE);
  }

  /** Sends a request on the current socket; resolves with `result`, rejects with ApiError. */
  request(method, params) {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ApiError(null, 'Not connected to the gateway.'));
    }
    const id = this.#nextId++;
    const message = params === undefined ? { id, method } : { id, method, params };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ApiError(null, `No answer to ${method} within ${REQUEST_TIMEOUT_MS / 1000} s.`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer, ws });
      ws.send(JSON.stringify(message));
    });
  }

  // ---- internals ----

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#hooks.onState?.(state);
  }

  async #establish(generation) {
    await this.#open(generation);
    const t0 = Date.now();
    const time = await this.request('time');
    const t1 = Date.now();
    this.#clockOffsetMs = Number(time.serverTime) - Math.round((t0 + t1) / 2);
    const { apiKey, signer } = this.#credentials;
    const params = { apiKey, timestamp: Date.now() + this.#clockOffsetMs };
    params.signature = await signer.sign(signaturePayload(params));
    const result = await this.request('session.logon', params);
    if (generation !== this.#generation) throw new ApiError(null, 'Superseded by a newer logon.');
    await this.#hooks.onReady?.(result);
    if (generation !== this.#generation) throw new ApiError(null, 'Superseded by a newer logon.');
    if (!this.#ws || this.#ws.readyState !== WebSocket.OPEN) throw new ApiError(null, 'Connection lost during set-up.');
    return result;
  }

  #open(generation) {
    return new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new WebSocket(this.#url);
      } catch (e) {
        reject(new ApiError(null, `Cannot open ${this.#url}: ${e.message}`));
        return;
      }
      this.#ws = ws;
      const timer = setTimeout(() => {
        ws.close();
        reject(new ApiError(null, 'The gateway did not answer in time.'));
      }, OPEN_TIMEOUT_MS);
      ws.onopen = () => {
        clearTimeout(timer);
        resolve();
      };
      ws.onmessage = (ev) => this.#onMessage(ev);
      ws.onerror = () => {
        /* followed by onclose, which carries the reason */
      };
      ws.onclose = (ev) => {
        clearTimeout(timer);
        reject(new ApiError(null, closeReason(ev)));
        this.#onClose(ws, generation, ev);
      };
    });
  }

  #onMessage(ev) {
    let msg;
    try {
      msg = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (msg && typeof msg.stream === 'string' && msg.data) {
      this.#hooks.onEvent?.(msg.stream, msg.data);
      return;
    }
    if (msg && 'id' in msg && 'status' in msg) {
      const pending = this.#pending.get(msg.id);
      if (!pending) return;
      this.#pending.delete(msg.id);
      clearTimeout(pending.timer);
      if (msg.status === 200) {
        pending.resolve(msg.result);
      } else {
        const err = msg.error || {};
        pending.reject(new ApiError(err.code ?? null, err.msg || `Request failed with status ${msg.status}.`,
          msg.status, err.data ?? null));
      }
    }
  }

  #onClose(ws, generation, ev) {
    for (const [id, p] of this.#pending) {
      if (p.ws === ws) {
        clearTimeout(p.timer);
        this.#pending.delete(id);
        p.reject(new ApiError(null, closeReason(ev)));
      }
    }
    if (ws !== this.#ws) return;
    this.#ws = null;
    // Only a live session schedules the retry here; a failing (re)connect retries from its own catch.
    if (generation === this.#generation && this.#credentials && this.#state === ConnState.LIVE) {
      this.#setState(ConnState.RECONNECTING);
      this.#scheduleRetry(generation, ev);
    }
  }

  #scheduleRetry(generation, reason) {
    const base = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)];
    // A policy close (1008: banned or abusive) waits the longest step at once.
    const delay = (reason && reason.code === 1008 ? BACKOFF_MS[BACKOFF_MS.length - 1] : base) *
      (0.8 + Math.random() * 0.4);
    this.#attempt++;
    this.#hooks.onRetry?.({ attempt: this.#attempt, delayMs: Math.round(delay),
      reason: reason instanceof Error ? reason.message : closeReason(reason) });
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#retry(generation), delay);
  }

  async #retry(generation) {
    if (generation !== this.#generation || !this.#credentials) return;
    try {
      await this.#establish(generation);
      if (generation !== this.#generation) return;
      this.#attempt = 0;
      this.#setState(ConnState.LIVE);
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#closeSocket();
      if (e instanceof ApiError && AUTH_FAILURE_CODES.has(e.code)) {
        this.#credentials = null;
        this.#setState(ConnState.IDLE);
        this.#hooks.onAuthLost?.(e);
        return;
      }
      this.#scheduleRetry(generation, e);
    }
  }

  #closeSocket() {
    const ws = this.#ws;
    this.#ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
  }

  #stop() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#closeSocket();
    for (const [, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new ApiError(null, 'Connection closed.'));
    }
    this.#pending.clear();
  }
}

function closeReason(ev) {
  if (!ev) return 'Connection closed.';
  const known = {
    1000: 'closed',
    1001: 'server going away',
    1006: 'connection lost',
    1008: 'policy violation',
    1009: 'message too large',
    4008: 'too slow to read',
  };
  const what = ev.reason || known[ev.code] || 'closed';
  return `Connection ${ev.code ? `closed (${ev.code}, ${what})` : what}.`;
}
