package io.marginstream.gateway.engine;

import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.7: enabling and disabling portfolio margin. */
class PortfolioModeTest {

    @Test
    void enable_needsVipOrEquity() {
        try (EngineHarness h = EngineHarness.of(
                account("small", 0, false, Map.of("CROSS_MARGIN", Map.of("USDT", "50000"),
                        "SPOT", Map.of("USDT", "60000"))),
                account("vip", 1, false, Map.of("CROSS_MARGIN", Map.of("USDT", "10"))),
                account("rich", 0, false, Map.of("CROSS_MARGIN", Map.of("USDT", "40000"), "CM", Map.of("BTC", "1"))))) {
            h.rejected(ErrorCode.NOT_ELIGIBLE, new EngineCommand.SetPortfolioMargin("small", true));
            assertFalse(h.engine.isPortfolioMargin("small"));
            assertTrue(h.<PortfolioMarginResult>call(new EngineCommand.SetPortfolioMargin("vip", true))
                    .portfolioMargin());
            assertTrue(h.<PortfolioMarginResult>call(new EngineCommand.SetPortfolioMargin("rich", true))
                    .portfolioMargin());
            assertTrue(h.engine.isPortfolioMargin("rich"));
            h.rejected(ErrorCode.WRONG_MODE, new EngineCommand.SetPortfolioMargin("rich", true));
        }
    }

    @Test
    void disable_needsNoPositionsNorNegatives_thenClassicRefusesOrders() {
        try (EngineHarness h = EngineHarness.of(
                account("p", Map.of("CROSS_MARGIN", Map.of("USDT", "100000")), "BTCUSDT", "0.1", "60000"),
                account("n", Map.of("CROSS_MARGIN", Map.of("USDT", "100000"), "UM", Map.of("USDT", "-5"))))) {
            h.rejected(ErrorCode.WRONG_MODE, new EngineCommand.SetPortfolioMargin("p", false));
            h.rejected(ErrorCode.WRONG_MODE, new EngineCommand.SetPortfolioMargin("n", false));
            h.call(new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.SELL, d("0.1"), true, null));
            assertFalse(h.<PortfolioMarginResult>call(new EngineCommand.SetPortfolioMargin("p", false))
                    .portfolioMargin());
            assertFalse(h.engine.isPortfolioMargin("p"));
            AccountStatusView s = h.status("p");
            assertFalse(s.portfolioMargin());
            assertNull(s.uniMMR());
            assertEquals(AccountStatus.NORMAL, s.accountStatus());
            h.rejected(ErrorCode.WRONG_MODE, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.BUY, d("0.1"), false,
                    null));
            h.call(new EngineCommand.Transfer("p", "USDT", d("10"), Wallet.CROSS_MARGIN, Wallet.SPOT, null));
            h.rejected(ErrorCode.WRONG_MODE, new EngineCommand.SetPortfolioMargin("p", false));
        }
    }
}
