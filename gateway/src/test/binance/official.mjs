// The official connector @binance/derivatives-trading-portfolio-margin 19.0.0, with only its URLs changed.
import {
  BadRequestError, DerivativesTradingPortfolioMargin, ForbiddenError, TooManyRequestsError,
} from '@binance/derivatives-trading-portfolio-margin';
import {
  assert, assertEq, assertRetryAfter, awaitDelivering, EventLog, is, marginCallAndBack, MsWs, rejects, sameFigures, signedFetch, withClockSkew,
} from './harness.mjs';

function client(env, key, secret) {
  return new DerivativesTradingPortfolioMargin({
    configurationRestAPI: { apiKey: key, apiSecret: secret, basePath: env.GATEWAY_URL },
    configurationWebsocketStreams: { wsURL: `${env.WS_URL}/pm` },
  });
}

async function restFigures(rest) {
  const [account, balances, um, cm] = await Promise.all([rest.accountInformation(), rest.accountBalance(),
    rest.queryUmPositionInformation(), rest.queryCmPositionInformation()]);
  return { account: await account.data(), balances: await balances.data(), um: await um.data(), cm: await cm.data() };
}

export async function runOfficial(env, step) {
  const c = client(env, env.OFFICIAL_KEY, env.OFFICIAL_SECRET);
  const rest = c.restAPI;
  const admin = await MsWs.open(`${env.WS_URL}/ws`, env.ADMIN_KEY, env.ADMIN_SECRET);
  const ms = await MsWs.open(`${env.WS_URL}/ws`, env.OFFICIAL_KEY, env.OFFICIAL_SECRET);
  await ms.request('subscribe', { streams: ['userData'] });
  let stream;
  try {
    await step('official: account, balances, UM/CM positions equal /ws account.status', async () => {
      const ping = await rest.testConnectivity();
      assertEq(JSON.stringify(await ping.data()), '{}', 'ping');
      const figures = await restFigures(rest);
      assert(figures.um.length > 0 && Number(figures.um[0].entryPrice) > 0, 'an open UM position');
      await sameFigures(ms, figures, 'official');
      const weight = (await rest.accountInformation()).rateLimits.find((l) => l.rateLimitType === 'REQUEST_WEIGHT');
      assert(weight && weight.count > 0, 'X-MBX-USED-WEIGHT-1M read into rateLimits');
    });

    const log = new EventLog('official /pm/stream');
    await step('official: listenKey opened, kept alive, user-data socket connected', async () => {
      const key = (await (await rest.startUserDataStream()).data()).listenKey;
      assertEq(key.length, 64, 'listenKey length');
      assertEq((await (await rest.startUserDataStream()).data()).listenKey, key, 'the same key while active');
      await rest.keepaliveUserDataStream();
      const ws = await c.websocketStreams.connect();
      stream = { ws, key };
      ws.userData(key).on('message', (m) => log.push(m));
      await awaitDelivering(ms, log);
      ms.userData.cursor = ms.userData.events.length;
    });

    await step('official: MARKET UM order (ACK), its events on /pm and on /ws', async () => {
      const ack = await (await rest.newUmOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: 0.01 })).data();
      assertEq(ack.status, 'NEW', 'ACK status');
      assertEq(ack.origQty, '0.01000000', 'ACK origQty');
      const [n, t, a] = await log.expect('UM order events',
        is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'NEW' && e.o.i === ack.orderId),
        is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'TRADE' && e.o.X === 'FILLED' && e.o.i === ack.orderId),
        is('ACCOUNT_UPDATE', (e) => e.fs === 'UM' && e.a.m === 'ORDER'));
      assertEq(t.o.z, '0.01000000', 'filled quantity');
      assertEq(n.fs, 'UM', 'fs');
      assert(a.a.P.some((p) => p.s === 'BTCUSDT'), 'position in ACCOUNT_UPDATE');
      await ms.userData.expect('the REST order streams to /ws', is('ORDER_TRADE_UPDATE', (e) => e.o.s === 'BTCUSDT'));
    });

    await step('official: MARKET CM order (RESULT)', async () => {
      const r = await (await rest.newCmOrder({ symbol: 'BTCUSD_PERP', side: 'BUY', type: 'MARKET', quantity: 1,
        newOrderRespType: 'RESULT' })).data();
      assertEq(r.status, 'FILLED', 'RESULT status');
      assertEq(r.executedQty, '1.00000000', 'executedQty');
      assert(Number(r.avgPrice) > 0 && Number(r.cumBase) > 0, 'avgPrice and cumBase');
      await log.expect('CM order events', is('ORDER_TRADE_UPDATE', (e) => e.fs === 'CM' && e.o.x === 'NEW'),
        is('ORDER_TRADE_UPDATE', (e) => e.fs === 'CM' && e.o.X === 'FILLED'), is('ACCOUNT_UPDATE', (e) => e.fs === 'CM'));
    });

    await step('official: LIMIT UM order rests, is listed, canceled; another fills when /ws moves the mark through it', async () => {
      const price = Number(env.BTC_PRICE);
      const below = Math.round(price * 0.98);
      const r = await (await rest.newUmOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC',
        quantity: 0.01, price: below, newClientOrderId: 'official-limit-1' })).data();
      assertEq(r.status, 'NEW', 'a resting LIMIT (ACK)');
      await log.expect('LIMIT accepted', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'NEW' && e.o.i === r.orderId
        && e.o.o === 'LIMIT' && e.o.f === 'GTC'));
      const open = await (await rest.queryAllCurrentUmOpenOrders({ symbol: 'BTCUSDT' })).data();
      const listed = open.find((o) => o.orderId === r.orderId);
      assert(listed && listed.status === 'NEW' && Number(listed.price) === below
        && listed.clientOrderId === 'official-limit-1', `queryAllCurrentUmOpenOrders lists it: ${JSON.stringify(open)}`);
      const canceled = await (await rest.cancelUmOrder({ symbol: 'BTCUSDT', orderId: r.orderId })).data();
      assertEq(canceled.status, 'CANCELED', 'cancelUmOrder status');
      await log.expect('LIMIT canceled', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'CANCELED' && e.o.i === r.orderId));
      const after = await (await rest.queryAllCurrentUmOpenOrders({ symbol: 'BTCUSDT' })).data();
      assert(!after.some((o) => o.orderId === r.orderId), 'no longer listed after the cancel');
      const near = Math.round(price * 0.995);
      const f = await (await rest.newUmOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC',
        quantity: 0.01, price: near })).data();
      await log.expect('second LIMIT accepted', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'NEW' && e.o.i === f.orderId));
      await admin.request('admin.setMarkPrice', { symbol: 'BTCUSDT', price: String(Math.round(price * 0.994)) });
      const [trade] = await log.expect('LIMIT filled by the mark', is('ORDER_TRADE_UPDATE', (e) => e.o.x === 'TRADE'
        && e.o.X === 'FILLED' && e.o.i === f.orderId), is('ACCOUNT_UPDATE', (e) => e.fs === 'UM' && e.a.m === 'ORDER'));
      assertEq(Number(trade.o.L), near, 'filled at its own price');
      const q = await (await rest.queryUmOrder({ symbol: 'BTCUSDT', orderId: f.orderId })).data();
      assertEq(q.status, 'FILLED', 'queryUmOrder status');
      assertEq(q.executedQty, '0.01000000', 'queryUmOrder executedQty');
      await admin.request('admin.setMarkPrice', { symbol: 'BTCUSDT', price: env.BTC_PRICE });
    });

    await step('official: asset-collection of BTC', async () => {
      assertEq((await (await rest.fundCollectionByAsset({ asset: 'BTC' })).data()).msg, 'success', 'msg');
      await log.expect('asset-collection events', is('balanceUpdate', (e) => e.a === 'BTC'),
        is('outboundAccountPosition'), is('ACCOUNT_UPDATE', (e) => e.fs === 'CM'));
    });

    await step('official: auto-collection moves UM USDT, BNB stays in UM', async () => {
      const before = (await (await rest.accountBalance({ asset: 'BNB' })).data()).umWalletBalance;
      assertEq((await (await rest.fundAutoCollection()).data()).msg, 'success', 'msg');
      await log.expect('auto-collection events', is('balanceUpdate', (e) => e.a === 'USDT'),
        is('outboundAccountPosition'), is('ACCOUNT_UPDATE', (e) => e.fs === 'UM' && e.a.B.some((b) => b.a === 'USDT')));
      const bnb = await (await rest.accountBalance({ asset: 'BNB' })).data();
      assertEq(bnb.umWalletBalance, before, 'BNB in UM after auto-collection');
      assert(Number(before) > 0, 'BNB in UM at all');
      const usdt = await (await rest.accountBalance({ asset: 'USDT' })).data();
      assertEq(usdt.umWalletBalance, '0.00000000', 'USDT left in UM');
    });

    await step('official: bnb-transfer TO_UM', async () => {
      const r = await (await rest.bnbTransfer({ amount: 0.5, transferSide: 'TO_UM' })).data();
      assert(Number.isInteger(Number(r.tranId)) && r.tranId > 0, 'tranId');
      await log.expect('bnb-transfer events', is('balanceUpdate', (e) => e.a === 'BNB' && e.d === '-0.50000000'),
        is('outboundAccountPosition'), is('ACCOUNT_UPDATE', (e) => e.fs === 'UM' && e.a.B.some((b) => b.a === 'BNB')));
    });

    await step('official: riskLevelChange when /ws moves the mark (MARGIN_CALL, then NORMAL)', async () => {
      await marginCallAndBack(admin, ms, log, env.BTC_PRICE);
    });

    await step('official: figures still equal /ws after the actions', async () => {
      await sameFigures(ms, await restFigures(rest), 'official after actions');
    });

    await step('official: bad signature → BadRequestError -1022', async () => {
      const e = await rejects(() => client(env, env.OFFICIAL_KEY, 'not-the-secret').restAPI.accountInformation(),
        'a wrong secret');
      assert(e instanceof BadRequestError, `BadRequestError, got ${e.constructor.name}: ${e.message}`);
      assertEq(e.code, -1022, 'code');
    });

    await step('official: stale timestamp → BadRequestError -1021', async () => {
      const e = await withClockSkew(-120_000, () => rejects(() => rest.accountInformation(), 'a clock 2 min behind'));
      assert(e instanceof BadRequestError, `BadRequestError, got ${e.constructor.name}: ${e.message}`);
      assertEq(e.code, -1021, 'code');
    });

    await step('official: READ-only key placing an order → ForbiddenError -2015', async () => {
      const read = client(env, env.OFFICIAL_READ_KEY, env.OFFICIAL_READ_SECRET).restAPI;
      await read.accountInformation();
      const e = await rejects(() => read.newUmOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: 0.01 }),
        'an order with a READ key');
      assert(e instanceof ForbiddenError, `ForbiddenError, got ${e.constructor.name}: ${e.message}`);
      assertEq(e.code, -2015, 'code');
    });

    await step('official: the 11th auto-collection of the day → TooManyRequestsError -5003', async () => {
      const e = await rejects(() => rest.fundAutoCollection(), 'the 11th auto-collection');
      assert(e instanceof TooManyRequestsError, `TooManyRequestsError, got ${e.constructor.name}: ${e.message}`);
      assertEq(e.code, -5003, 'code');
    });

    await step('official: request weight used up → TooManyRequestsError -1003 with Retry-After', async () => {
      const limited = client(env, env.OFFICIAL_LIMIT_KEY, env.OFFICIAL_LIMIT_SECRET).restAPI;
      let e;
      for (let i = 0; i < 700 && !e; i++) {
        try {
          await limited.accountBalance();
        } catch (err) {
          e = err;
        }
      }
      assert(e instanceof TooManyRequestsError, `TooManyRequestsError, got ${e && e.constructor.name}: ${e && e.message}`);
      assertEq(e.code, -1003, 'code');
      await assertRetryAfter(await signedFetch(env, 'GET', '/papi/v1/balance', '', env.OFFICIAL_LIMIT_KEY,
        env.OFFICIAL_LIMIT_SECRET));
    });

    await step('official: listenKey closed', async () => {
      await rest.closeUserDataStream();
      const e = await rejects(() => rest.keepaliveUserDataStream(), 'keep-alive of a closed key');
      assert(e instanceof BadRequestError, `BadRequestError, got ${e.constructor.name}`);
      assertEq(e.code, -1125, 'code');
    });
  } finally {
    if (stream) await stream.ws.disconnect();
    ms.close();
    admin.close();
  }
}
