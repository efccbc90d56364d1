package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.TransferCompleted;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** §4.5: routes, balance and margin checks, idempotency. */
class TransferTest {
    private static final List<Wallet> WALLETS = List.of(Wallet.values());
    private static final List<String> ALLOWED = List.of("SPOT>CROSS_MARGIN", "CROSS_MARGIN>SPOT", "UM>CROSS_MARGIN",
            "CM>CROSS_MARGIN");

    private static EngineHarness harness() {
        return EngineHarness.of(account("t", Map.of("SPOT", Map.of("USDT", "1000"),
                "CROSS_MARGIN", Map.of("USDT", "1000"), "UM", Map.of("USDT", "1000"), "CM", Map.of("USDT", "1000"))));
    }

    private static EngineCommand.Transfer transfer(String amount, Wallet from, Wallet to, String id) {
        return new EngineCommand.Transfer("t", "USDT", d(amount), from, to, id);
    }

    @Test
    void everyRoute_allowedOrRefused() {
        try (EngineHarness h = harness()) {
            for (Wallet from : WALLETS) {
                for (Wallet to : WALLETS) {
                    if (ALLOWED.contains(from + ">" + to)) {
                        TransferResult r = h.call(transfer("10", from, to, null));
                        assertEquals(TransferStatus.CONFIRMED, r.status());
                        assertEquals(from, r.from());
                        assertEquals(to, r.to());
                    } else {
                        h.rejected(ErrorCode.ROUTE_NOT_ALLOWED, transfer("10", from, to, null));
                    }
                }
            }
            BalanceView b = h.balance("t", "USDT");
            assertAmount("1000", b.spotBalance());      // −10 + 10
            assertAmount("1020", b.crossMarginAsset()); // +10 −10 +10 +10
            assertAmount("990", b.umWalletBalance());
            assertAmount("990", b.cmWalletBalance());
            assertEquals(4, h.eventsOf("t", TransferCompleted.class).size());
            assertEquals(4, h.<List<TransferRecord>>call(new EngineCommand.GetTransferHistory("t", null, null, null))
                    .size());
        }
    }

    @Test
    void badInput_rejectedAndNothingMoves() {
        try (EngineHarness h = harness()) {
            h.rejected(ErrorCode.INSUFFICIENT_BALANCE, transfer("1000.00000001", Wallet.SPOT, Wallet.CROSS_MARGIN,
                    null));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, transfer("0", Wallet.SPOT, Wallet.CROSS_MARGIN, null));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, transfer("-1", Wallet.SPOT, Wallet.CROSS_MARGIN, null));
            h.rejected(ErrorCode.BAD_PRECISION, transfer("0.000000001", Wallet.SPOT, Wallet.CROSS_MARGIN, null));
            h.rejected(ErrorCode.MANDATORY_PARAM_MISSING, transfer("1", null, Wallet.CROSS_MARGIN, null));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, transfer("1", Wallet.SPOT, Wallet.CROSS_MARGIN, "x".repeat(37)));
            h.rejected(ErrorCode.ROUTE_NOT_ALLOWED, new EngineCommand.Transfer("t", "DOGE", d("1"), Wallet.SPOT,
                    Wallet.CROSS_MARGIN, null));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, new EngineCommand.Transfer("nobody", "USDT", d("1"), Wallet.SPOT,
                    Wallet.CROSS_MARGIN, null));
            assertAmount("1000", h.balance("t", "USDT").spotBalance());
            assertAmount("1000", h.balance("t", "USDT").crossMarginAsset());
            assertEquals(List.of(), h.events("t"));
            assertEquals(List.of(), h.journaled);
        }
    }

    @Test
    void transferOutOfPm_mustKeepEquityAboveInitialMargin() {
        // 1 BTC long: IM = 1.5·2040 = 3060; equity 4000 → at most 940 may leave
        try (EngineHarness h = EngineHarness.of(account("t", Map.of("CROSS_MARGIN", Map.of("USDT", "4000")),
                "BTCUSDT", "1", "60000"))) {
            assertAmount("940", h.status("t").virtualMaxWithdrawAmount());
            h.rejected(ErrorCode.INSUFFICIENT_MARGIN, transfer("940.01", Wallet.CROSS_MARGIN, Wallet.SPOT, null));
            h.call(transfer("940", Wallet.CROSS_MARGIN, Wallet.SPOT, null));
            AccountStatusView s = h.status("t");
            assertAmount("3060", s.accountEquity());
            assertAmount("0", s.virtualMaxWithdrawAmount());
            assertEquals(AccountStatus.MARGIN_CALL, s.accountStatus());
        }
    }

    @Test
    void clientTranId_sameParamsReturnFirstResult_otherParams409_forgottenAfterADay() {
        try (EngineHarness h = harness()) {
            TransferResult first = h.call(transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1"));
            TransferResult again = h.call(transfer("5.000", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1"));
            assertEquals(first, again);
            assertAmount("995", h.balance("t", "USDT").spotBalance());
            ApiException e = h.rejected(ErrorCode.CLIENT_TRAN_ID_REUSED, transfer("6", Wallet.SPOT, Wallet.CROSS_MARGIN,
                    "pay-1"));
            assertEquals(409, e.status());
            h.rejected(ErrorCode.CLIENT_TRAN_ID_REUSED, new EngineCommand.AutoCollect("t", "pay-1"));
            h.clock.addAndGet(24L * 3600 * 1000);
            assertEquals(first, h.call(transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1")), "kept for 24 h");
            h.clock.addAndGet(1);
            TransferResult later = h.call(transfer("6", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1"));
            assertNotEquals(first.tranId(), later.tranId());
            assertAmount("989", h.balance("t", "USDT").spotBalance());
        }
    }

    @Test
    void bnbTransfer_tenPerRollingTenMinutes() {
        try (EngineHarness h = EngineHarness.of(account("t", Map.of("CROSS_MARGIN", Map.of("BNB", "100"))))) {
            for (int i = 0; i < 10; i++) {
                h.call(new EngineCommand.TransferBnb("t", BigDecimal.ONE, TransferSide.TO_UM));
                h.clock.addAndGet(1000);
            }
            long firstAt = EngineHarness.T0;
            ApiException e = h.rejected(ErrorCode.USE_LIMIT_REACHED, new EngineCommand.TransferBnb("t",
                    BigDecimal.ONE, TransferSide.FROM_UM));
            assertEquals(429, e.status());
            assertEquals(firstAt + 600_000L, e.data().get("retryAfter"));
            h.clock.set(firstAt + 600_000L);
            h.call(new EngineCommand.TransferBnb("t", new BigDecimal("3"), TransferSide.FROM_UM));
            BalanceView bnb = h.balance("t", "BNB");
            assertAmount("93", bnb.crossMarginAsset());
            assertAmount("7", bnb.umWalletBalance());
            h.clock.set(firstAt + 1_200_000L);
            h.rejected(ErrorCode.INSUFFICIENT_BALANCE, new EngineCommand.TransferBnb("t", d("8"),
                    TransferSide.FROM_UM));
        }
    }
}
