// ccxt 4.5.84 REST with portfolioMargin and its default loadMarkets, and ccxt.pro's watchBalance / watchOrders /
// watchPositions, with only their URLs changed (defaultType 'future' is ccxt.pro's documented need for PM watchers;
// loadHttpProxyAgent is ccxt.pro-on-Node's need for ws:// URLs).
import ccxt from 'ccxt';
import {
  assert, assertEq, assertRetryAfter, EventLog, is, marginCallAndBack, MsWs, rawStream, rejects, sameFigures, signedFetch, until, within,
} from './harness.mjs';

function urls(env) {
  const B = env.GATEWAY_URL;
  return {
    api: {
      papi: `${B}/papi/v1`, papiV2: `${B}/papi/v2`,
      fapiPublic: `${B}/fapi/v1`, fapiPublicV2: `${B}/fapi/v2`, fapiPublicV3: `${B}/fapi/v3`,
      fapiPrivate: `${B}/fapi/v1`, fapiPrivateV2: `${B}/fapi/v2`, fapiPrivateV3: `${B}/fapi/v3`,
      fapiData: `${B}/futures/data`,
      dapiPublic: `${B}/dapi/v1`, dapiPrivate: `${B}/dapi/v1`, dapiPrivateV2: `${B}/dapi/v2`,
      dapiData: `${B}/futures/data`,
      public: `${B}/api/v3`, private: `${B}/api/v3`, v1: `${B}/api/v1`,
      sapi: `${B}/sapi/v1`, sapiV2: `${B}/sapi/v2`, sapiV3: `${B}/sapi/v3`, sapiV4: `${B}/sapi/v4`,
      ws: { papi: `${env.WS_URL}/pm/ws` },
    },
  };
}

function exchange(env, key, secret, pro = false) {
  const options = { portfolioMargin: true, defaultType: 'future' };
  const config = { apiKey: key, secret, urls: urls(env), options };
  return pro ? new ccxt.pro.binance(config) : new ccxt.binance(config);
}

async function restFigures(ex) {
  const [account, balances, um, cm] = await Promise.all([ex.papiGetAccount(), ex.papiGetBalance(),
    ex.papiGetUmPositionRisk(), ex.papiGetCmPositionRisk()]);
  return { account, balances, um, cm };
}

