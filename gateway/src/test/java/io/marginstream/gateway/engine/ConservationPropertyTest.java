package io.marginstream.gateway.engine;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For any sequence of transfers and collections: every asset's total over all wallets is conserved, a rejected
 * command changes nothing, an accepted transfer never takes its source wallet below zero, and a transfer out of PM
 * leaves {@code accountEquity ≥ accountInitialMargin}.
 */
class ConservationPropertyTest {
    private static final List<Wallet> WALLETS = List.of(Wallet.values());
    private static final List<String> ASSETS = List.of("USDT", "BTC", "BNB", "ETH");

    @Provide
    Arbitrary<List<EngineCommand>> commands() {
        return command().list().ofMinSize(5).ofMaxSize(25);
    }

    private Arbitrary<EngineCommand> command() {
        Arbitrary<EngineCommand> transfer = Combinators.combine(Arbitraries.of(ASSETS),
                Arbitraries.integers().between(1, 400_000), Arbitraries.of(WALLETS), Arbitraries.of(WALLETS),
                Arbitraries.of("id-1", "id-2", "id-3").injectNull(0.6))
                .as((a, cents, from, to, id) -> new EngineCommand.Transfer("p", a,
                        BigDecimal.valueOf(cents, a.equals("USDT") ? 1 : 4), from, to, id));
        Arbitrary<EngineCommand> auto = Arbitraries.of("id-4", "id-1").injectNull(0.5)
                .map(id -> new EngineCommand.AutoCollect("p", id));
        Arbitrary<EngineCommand> one = Arbitraries.of(ASSETS).map(a -> new EngineCommand.CollectAsset("p", a));
        Arbitrary<EngineCommand> bnb = Combinators.combine(Arbitraries.integers().between(1, 40),
                Arbitraries.of(TransferSide.class)).as((x, side) -> new EngineCommand.TransferBnb("p",
                BigDecimal.valueOf(x, 1), side));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, transfer), net.jqwik.api.Tuple.of(1, auto), net.jqwik.api.Tuple.of(1, one),
                net.jqwik.api.Tuple.of(2, bnb));
    }

    @Property(tries = 30)
    void totalsConserved_andWalletsStayWithinTheRules(@ForAll("commands") List<EngineCommand> cmds) {
        Map<String, Map<String, String>> bal = Map.of(
                "SPOT", Map.of("USDT", "2000", "BTC", "0.1"),
                "CROSS_MARGIN", Map.of("USDT", "6000", "BTC", "0.2", "BNB", "2"),
                "UM", Map.of("USDT", "-300", "BNB", "1", "ETH", "0.5"),
                "CM", Map.of("BTC", "0.05", "ETH", "-0.2"));
        try (EngineHarness h = EngineHarness.of(account("p", bal, "BTCUSDT", "0.2", "60000",
                "ETHUSDT", "-2", "3000"))) {
            Map<String, BigDecimal[]> before = table(h);
            for (EngineCommand c : cmds) {
                boolean accepted;
                try {
                    h.call(c);
                    accepted = true;
                } catch (ApiException e) {
                    accepted = false;
                }
                Map<String, BigDecimal[]> after = table(h);
                for (String a : ASSETS) {
                    assertEquals(0, sum(before.get(a)).compareTo(sum(after.get(a))), "total of " + a + " after " + c);
                    if (!accepted) {
                        for (int w = 0; w < 4; w++) {
                            assertEquals(0, before.get(a)[w].compareTo(after.get(a)[w]), "rejected " + c);
                        }
                    }
                }
                if (accepted && c instanceof EngineCommand.Transfer t) {
                    int from = WALLETS.indexOf(t.from());
                    assertTrue(after.get(t.asset())[from].signum() >= 0, "source below zero after " + c);
                    if (t.from() == Wallet.CROSS_MARGIN && t.to() == Wallet.SPOT) {
                        AccountStatusView s = h.status("p");
                        assertTrue(s.accountEquity().compareTo(s.accountInitialMargin()) >= 0, "margin after " + c);
                    }
                }
                if (accepted && !(c instanceof EngineCommand.Transfer)) {
                    for (String a : ASSETS) {
                        for (int w = 2; w < 4; w++) {
                            BigDecimal b = before.get(a)[w];
                            BigDecimal x = after.get(a)[w];
                            assertTrue(x.signum() >= 0 || x.compareTo(b) >= 0, "collection deepened a negative " + c);
                        }
                    }
                }
                before = after;
            }
        }
    }

    private static Map<String, BigDecimal[]> table(EngineHarness h) {
        Map<String, BigDecimal[]> t = new HashMap<>();
        for (String a : ASSETS) {
            BalanceView b = h.balance("p", a);
            t.put(a, new BigDecimal[] {b.spotBalance(), b.crossMarginAsset(), b.umWalletBalance(),
                b.cmWalletBalance()});
        }
        return t;
    }

    private static BigDecimal sum(BigDecimal[] row) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal b : row) {
            s = s.add(b);
        }
        return s;
    }
}
