package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code admin.setMarkPrice} params.
 *
 * @param price &gt; 0
 */
public record SetMarkPriceParams(String symbol, BigDecimal price) {
    public static SetMarkPriceParams from(Params p) {
        return new SetMarkPriceParams(
                Checks.symbol(p.requireString("symbol"), "symbol"),
                Checks.positive(p.requireDecimal("price"), "price"));
    }
}
