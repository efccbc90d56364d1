package io.marginstream.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.protocol.ProtocolJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessageRoundTripTest {
    private static final long T = 1700000000000L;

    private static BigDecimal d(String s) {
        return io.marginstream.protocol.Decimals.scale8(new BigDecimal(s));
    }

    static List<Object> samples() {
        RiskSettings settings = new RiskSettings(d("1"), Map.of("BTC", d("0.25")), Map.of("BTC/ETH", d("0.6")),
                List.of("ETHUSD_PERP"), List.of(d("1.10"), d("1.05"), d("1.01")), Map.of("BTCUSDT", 20));
        return List.of(
                // params
                NoParams.INSTANCE,
                new LogonParams("K", T, 5000, "abc"),
                new SubscribeParams(List.of("userData", "markPrice@BTCUSDT"), 100L),
                new SubscribeParams(List.of("marginRatio"), null),
                new UnsubscribeParams(List.of("userData")),
                new BalanceParams("BTC"),
                new BalanceParams(null),
                new PositionsParams("BTCUSDT"),
                new RiskSettingsUpdateParams(d("1.2"), Map.of("BTC", d("0.3")), null, List.of(), null,
                        Map.of("ETHUSDT", 10)),
                new TransferParams("USDT", d("100.5"), Wallet.SPOT, Wallet.CROSS_MARGIN, "t-1"),
                new AutoCollectionParams(null),
                new AssetCollectionParams("USDT"),
                new BnbTransferParams(d("1.5"), TransferSide.TO_UM),
                new TransferHistoryParams(T - 1000, T, 500),
                new OrderPlaceParams("BTCUSDT", Side.BUY, OrderType.MARKET, d("0.001"), null, null, null, true, false,
                        "my-1"),
                new OrderPlaceParams("ETHUSDT", Side.SELL, OrderType.STOP_MARKET, null, null, d("2900"), null, false,
                        true, null),
                new OrderRefParams("BTCUSDT", 12L, null),
                new OrderRefParams("BTCUSDT", null, "grid-1"),
                new SymbolParams("BTCUSDT"),
                new OpenOrdersParams(null),
                new AllOrdersParams("BTCUSDT", T - 1000, null, 500),
                new SetMarkPriceParams("BTCUSDT", d("60000")),
                new DepositParams("alice", "USDT", d("1000"), Wallet.CROSS_MARGIN),
                new FeedParams(false),
                new SetImpliedVolParams("BTC", d("0.8"), null, d("0.05")),
                new AdvanceMarketTimeParams(86_400_000L),
                // results
                EmptyResult.INSTANCE,
                new TimeResult(T),
                new ExchangeInfo(ExchangeInfo.UTC, T,
                        List.of(new ExchangeInfo.RateLimitInfo("REQUEST_WEIGHT", "MINUTE", 1, 6000)),
                        List.of(new ExchangeInfo.AssetInfo("BTC", d("0.95"))),
                        List.of(new ExchangeInfo.InstrumentInfo("BTCUSD_PERP", FuturesType.CM, "BTC", "BTC",
                                d("1"), d("100"), 20, List.of(new ExchangeInfo.Bracket(d("0"), d("0.004"), d("0"))))),
                        List.of(new ExchangeInfo.OptionSymbolInfo("BTC-261225-60000-C", "CALL", d("60000"),
                                "BTCUSDT", 1, T, "USDT", d("0.01"))),
                        new ExchangeInfo.MarginModelInfo(MarginModelType.PORTFOLIO, Map.of("BTC", d("0.03")),
                                d("2.33"), d("0.004"), d("1.5"), Map.of("BTC/ETH", d("0.85")), d("0.25"), d("0.01")),
                        new ExchangeInfo.RiskInfo(d("1.5"), d("1.2"), d("1.0"), d("1.25"), d("0.005"),
                                List.of(d("1.10")))),
                new SessionInfo("K", "alice", List.of(Permission.READ, Permission.TRADE), T, T - 5, T),
                new SessionInfo(null, null, List.of(), null, T - 5, T),
                new SubscribeResult(List.of("userData")),
                new UnsubscribeResult(List.of("userData")),
                new SubscriptionsResult(List.of("userData", "markPrice")),
                new AccountStatusResult(null, d("100.00000000"), d("101.00000000"), d("0.00000000"),
                        d("0.00000000"), AccountStatus.NORMAL, d("100.00000000"), d("100.00000000"), d("0"), T, true,
                        MarginModelType.PORTFOLIO, d("0.00000000")),
                new BalanceEntry("USDT", d("105000.00000000"), d("100000.00000000"), d("100000.00000000"),
                        d("0.00000000"), d("0"), d("0"), d("5000.00000000"), d("-12.30000000"), d("0.00000000"),
                        d("0.00000000"), d("0.00000000"), T, d("1000.00000000"), d("1")),
                new PositionEntry("BTCUSDT", FuturesType.UM, d("1.00000000"), d("60000.00000000"),
                        d("60100.00000000"), d("100.00000000"), d("60100.00000000"), d("240.40000000"),
                        d("3005.00000000"), null, null, null, null, null, null, null, null),
                new PositionEntry("BTC-261225-60000-C", FuturesType.UM, d("-1.00000000"), d("7154.10000000"),
                        d("7200.00000000"), d("-45.90000000"), d("-7200.00000000"), d("1200.00000000"),
                        d("1800.00000000"), "CALL", d("60000.00000000"), T, d("0.60000000"), d("-0.55961769"),
                        d("-0.00002200"), d("-119.00000000"), d("-39.00000000")),
                settings,
                new PortfolioMarginResult(true),
                new TransferResult(7, "USDT", d("100.00000000"), Wallet.UM, Wallet.CROSS_MARGIN,
                        TransferStatus.CONFIRMED),
                new CollectionResult(CollectionResult.SUCCESS, 8,
                        List.of(new CollectionResult.Collected("USDT", Wallet.UM, d("5000.00000000"))), 1, 10),
                new CollectionUsageResult(3, 10, T + 86_400_000L),
                new TranIdResult(9),
                new TransferHistoryEntry(9, null, TransferType.DEPOSIT, "USDT", d("1.00000000"), null, Wallet.SPOT,
                        TransferStatus.CONFIRMED, T),
                new OrderResult(10, "my-1", "BTCUSDT", Side.SELL, OrderType.MARKET, OrderStatus.FILLED,
                        d("0.00100000"), d("60000.00000000"), T, TimeInForce.GTC, d("0.00100000"), d("0.00000000"),
                        d("0.00000000"), false, false, T),
                new OrderResult(11, "grid-1", "BTCUSDT", Side.BUY, OrderType.LIMIT, OrderStatus.NEW,
                        d("0.00000000"), d("0.00000000"), T, TimeInForce.GTX, d("0.50000000"), d("59000.00000000"),
                        d("0.00000000"), true, false, T),
                new FeedResult(true),
                // events
                new BalanceUpdate(T, "USDT", d("-100.00000000"), 42, T),
                new AccountUpdate(T, T, FuturesType.UM, new AccountUpdate.Update("ORDER",
                        List.of(new AccountUpdate.Balance("USDT", d("1.00000000"), d("1.00000000"), d("0.50000000"))),
                        List.of(new AccountUpdate.Position("BTCUSDT", d("1.00000000"), d("60000.00000000"),
                                d("10.00000000"), AccountUpdate.Position.BOTH))), 45),
                new OutboundAccountPosition(T, T, 43,
                        List.of(new OutboundAccountPosition.Balance("USDT", d("10.00000000"), d("0.00000000")))),
                new OrderTradeUpdate(T, T, FuturesType.CM, new OrderTradeUpdate.Order("BTCUSD_PERP", "autoclose-1",
                        Side.SELL, OrderType.MARKET, TimeInForce.GTC, d("3"), d("0"), d("60000.00000000"), d("0"),
                        ExecutionType.TRADE, OrderStatus.FILLED, 5, d("3"), d("3"), d("60000.00000000"), "BTC",
                        d("0.00002500"), T, false, true, false, d("0"), "NONE"), 46),
                new OrderTradeUpdate(T, T, FuturesType.UM, new OrderTradeUpdate.Order("ETHUSDT", "stop-1",
                        Side.SELL, OrderType.STOP_MARKET, TimeInForce.GTC, d("0"), d("0"), d("0"), d("2900"),
                        ExecutionType.CANCELED, OrderStatus.CANCELED, 6, d("0"), d("0"), d("0"), "USDT", d("0"), T,
                        false, false, true, d("0"), "LIQUIDATION"), 47),
                new RiskLevelChange(T, d("1.19000000"), AccountStatus.REDUCE_ONLY, d("10.00000000"),
                        d("11.00000000"), d("8.40000000"), 47),
                new MarginAlert(T, null, AccountStatus.NORMAL, d("10.00000000"), d("11.00000000"), d("0.00000000"),
                        d("1.10"), 48),
                new TransferUpdate(T, 7, "USDT", d("100.00000000"), null, Wallet.SPOT, 44),
                new MarginRatio(T, d("2.50000000"), d("1.00000000"), d("2.00000000"), d("3.00000000"),
                        d("4.00000000"), d("5.00000000"), d("6.00000000"), AccountStatus.NORMAL, 45),
                new MarkPriceUpdate(T, "BTCUSDT", d("60000.12000000")),
                new ServerShutdown(T));
    }

    @Test
    void everyMessage_roundTripsThroughTheStrictMapper() throws Exception {
        for (Object sample : samples()) {
            String json = ProtocolJson.toJson(sample);
            Object back = ProtocolJson.mapper().readValue(json, sample.getClass());
            assertEquals(sample, back, json);
            assertEquals(json, ProtocolJson.toJson(back));
            if (sample instanceof StreamEvent) {
                assertEquals(sample, ProtocolJson.mapper().readValue(json, StreamEvent.class), json);
                assertTrue(json.startsWith("{\"e\":\"") && json.contains("\",\"E\":" + T), json);
            }
        }
    }

    @Test
    void everyRecordOfThePackage_hasASample() throws IOException, ClassNotFoundException {
        Set<Class<?>> covered = new HashSet<>();
        for (Object s : samples()) {
            covered.add(s.getClass());
        }
        Path dir = Path.of("src/main/java/io/marginstream/protocol/message");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".java") || name.equals("package-info.java")) {
                    continue;
                }
                Class<?> c = Class.forName(getClass().getPackageName() + "." + name.replace(".java", ""));
                if (c.isRecord()) {
                    assertTrue(covered.contains(c), "no round-trip sample of " + c.getSimpleName());
                }
            }
        }
    }
}
