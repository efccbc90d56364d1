package io.marginstream.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marginstream.protocol.ProtocolJson;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field names and order of key messages against literal JSON in the shape PROTOCOL.md prints. */
class WireNamesTest {
    private static final long T = 1700000000000L;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void serverShutdown_event() {
        assertEquals(q("{'stream':'server','data':{'e':'serverShutdown','E':1700000000000}}"),
                ProtocolJson.event(Streams.SERVER, new ServerShutdown(T)));
    }

    @Test
    void marginRatio_event_withNullUniMmr() {
        assertEquals(q("{'stream':'marginRatio','data':{'e':'marginRatio','E':1700000000000,'u':null,'eq':'1.00000000',"
                        + "'ae':'2.00000000','im':'0.00000000','mm':'0.00000000','avb':'3.00000000','vmw':'4.00000000',"
                        + "'s':'NORMAL','U':12}}"),
                ProtocolJson.event(Streams.MARGIN_RATIO, new MarginRatio(T, null, d("1.00000000"), d("2.00000000"),
                        d("0.00000000"), d("0.00000000"), d("3.00000000"), d("4.00000000"), AccountStatus.NORMAL, 12)));
    }

    @Test
    void riskLevelChange_and_marginAlert() {
        assertEquals(q("{'e':'riskLevelChange','E':1700000000000,'u':'1.19000000','s':'REDUCE_ONLY','eq':'10.00000000',"
                        + "'ae':'11.00000000','m':'8.40000000','U':5}"),
                ProtocolJson.toJson(new RiskLevelChange(T, d("1.19000000"), AccountStatus.REDUCE_ONLY,
                        d("10.00000000"), d("11.00000000"), d("8.40000000"), 5)));
        assertEquals(q("{'e':'marginAlert','E':1700000000000,'u':'1.09000000','s':'MARGIN_CALL','eq':'1.00000000','ae':'2.00000000','m':'3.00000000',"
                        + "'threshold':'1.10000000','U':6}"),
                ProtocolJson.toJson(new MarginAlert(T, d("1.09"), AccountStatus.MARGIN_CALL, d("1"), d("2"), d("3"),
                        d("1.10"), 6)));
    }

    @Test
    void accountUpdate_event() {
        assertEquals(q("{'e':'ACCOUNT_UPDATE','E':1700000000000,'T':1700000000001,'fs':'UM','a':{'m':'ORDER',"
                        + "'B':[{'a':'USDT','wb':'1.00000000','cw':'2.00000000','bc':'3.00000000'}],'P':[{'s':'BTCUSDT','pa':'1.00000000','ep':'60000.00000000',"
                        + "'up':'5.00000000','ps':'BOTH'}]},'U':7}"),
                ProtocolJson.toJson(new AccountUpdate(T, T + 1, FuturesType.UM, new AccountUpdate.Update("ORDER",
                        List.of(new AccountUpdate.Balance("USDT", d("1"), d("2"), d("3"))),
                        List.of(new AccountUpdate.Position("BTCUSDT", d("1"), d("60000"), d("5"), "BOTH"))), 7)));
    }

