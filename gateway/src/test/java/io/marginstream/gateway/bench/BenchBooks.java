package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The account books the engine benchmarks use. Stateless. */
final class BenchBooks {
    /** The option legs of {@link #withOptions}: two expiries of the default listing, five legs each, BTC and ETH. */
    private static final String[] LEGS = {"55000-P", "60000-C", "60000-P", "65000-C", "70000-C"};
    private static final String[] ETH_LEGS = {"2750-P", "3000-C", "3000-P", "3250-C", "3500-C"};
    private static final String[] EXPIRIES = {"261225", "270326"};

    private BenchBooks() {}

    /**
     * The synthetic load-test account (balances and 6 futures over 4 underlyings) plus 20 option positions: 10 BTC
     * (±0.1 contracts) and 10 ETH (±1), alternately short and long, entered at round prices.
     */
    static AccountConfig withOptions(String id) {
        AccountConfig base = Defaults.syntheticAccount(id, List.of());
        List<PositionConfig> positions = new ArrayList<>(base.positions());
        int i = 0;
        for (String expiry : EXPIRIES) {
            for (int k = 0; k < LEGS.length; k++, i++) {
                String sign = i % 2 == 0 ? "-" : "";
                positions.add(new PositionConfig("BTC-" + expiry + "-" + LEGS[k], new BigDecimal(sign + "0.1"),
                        new BigDecimal("5000")));
                positions.add(new PositionConfig("ETH-" + expiry + "-" + ETH_LEGS[k], new BigDecimal(sign + "1"),
                        new BigDecimal("250")));
            }
        }
        return new AccountConfig(id, base.vipLevel(), base.portfolioMargin(), base.keys(), base.balances(),
                positions);
    }
}
