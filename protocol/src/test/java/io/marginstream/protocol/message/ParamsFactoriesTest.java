package io.marginstream.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.ProtocolJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each params record read from a request through its method's allowed names, as the server does. */
class ParamsFactoriesTest {

    private static <T> T read(Method m, String params, Function<Params, T> from) {
        var r = ProtocolJson.parseRequest("{\"id\":1,\"method\":\"" + m.wireName() + "\",\"params\":" + params + "}");
        return from.apply(Params.of(r.params(), m.params()));
    }

    private static void rejects(Method m, String params, Function<Params, ?> from, ErrorCode code, String name) {
        ApiException e = assertThrows(ApiException.class, () -> read(m, params, from), params);
        assertEquals(code, e.code(), params + " -> " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + name), e.getMessage());
    }

    @Test
    void logon_defaultsAndRanges() {
        assertEquals(new LogonParams("K", 1700000000000L, 5000, "s"), read(Method.SESSION_LOGON,
                "{\"apiKey\":\"K\",\"timestamp\":1700000000000,\"signature\":\"s\"}", LogonParams::from));
        rejects(Method.SESSION_LOGON, "{\"apiKey\":\"K\",\"timestamp\":1,\"recvWindow\":60001,\"signature\":\"s\"}",
                LogonParams::from, ErrorCode.BAD_PARAM_VALUE, "recvWindow");
        rejects(Method.SESSION_LOGON, "{\"apiKey\":\"K\",\"timestamp\":1,\"recvWindow\":0,\"signature\":\"s\"}",
                LogonParams::from, ErrorCode.BAD_PARAM_VALUE, "recvWindow");
        rejects(Method.SESSION_LOGON, "{\"apiKey\":\"K\",\"timestamp\":1}", LogonParams::from,
                ErrorCode.MANDATORY_PARAM_MISSING, "signature");
        rejects(Method.PING, "{\"timestamp\":1}", NoParams::from, ErrorCode.UNKNOWN_PARAM, "timestamp");
    }

    @Test
    void subscribe_streamsAndInterval() {
        assertEquals(new SubscribeParams(List.of("userData", "markPrice@BTCUSDT", "markPrice"), 0L),
                read(Method.SUBSCRIBE, "{\"streams\":[\"userData\",\"markPrice@BTCUSDT\",\"markPrice\"],\"intervalMs\":0}",
                        SubscribeParams::from));
        rejects(Method.SUBSCRIBE, "{\"streams\":[\"trades\"]}", SubscribeParams::from, ErrorCode.BAD_PARAM_VALUE,
                "streams");
        rejects(Method.SUBSCRIBE, "{\"streams\":[\"markPrice@\"]}", SubscribeParams::from,
                ErrorCode.BAD_PARAM_VALUE, "streams");
        rejects(Method.SUBSCRIBE, "{\"streams\":[\"userData\"],\"intervalMs\":-1}", SubscribeParams::from,
                ErrorCode.BAD_PARAM_VALUE, "intervalMs");
        rejects(Method.UNSUBSCRIBE, "{}", UnsubscribeParams::from, ErrorCode.MANDATORY_PARAM_MISSING, "streams");
    }

    @Test
    void transfer_validates() {
        assertEquals(new TransferParams("USDT", new BigDecimal("100.5"), Wallet.UM, Wallet.CROSS_MARGIN, "x-1"),
                read(Method.TRANSFER, "{\"asset\":\"USDT\",\"amount\":100.5,\"from\":\"UM\",\"to\":\"CROSS_MARGIN\","
                        + "\"clientTranId\":\"x-1\"}", TransferParams::from));
        String base = "\"asset\":\"USDT\",\"from\":\"UM\",\"to\":\"CROSS_MARGIN\"";
        rejects(Method.TRANSFER, "{" + base + ",\"amount\":\"0\"}", TransferParams::from,
                ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects(Method.TRANSFER, "{" + base + ",\"amount\":\"-1\"}", TransferParams::from,
                ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects(Method.TRANSFER, "{" + base + ",\"amount\":1e2}", TransferParams::from,
                ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects(Method.TRANSFER, "{" + base + ",\"amount\":\"1.000000001\"}", TransferParams::from,
                ErrorCode.BAD_PRECISION, "amount");
        rejects(Method.TRANSFER, "{" + base + ",\"amount\":1,\"clientTranId\":\"" + "x".repeat(37) + "\"}",
                TransferParams::from, ErrorCode.BAD_PARAM_VALUE, "clientTranId");
        rejects(Method.TRANSFER, "{\"asset\":\"USDT\",\"amount\":1,\"from\":\"FUNDING\",\"to\":\"UM\"}",
                TransferParams::from, ErrorCode.BAD_PARAM_VALUE, "from");
        rejects(Method.TRANSFER, "{\"asset\":\"usdt\",\"amount\":1,\"from\":\"UM\",\"to\":\"SPOT\"}",
                TransferParams::from, ErrorCode.BAD_PARAM_VALUE, "asset");
        rejects(Method.TRANSFER, "{\"asset\":\"USDT\",\"amount\":1,\"from\":\"UM\"}",
                TransferParams::from, ErrorCode.MANDATORY_PARAM_MISSING, "to");
    }

    @Test
    void collections_bnbTransfer_history() {
        assertNull(read(Method.AUTO_COLLECTION, "{}", AutoCollectionParams::from).clientTranId());
        rejects(Method.AUTO_COLLECTION, "{\"clientTranId\":\"a b\"}", AutoCollectionParams::from,
                ErrorCode.BAD_PARAM_VALUE, "clientTranId");
        rejects(Method.ASSET_COLLECTION, "{}", AssetCollectionParams::from, ErrorCode.MANDATORY_PARAM_MISSING, "asset");
        assertEquals(new BnbTransferParams(new BigDecimal("2"), TransferSide.FROM_UM),
                read(Method.BNB_TRANSFER, "{\"amount\":\"2\",\"transferSide\":\"FROM_UM\"}", BnbTransferParams::from));
        rejects(Method.BNB_TRANSFER, "{\"amount\":\"2\",\"transferSide\":\"IN\"}", BnbTransferParams::from,
                ErrorCode.BAD_PARAM_VALUE, "transferSide");
        assertEquals(new TransferHistoryParams(null, null, 100),
                read(Method.TRANSFER_HISTORY, "{}", TransferHistoryParams::from));
        assertEquals(500, read(Method.TRANSFER_HISTORY, "{\"limit\":500}", TransferHistoryParams::from).limit());
        rejects(Method.TRANSFER_HISTORY, "{\"limit\":501}", TransferHistoryParams::from,
                ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects(Method.TRANSFER_HISTORY, "{\"limit\":0}", TransferHistoryParams::from,
                ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects(Method.TRANSFER_HISTORY, "{\"startTime\":5,\"endTime\":4}", TransferHistoryParams::from,
                ErrorCode.BAD_PARAM_VALUE, "startTime");
    }

    @Test
    void orderPlace_validates() {
        assertEquals(new OrderPlaceParams("BTCUSDT", Side.BUY, OrderType.MARKET, new BigDecimal("0.001"), null, null,
                        null, false, false, null),
                read(Method.ORDER_PLACE, "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"MARKET\","
                        + "\"quantity\":\"0.001\"}", OrderPlaceParams::from));
        assertEquals(new OrderPlaceParams("BTCUSDT", Side.SELL, OrderType.LIMIT, new BigDecimal("0.5"),
                        new BigDecimal("61000.5"), null, TimeInForce.GTX, true, false, "grid-1"),
                read(Method.ORDER_PLACE, "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\","
                        + "\"quantity\":0.5,\"price\":\"61000.5\",\"timeInForce\":\"GTX\",\"reduceOnly\":true,"
                        + "\"newClientOrderId\":\"grid-1\"}", OrderPlaceParams::from));
        assertEquals(new OrderPlaceParams("BTCUSDT", Side.SELL, OrderType.STOP_MARKET, null, null,
                        new BigDecimal("58000"), null, false, true, null),
                read(Method.ORDER_PLACE, "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"STOP_MARKET\","
                        + "\"stopPrice\":\"58000\",\"closePosition\":true}", OrderPlaceParams::from));
        String base = "\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"quantity\":\"0.001\"";
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"STOP\"}", OrderPlaceParams::from,
                ErrorCode.BAD_PARAM_VALUE, "type");
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"LIMIT\",\"price\":\"1\",\"timeInForce\":\"GTD\"}",
                OrderPlaceParams::from, ErrorCode.BAD_PARAM_VALUE, "timeInForce");
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"LIMIT\",\"price\":\"-1\"}",
                OrderPlaceParams::from, ErrorCode.BAD_PARAM_VALUE, "price");
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"STOP_MARKET\",\"stopPrice\":\"1.123456789\"}",
                OrderPlaceParams::from, ErrorCode.BAD_PRECISION, "stopPrice");
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"MARKET\",\"newClientOrderId\":\"autoclose-1\"}",
                OrderPlaceParams::from, ErrorCode.BAD_PARAM_VALUE, "newClientOrderId");
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"MARKET\",\"reduceOnly\":\"yes\"}",
                OrderPlaceParams::from, ErrorCode.BAD_PARAM_VALUE, "reduceOnly");
        rejects(Method.ORDER_PLACE, "{\"symbol\":\"btc usdt\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":1}",
                OrderPlaceParams::from, ErrorCode.BAD_SYMBOL, "symbol");
        rejects(Method.ORDER_PLACE, "{" + base + ",\"type\":\"MARKET\",\"icebergQty\":\"1\"}",
                OrderPlaceParams::from, ErrorCode.UNKNOWN_PARAM, "icebergQty");
    }

    @Test
    void admin_params() {
        assertEquals(Wallet.SPOT, read(Method.ADMIN_DEPOSIT,
                "{\"accountId\":\"alice\",\"asset\":\"USDT\",\"amount\":\"5\"}", DepositParams::from).wallet());
        rejects(Method.ADMIN_SET_MARK_PRICE, "{\"symbol\":\"BTCUSDT\",\"price\":\"0\"}", SetMarkPriceParams::from,
                ErrorCode.BAD_PARAM_VALUE, "price");
        assertEquals(new FeedParams(true), read(Method.ADMIN_FEED, "{\"enabled\":true}", FeedParams::from));
        rejects(Method.ADMIN_FEED, "{}", FeedParams::from, ErrorCode.MANDATORY_PARAM_MISSING, "enabled");
    }

    @Test
    void riskSettingsUpdate_rangesAndNesting() {
        RiskSettingsUpdateParams p = read(Method.ACCOUNT_RISK_SETTINGS_UPDATE, "{\"riskMultiplier\":\"0.8\","
                + "\"volatilityFloors\":{\"BTC\":0.25},\"correlationOverrides\":{\"BTC/ETH\":\"-0.6\"},"
                + "\"excludedSymbols\":[],\"alertThresholds\":[\"1.10\"],\"leverage\":{\"BTCUSDT\":20}}",
                RiskSettingsUpdateParams::from);
        assertEquals(new RiskSettingsUpdateParams(new BigDecimal("0.8"), Map.of("BTC", new BigDecimal("0.25")),
                Map.of("BTC/ETH", new BigDecimal("-0.6")), List.of(), List.of(new BigDecimal("1.10")),
                Map.of("BTCUSDT", 20)), p);
        assertEquals(new RiskSettingsUpdateParams(null, null, null, null, null, null),
                read(Method.ACCOUNT_RISK_SETTINGS_UPDATE, "{}", RiskSettingsUpdateParams::from));
        Method m = Method.ACCOUNT_RISK_SETTINGS_UPDATE;
        rejects(m, "{\"riskMultiplier\":\"1.6\"}", RiskSettingsUpdateParams::from, ErrorCode.BAD_PARAM_VALUE,
                "riskMultiplier");
        rejects(m, "{\"correlationOverrides\":{\"BTC/ETH\":1.5}}", RiskSettingsUpdateParams::from,
                ErrorCode.BAD_PARAM_VALUE, "correlationOverrides.BTC/ETH");
        rejects(m, "{\"correlationOverrides\":{\"BTC\":0.5}}", RiskSettingsUpdateParams::from,
                ErrorCode.BAD_PARAM_VALUE, "correlationOverrides");
        rejects(m, "{\"volatilityFloors\":{\"BTC\":2.5e-1}}", RiskSettingsUpdateParams::from,
                ErrorCode.BAD_PARAM_VALUE, "volatilityFloors.BTC");
        rejects(m, "{\"volatilityFloors\":[1]}", RiskSettingsUpdateParams::from, ErrorCode.BAD_PARAM_VALUE,
                "volatilityFloors");
        // ENGINE.md §6: at most 8 thresholds, each in (0, 10]
        assertEquals(List.of(new BigDecimal("0.9"), new BigDecimal("10")), read(m,
                "{\"alertThresholds\":[\"0.9\",10]}", RiskSettingsUpdateParams::from).alertThresholds());
        rejects(m, "{\"alertThresholds\":[\"0\"]}", RiskSettingsUpdateParams::from, ErrorCode.BAD_PARAM_VALUE,
                "alertThresholds");
        rejects(m, "{\"alertThresholds\":[\"10.00000001\"]}", RiskSettingsUpdateParams::from,
                ErrorCode.BAD_PARAM_VALUE, "alertThresholds");
        assertEquals(8, read(m, "{\"alertThresholds\":[1,2,3,4,5,6,7,8]}", RiskSettingsUpdateParams::from)
                .alertThresholds().size());
        rejects(m, "{\"alertThresholds\":[1,2,3,4,5,6,7,8,9]}", RiskSettingsUpdateParams::from,
                ErrorCode.BAD_PARAM_VALUE, "alertThresholds");
        rejects(m, "{\"leverage\":{\"BTCUSDT\":126}}", RiskSettingsUpdateParams::from, ErrorCode.BAD_PARAM_VALUE,
                "leverage.BTCUSDT");
        rejects(m, "{\"excludedSymbols\":[5]}", RiskSettingsUpdateParams::from, ErrorCode.BAD_PARAM_VALUE,
                "excludedSymbols");
        // a symbol inside a setting is -1130 (§5.5, ENGINE.md §6), as the engine answers for an unknown one
        rejects(m, "{\"excludedSymbols\":[\"btcusdt\"]}", RiskSettingsUpdateParams::from,
                ErrorCode.BAD_PARAM_VALUE, "excludedSymbols");
        rejects(m, "{\"leverage\":{\"btcusdt\":5}}", RiskSettingsUpdateParams::from, ErrorCode.BAD_PARAM_VALUE,
                "leverage");
    }

    @Test
    void balanceAndPositions_optionalFilters() {
        assertNull(read(Method.ACCOUNT_BALANCE, "{}", BalanceParams::from).asset());
        assertEquals("BNB", read(Method.ACCOUNT_BALANCE, "{\"asset\":\"BNB\"}", BalanceParams::from).asset());
        assertEquals("BTCUSDT", read(Method.ACCOUNT_POSITIONS, "{\"symbol\":\"BTCUSDT\"}", PositionsParams::from).symbol());
        rejects(Method.ACCOUNT_POSITIONS, "{\"symbol\":\"btcusdt\"}", PositionsParams::from, ErrorCode.BAD_SYMBOL,
                "symbol");
    }

    @Test
    void optionAdmin_paramsAndRanges() {
        assertEquals(new SetImpliedVolParams("BTC", new BigDecimal("0.8"), null, null),
                read(Method.ADMIN_SET_IMPLIED_VOL, "{\"underlying\":\"BTC\",\"atmVol\":\"0.8\"}",
                        SetImpliedVolParams::from));
        rejects(Method.ADMIN_SET_IMPLIED_VOL, "{\"underlying\":\"BTC\"}", SetImpliedVolParams::from,
                ErrorCode.MANDATORY_PARAM_MISSING, "atmVol");
        rejects(Method.ADMIN_SET_IMPLIED_VOL, "{\"underlying\":\"BTC\",\"skew\":\"-2.5\"}",
                SetImpliedVolParams::from, ErrorCode.BAD_PARAM_VALUE, "skew");
        rejects(Method.ADMIN_SET_IMPLIED_VOL, "{\"underlying\":\"btc\",\"atmVol\":\"1\"}",
                SetImpliedVolParams::from, ErrorCode.BAD_PARAM_VALUE, "underlying");
        assertEquals(new AdvanceMarketTimeParams(60_000L), read(Method.ADMIN_ADVANCE_MARKET_TIME,
                "{\"millis\":60000}", AdvanceMarketTimeParams::from));
        rejects(Method.ADMIN_ADVANCE_MARKET_TIME, "{\"millis\":-1}", AdvanceMarketTimeParams::from,
                ErrorCode.BAD_PARAM_VALUE, "millis");
        rejects(Method.ADMIN_ADVANCE_MARKET_TIME, "{\"millis\":\"soon\"}", AdvanceMarketTimeParams::from,
                ErrorCode.BAD_PARAM_VALUE, "millis");
    }

    @Test
    void optionSymbols_passTheSymbolForm() {
        assertEquals("BTC-261225-60000-C", read(Method.ORDER_PLACE, "{\"symbol\":\"BTC-261225-60000-C\","
                + "\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":\"1\"}", OrderPlaceParams::from).symbol());
        rejects(Method.ORDER_PLACE, "{\"symbol\":\"-BTC\",\"side\":\"BUY\",\"type\":\"MARKET\","
                + "\"quantity\":\"1\"}", OrderPlaceParams::from, ErrorCode.BAD_SYMBOL, "symbol");
    }
}