    @Test
    void balance_transfer_order_events() {
        assertEquals(q("{'e':'balanceUpdate','E':1700000000000,'a':'USDT','d':'-5.00000000','U':3,'T':1700000000000}"),
                ProtocolJson.toJson(new BalanceUpdate(T, "USDT", d("-5.00000000"), 3, T)));
        assertEquals(q("{'e':'transferUpdate','E':1700000000000,'tranId':7,'asset':'BTC','amount':'0.50000000','from':'CM',"
                        + "'to':'CROSS_MARGIN','U':4}"),
                ProtocolJson.toJson(new TransferUpdate(T, 7, "BTC", d("0.5"), Wallet.CM, Wallet.CROSS_MARGIN, 4)));
        assertEquals(q("{'e':'ORDER_TRADE_UPDATE','E':1700000000000,'T':1700000000000,'fs':'UM','o':{'s':'BTCUSDT',"
                        + "'c':'autoclose-1','S':'SELL','o':'MARKET','f':'GTC','q':'1.00000000','p':'0.00000000',"
                        + "'ap':'60000.00000000','sp':'0.00000000','x':'TRADE','X':'FILLED','i':12,'l':'1.00000000',"
                        + "'z':'1.00000000','L':'60000.00000000','N':'USDT','n':'300.00000000','T':1700000000000,"
                        + "'m':false,'R':true,'cp':false,'rp':'-5.00000000','r':'NONE'},'U':8}"),
                ProtocolJson.toJson(new OrderTradeUpdate(T, T, FuturesType.UM, new OrderTradeUpdate.Order("BTCUSDT",
                        "autoclose-1", Side.SELL, OrderType.MARKET, TimeInForce.GTC, d("1"), d("0"), d("60000"),
                        d("0"), ExecutionType.TRADE, OrderStatus.FILLED, 12, d("1"), d("1"), d("60000"), "USDT",
                        d("300"), T, false, true, false, d("-5"), "NONE"), 8)));
        assertEquals(q("{'e':'markPriceUpdate','E':1700000000000,'s':'BTCUSDT','p':'60000.50000000'}"),
                ProtocolJson.toJson(new MarkPriceUpdate(T, "BTCUSDT", d("60000.5"))));
    }

    @Test
    void accountStatus_and_balance_results() {
        assertEquals(q("{'uniMMR':null,'accountEquity':'1.00000000','actualEquity':'2.00000000','accountInitialMargin':'0.00000000',"
                        + "'accountMaintMargin':'0.00000000','accountStatus':'NORMAL','virtualMaxWithdrawAmount':'1.00000000',"
                        + "'totalAvailableBalance':'1.00000000','totalMarginOpenLoss':'0.00000000',"
                        + "'openOrderInitialMargin':'0.00000000','updateTime':1700000000000,"
                        + "'portfolioMargin':true,'marginModel':'PORTFOLIO'}"),
                ProtocolJson.toJson(new AccountStatusResult(null, d("1"), d("2"), d("0"), d("0"), AccountStatus.NORMAL,
                        d("1"), d("1"), d("0"), T, true, MarginModelType.PORTFOLIO, d("0"))));
        assertEquals(q("{'asset':'BTC','totalWalletBalance':'1.00000000','crossMarginAsset':'1.00000000','crossMarginFree':'1.00000000',"
                        + "'crossMarginLocked':'0.00000000','crossMarginBorrowed':'0.00000000','crossMarginInterest':'0.00000000',"
                        + "'umWalletBalance':'0.00000000','umUnrealizedPNL':'0.00000000','cmWalletBalance':'0.00000000','cmUnrealizedPNL':'0.00000000',"
                        + "'negativeBalance':'0.00000000','updateTime':1700000000000,'spotBalance':'0.00000000','collateralRate':'0.95000000'}"),
                ProtocolJson.toJson(new BalanceEntry("BTC", d("1"), d("1"), d("1"), d("0"), d("0"), d("0"), d("0"),
                        d("0"), d("0"), d("0"), d("0"), T, d("0"), d("0.95"))));
    }

    @Test
    void sessionStatus_notLoggedOn_printsNulls() {
        assertEquals(q("{'apiKey':null,'accountId':null,'permissions':[],'authorizedSince':null,"
                        + "'connectedSince':1699999999000,'serverTime':1700000000000}"),
                ProtocolJson.toJson(new SessionInfo(null, null, List.of(), null, T - 1000, T)));
    }

    @Test
    void okResponse_withTransferResult() {
        assertEquals(q("{'id':1,'status':200,'result':{'tranId':5,'asset':'USDT','amount':'10.00000000','from':'UM',"
                        + "'to':'CROSS_MARGIN','status':'CONFIRMED'}}"),
                ProtocolJson.okResponse(1L, new TransferResult(5, "USDT", d("10.00000000"), Wallet.UM,
                        Wallet.CROSS_MARGIN, TransferStatus.CONFIRMED), null));
    }
}
