package io.marginstream.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.Wallet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edges of the numbers: amount cap, non-finite and saturated figures, the null-ratio sentinel, contract sizes. */
class NumericEdgesTest {

    @Test
    void amounts_aboveTenToTheFifteen_rejectedWithMinus1130() {
        try (EngineHarness h = EngineHarness.of(EngineHarness.account("a", Map.of("SPOT", Map.of("USDT", "10"))))) {
            String msg = h.rejected(ErrorCode.BAD_PARAM_VALUE, new EngineCommand.Deposit("a", "USDT",
                    new BigDecimal("1000000000000000.00000001"), Wallet.SPOT)).getMessage();
            assertTrue(msg.contains("at most 1000000000000000"), msg);
            h.call(new EngineCommand.Deposit("a", "USDT", new BigDecimal("1000000000000000"), Wallet.SPOT));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, new EngineCommand.SetMarkPrice("BTCUSDT", new BigDecimal("1E+16")));
        }
    }

    @Test
    void e8_rejectsNaNAndInfinity_andSaturatesClearOfTheNullRatio() {
        assertThrows(ArithmeticException.class, () -> E8.of(Double.NaN));
        assertThrows(ArithmeticException.class, () -> E8.of(Double.POSITIVE_INFINITY));
        assertThrows(ArithmeticException.class, () -> E8.of(Double.NEGATIVE_INFINITY));
        assertEquals(Long.MAX_VALUE, E8.of(1e300));
        assertEquals(-Long.MAX_VALUE, E8.of(-1e300));
        assertNotEquals(MarginSnapshot.NULL_RATIO, E8.of(-1e300));
        assertEquals(150_000_000L, E8.of(1.5));
    }

    @Test
    void plain_printsEveryLongExactly() {
        assertEquals("-92233720368.54775808", MarginSnapshot.plain(Long.MIN_VALUE));
        assertEquals("-92233720368.54775807", MarginSnapshot.plain(-Long.MAX_VALUE));
        assertEquals("92233720368.54775807", MarginSnapshot.plain(Long.MAX_VALUE));
        assertEquals("-12.30000000", MarginSnapshot.plain(-1_230_000_000L));
    }

    @Test
    void cmContractSize_isUsedExactly() {
        GatewayConfig c = EngineHarness.config(EngineHarness.account("a",
                Map.of("CM", Map.of("BTC", "1")), "BTCUSD_PERP", "1000000000", "60000"));
        String size = "0.1234567890123456789";
        List<InstrumentConfig> instruments = new ArrayList<>();
        for (InstrumentConfig ic : c.instruments()) {
            instruments.add(!ic.symbol().equals("BTCUSD_PERP") ? ic : new InstrumentConfig(ic.symbol(), ic.fs(),
                    ic.underlying(), ic.stepSize(), new BigDecimal(size), ic.leverage(), ic.brackets()));
        }
        GatewayConfig exact = new GatewayConfig(c.server(), c.dataDir(), c.feed(), c.prices(), c.assets(),
                instruments, c.marginModel(), c.risk(), c.portfolioMargin(), c.limits(), c.admin(), c.accounts(),
                c.syntheticAccounts(), c.binance());
        try (EngineHarness h = new EngineHarness(exact)) {
            List<PositionView> p = h.call(new EngineCommand.GetPositions("a", "BTCUSD_PERP"));
            BigDecimal expected = new BigDecimal("1000000000").multiply(new BigDecimal(size));
            assertEquals(0, expected.compareTo(p.get(0).notional()), "notional " + p.get(0).notional());
            assertTrue(p.get(0).notional().toPlainString().startsWith("123456789.0123456789"));
        }
    }
}
