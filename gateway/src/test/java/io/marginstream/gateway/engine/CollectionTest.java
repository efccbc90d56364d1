package io.marginstream.gateway.engine;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** §4.4: autoCollection and assetCollection. */
class CollectionTest {

    private static EngineHarness harness() {
        return EngineHarness.of(account("c", Map.of(
                "UM", Map.of("USDT", "500", "BNB", "3", "ETH", "-1"),
                "CM", Map.of("BTC", "0.5", "ETH", "2", "BNB", "1"))));
    }

    @Test
    void autoCollection_movesPositivesExceptBnbInUm_leavesNegatives() {
        try (EngineHarness h = harness()) {
            CollectionResult r = h.call(new EngineCommand.AutoCollect("c", null));
            assertEquals("success", r.msg());
            assertEquals(List.of("USDT/UM/500", "BTC/CM/0.5", "ETH/CM/2", "BNB/CM/1"), r.collected().stream()
                    .map(k -> k.asset() + "/" + k.from() + "/" + k.amount().toPlainString()).toList());
            assertEquals(1, r.usedToday());
            assertEquals(10, r.limitPerDay());
            // balance table after: asset → cross, UM, CM
            String[][] table = {
                {"USDT", "500", "0", "0"},
                {"BNB", "1", "3", "0"},
                {"ETH", "2", "-1", "0"},
                {"BTC", "0.5", "0", "0"}};
            for (String[] row : table) {
                BalanceView b = h.balance("c", row[0]);
                assertAmount(row[1], b.crossMarginAsset());
                assertAmount(row[2], b.umWalletBalance());
                assertAmount(row[3], b.cmWalletBalance());
            }
            assertAmount("1", h.balance("c", "ETH").negativeBalance());
        }
    }

    @Test
    void autoCollection_eleventhCallOfAUtcDay_refusedUntilMidnight() {
        try (EngineHarness h = harness()) {
            for (int i = 1; i <= 10; i++) {
                CollectionResult r = h.call(new EngineCommand.AutoCollect("c", null));
                assertEquals(i, r.usedToday());
                h.clock.addAndGet(60_000);
            }
            ApiException e = h.rejected(ErrorCode.USE_LIMIT_REACHED, new EngineCommand.AutoCollect("c", null));
            assertEquals(429, e.status());
            long midnight = (EngineHarness.T0 / 86_400_000L + 1) * 86_400_000L;
            assertEquals(midnight, e.data().get("retryAfter"));
            CollectionResult asset = h.call(new EngineCommand.CollectAsset("c", "USDT"));
            assertEquals(10, asset.usedToday(), "assetCollection does not count");
            h.clock.set(midnight - 1);
            h.rejected(ErrorCode.USE_LIMIT_REACHED, new EngineCommand.AutoCollect("c", null));
            h.clock.set(midnight);
            assertEquals(1, h.<CollectionResult>call(new EngineCommand.AutoCollect("c", null)).usedToday());
        }
    }

    @Test
    void autoCollection_repeatedClientTranIdReturnsFirstResultAndDoesNotCount() {
        try (EngineHarness h = harness()) {
            CollectionResult first = h.call(new EngineCommand.AutoCollect("c", "sweep-1"));
            assertEquals(first, h.call(new EngineCommand.AutoCollect("c", "sweep-1")));
            assertEquals(2, h.<CollectionResult>call(new EngineCommand.AutoCollect("c", null)).usedToday());
        }
    }

    @Test
    void assetCollection_oneAsset_bnbRefused() {
        try (EngineHarness h = harness()) {
            CollectionResult r = h.call(new EngineCommand.CollectAsset("c", "ETH"));
            assertEquals(1, r.collected().size());
            assertAmount("2", h.balance("c", "ETH").crossMarginAsset());
            assertAmount("-1", h.balance("c", "ETH").umWalletBalance());
            assertAmount("500", h.balance("c", "USDT").umWalletBalance());
            h.rejected(ErrorCode.ROUTE_NOT_ALLOWED, new EngineCommand.CollectAsset("c", "BNB"));
            h.rejected(ErrorCode.MANDATORY_PARAM_MISSING, new EngineCommand.CollectAsset("c", null));
            assertEquals(0, r.usedToday());
        }
    }
}