export async function runCcxt(env, step) {
  const ex = exchange(env, env.CCXT_KEY, env.CCXT_SECRET, true);
  const admin = await MsWs.open(`${env.WS_URL}/ws`, env.ADMIN_KEY, env.ADMIN_SECRET);
  const ms = await MsWs.open(`${env.WS_URL}/ws`, env.CCXT_KEY, env.CCXT_SECRET);
  let raw;
  try {
    await step('ccxt: default loadMarkets (sapi, api, fapi, dapi) finds UM and CM markets', async () => {
      await ex.loadHttpProxyAgent();
      await ex.loadMarkets();
      for (const s of ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'BTC/USD:BTC']) assert(ex.markets[s], `market ${s}`);
      assert(ex.markets['BTC/USDT:USDT'].linear && ex.markets['BTC/USD:BTC'].inverse, 'linear and inverse');
      assertEq(ex.markets['BTC/USDT:USDT'].precision.amount, 0.001, 'amount precision from LOT_SIZE');
    });

    await step('ccxt: fetchBalance, fetchPositions and the raw PM reads equal /ws account.status', async () => {
      const figures = await restFigures(ex);
      await sameFigures(ms, figures, 'ccxt');
      const balance = await ex.fetchBalance();
      const usdt = figures.balances.find((b) => b.asset === 'USDT');
      assertEq(balance.USDT.free, Number(usdt.umWalletBalance), 'fetchBalance USDT free (future type: UM wallet)');
      const positions = await ex.fetchPositions();
      const btc = positions.find((p) => p.symbol === 'BTC/USDT:USDT');
      assert(btc && btc.side === 'long', 'BTC/USDT:USDT long in fetchPositions');
      const um = figures.um.find((p) => p.symbol === 'BTCUSDT');
      assertEq(btc.contracts, Number(um.positionAmt), 'contracts');
      assertEq(btc.entryPrice, Number(um.entryPrice), 'entryPrice');
    });

    const log = new EventLog('ccxt /pm/ws');
    let watchers;
    await step('ccxt.pro: listenKey and user-data socket; watchBalance, watchOrders, watchPositions pending', async () => {
      const firstBalance = ex.watchBalance();
      watchers = { orders: ex.watchOrders(), positions: ex.watchPositions() };
      const key = (await ex.papiPostListenKey()).listenKey;
      raw = await rawStream(`${env.WS_URL}/pm/ws/${key}`, log, key);
      await ms.request('subscribe', { streams: ['userData'] });
      // ccxt.pro does not confirm its subscription: send small /ws transfers until its watchBalance resolves
      let delivered = false;
      firstBalance.then(() => { delivered = true; });
      await until(async () => {
        await ms.request('transfer', { asset: 'USDT', amount: '0.01', from: 'SPOT', to: 'CROSS_MARGIN' });
        await new Promise((r) => setTimeout(r, 50));
        return delivered;
      }, 'ccxt.pro watchBalance delivering');
      await new Promise((r) => setTimeout(r, 100));
      log.cursor = log.events.length;
      ms.userData.cursor = ms.userData.events.length;
    });

    await step('ccxt: MARKET UM order, watchOrders and watchPositions see it', async () => {
      const o = await ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.01);
      assertEq(o.status, 'closed', 'RESULT order status');
      assertEq(o.filled, 0.01, 'filled');
      assert(o.average > 0, 'average price');
      await log.expect('UM order events', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'NEW'),
        is('ORDER_TRADE_UPDATE', (e) => e.o.X === 'FILLED' && String(e.o.i) === o.id),
        is('ACCOUNT_UPDATE', (e) => e.fs === 'UM' && e.a.m === 'ORDER'));
      const orders = await within(watchers.orders, 'watchOrders');
      assert(orders.some((x) => x.id === o.id && x.status === 'closed'), 'watchOrders: the filled order');
      const positions = await within(watchers.positions, 'watchPositions');
      assert(positions.some((p) => p.symbol === 'BTC/USDT:USDT'), 'watchPositions: BTC/USDT:USDT');
      await ms.userData.expect('the REST order streams to /ws', is('ORDER_TRADE_UPDATE', (e) => e.o.s === 'BTCUSDT'));
    });

    await step('ccxt: MARKET CM order', async () => {
      const o = await ex.createOrder('BTC/USD:BTC', 'market', 'buy', 1);
      assertEq(o.status, 'closed', 'status');
      assertEq(o.filled, 1, 'filled contracts');
      await log.expect('CM order events', is('ORDER_TRADE_UPDATE', (e) => e.fs === 'CM' && e.o.x === 'NEW'),
        is('ORDER_TRADE_UPDATE', (e) => e.fs === 'CM' && e.o.X === 'FILLED'), is('ACCOUNT_UPDATE', (e) => e.fs === 'CM'));
    });

    await step('ccxt: createOrder limit rests, fetchOpenOrders, cancelOrder; another fills (fetchOrder) when /ws moves the mark', async () => {
      const price = Number(env.BTC_PRICE);
      const below = Math.round(price * 0.98);
      const o = await ex.createOrder('BTC/USDT:USDT', 'limit', 'buy', 0.01, below);
      assertEq(o.status, 'open', 'a resting LIMIT is open');
      assertEq(o.type, 'limit', 'type');
      await log.expect('LIMIT accepted', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'NEW' && String(e.o.i) === o.id));
      const open = await ex.fetchOpenOrders('BTC/USDT:USDT');
      assert(open.some((x) => x.id === o.id && x.status === 'open' && x.price === below && x.amount === 0.01),
        `fetchOpenOrders lists it: ${JSON.stringify(open.map((x) => [x.id, x.status, x.price, x.amount]))}`);
      const canceled = await ex.cancelOrder(o.id, 'BTC/USDT:USDT');
      assertEq(canceled.status, 'canceled', 'cancelOrder status');
      await log.expect('LIMIT canceled', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'CANCELED' && String(e.o.i) === o.id));
      assert(!(await ex.fetchOpenOrders('BTC/USDT:USDT')).some((x) => x.id === o.id), 'gone from the open orders');
      const near = Math.round(price * 0.995);
      const f = await ex.createOrder('BTC/USDT:USDT', 'limit', 'buy', 0.01, near);
      await log.expect('second LIMIT accepted', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'NEW' && String(e.o.i) === f.id));
      await admin.request('admin.setMarkPrice', { symbol: 'BTCUSDT', price: String(Math.round(price * 0.994)) });
      await log.expect('LIMIT filled by the mark', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'TRADE'
        && e.o.X === 'FILLED' && String(e.o.i) === f.id), is('ACCOUNT_UPDATE', (e) => e.fs === 'UM'));
      const q = await ex.fetchOrder(f.id, 'BTC/USDT:USDT');
      assertEq(q.status, 'closed', 'fetchOrder status');
      assertEq(q.filled, 0.01, 'fetchOrder filled');
      assertEq(q.average, near, 'fetchOrder average: its own price');
      await admin.request('admin.setMarkPrice', { symbol: 'BTCUSDT', price: env.BTC_PRICE });
    });

    await step('ccxt: asset-collection of BTC, watchBalance sees it', async () => {
      const next = ex.watchBalance();
      assertEq((await ex.papiPostAssetCollection({ asset: 'BTC' })).msg, 'success', 'msg');
      await log.expect('asset-collection events', is('balanceUpdate', (e) => e.a === 'BTC'),
        is('outboundAccountPosition'), is('ACCOUNT_UPDATE', (e) => e.fs === 'CM'));
      const balance = await within(next, 'watchBalance');
      assert(balance.BTC !== undefined, 'watchBalance has BTC after the BTC collection');
    });

    await step('ccxt: auto-collection moves UM USDT, BNB stays in UM', async () => {
      const before = (await ex.papiGetBalance({ asset: 'BNB' })).umWalletBalance;
      assertEq((await ex.papiPostAutoCollection()).msg, 'success', 'msg');
      await log.expect('auto-collection events', is('balanceUpdate', (e) => e.a === 'USDT'),
        is('outboundAccountPosition'), is('ACCOUNT_UPDATE', (e) => e.fs === 'UM'));
      assertEq((await ex.papiGetBalance({ asset: 'BNB' })).umWalletBalance, before, 'BNB in UM after auto-collection');
      assertEq((await ex.papiGetBalance({ asset: 'USDT' })).umWalletBalance, '0.00000000', 'USDT left in UM');
    });

    await step('ccxt: bnb-transfer TO_UM', async () => {
      const r = await ex.papiPostBnbTransfer({ amount: '0.5', transferSide: 'TO_UM' });
      assert(r.tranId > 0, 'tranId');
      await log.expect('bnb-transfer events', is('balanceUpdate', (e) => e.a === 'BNB'), is('outboundAccountPosition'),
        is('ACCOUNT_UPDATE', (e) => e.fs === 'UM'));
    });

    await step('ccxt: riskLevelChange on the listenKey socket when /ws moves the mark', async () => {
      await marginCallAndBack(admin, ms, log, env.BTC_PRICE);
    });

    await step('ccxt: figures still equal /ws after the actions', async () => {
      await sameFigures(ms, await restFigures(ex), 'ccxt after actions');
    });

    await step('ccxt: bad signature → AuthenticationError (-1022)', async () => {
      const e = await rejects(() => exchange(env, env.CCXT_KEY, 'not-the-secret').papiGetAccount(), 'a wrong secret');
      assert(e instanceof ccxt.AuthenticationError, `AuthenticationError, got ${e.constructor.name}: ${e.message}`);
      assert(e.message.includes('-1022'), 'code -1022 in the message');
    });

    await step('ccxt: stale timestamp → InvalidNonce (-1021)', async () => {
      // ccxt reads the clock through a function bound at load time; its own clock-offset option stands for a clock
      // two minutes behind (what a stale adjustForTimeDifference leaves)
      const stale = exchange(env, env.CCXT_KEY, env.CCXT_SECRET);
      stale.options.timeDifference = 120_000;
      const e = await rejects(() => stale.papiGetAccount(), 'a clock 2 min behind');
      assert(e instanceof ccxt.InvalidNonce, `InvalidNonce, got ${e.constructor.name}: ${e.message}`);
    });

    await step('ccxt: READ-only key placing an order → AuthenticationError (-2015)', async () => {
      const read = exchange(env, env.CCXT_READ_KEY, env.CCXT_READ_SECRET);
      await read.loadMarkets();
      const e = await rejects(() => read.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.01), 'an order with a READ key');
      assert(e instanceof ccxt.AuthenticationError, `AuthenticationError, got ${e.constructor.name}: ${e.message}`);
      assert(e.message.includes('-2015'), 'code -2015 in the message');
    });

    await step('ccxt: the 11th auto-collection of the day → DDoSProtection (429, -5003)', async () => {
      const e = await rejects(() => ex.papiPostAutoCollection(), 'the 11th auto-collection');
      assert(e instanceof ccxt.DDoSProtection, `DDoSProtection, got ${e.constructor.name}: ${e.message}`);
      assert(e.message.includes('-5003'), 'code -5003 in the message');
    });

    await step('ccxt: request weight used up → DDoSProtection (429, -1003) with Retry-After', async () => {
      const limited = exchange(env, env.CCXT_LIMIT_KEY, env.CCXT_LIMIT_SECRET);
      let e;
      for (let i = 0; i < 20 && !e; i++) {
        try {
          await limited.sapiPostAssetTransfer({ type: 'MAIN_PORTFOLIO_MARGIN', asset: 'USDT', amount: '1' });
        } catch (err) {
          e = err;
        }
      }
      assert(e instanceof ccxt.DDoSProtection, `DDoSProtection, got ${e && e.constructor.name}: ${e && e.message}`);
      assert(e.message.includes('-1003'), 'code -1003 in the message');
      await assertRetryAfter(await signedFetch(env, 'POST', '/sapi/v1/asset/transfer',
        'type=MAIN_PORTFOLIO_MARGIN&asset=USDT&amount=1', env.CCXT_LIMIT_KEY, env.CCXT_LIMIT_SECRET));
    });
  } finally {
    if (raw) raw.close();
    await ex.close();
    ms.close();
    admin.close();
  }
}
