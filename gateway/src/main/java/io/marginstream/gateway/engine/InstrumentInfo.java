package io.marginstream.gateway.engine;

import java.math.BigDecimal;
import java.util.List;

import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.protocol.message.FuturesType;

/**
 * An instrument as {@code exchangeInfo} shows it: {@code fs} {@code UM} (linear) or {@code CM} (inverse,
 * {@code contractSize} USD per contract, else {@code null}); {@code settlementAsset} is USDT for UM and the coin for
 * CM.
 */
public record InstrumentInfo(String symbol, FuturesType fs, String underlying, String settlementAsset,
                             BigDecimal stepSize, BigDecimal contractSize, int leverage, List<Bracket> brackets) {
}
