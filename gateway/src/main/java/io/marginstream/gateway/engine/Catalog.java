package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.protocol.message.FuturesType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine trades, as configured: the published instrument (futures) and asset lists, each symbol's step size
 * (options included), each futures instrument's exact contract size (1 for UM and options; the money maths uses it,
 * the {@code double} models their copy in {@code Market}), and the index of BNB (-1 if it is not an asset).
 * Immutable once built; read by any thread.
 */
final class Catalog {
    final List<InstrumentInfo> instruments;
    final List<AssetInfo> assets;
    final BigDecimal[] stepSizes;
    final BigDecimal[] contractSizes;
    final int bnbAsset;

    Catalog(GatewayConfig config, Market market) {
        this.stepSizes = new BigDecimal[market.symbolCount];
        this.contractSizes = new BigDecimal[market.symbolCount];
        List<InstrumentInfo> infos = new ArrayList<>();
        for (int s = market.futuresCount; s < market.symbolCount; s++) {
            stepSizes[s] = market.options.get(s - market.futuresCount).stepSize();
            contractSizes[s] = BigDecimal.ONE;
        }
        for (int s = 0; s < market.futuresCount; s++) {
            InstrumentConfig ic = config.instruments().get(s);
            stepSizes[s] = ic.stepSize();
            contractSizes[s] = market.inverse[s] ? ic.contractSize() : BigDecimal.ONE;
            FuturesType fs = market.inverse[s] ? FuturesType.CM : FuturesType.UM;
            infos.add(new InstrumentInfo(ic.symbol(), fs, ic.underlying(), market.assetNames[market.settlementAsset[s]],
                    ic.stepSize(), market.inverse[s] ? ic.contractSize() : null, ic.leverage(), ic.brackets()));
        }
        this.instruments = List.copyOf(infos);
        List<AssetInfo> ai = new ArrayList<>();
        for (int a = 0; a < market.assetCount; a++) {
            ai.add(new AssetInfo(market.assetNames[a], config.assets().get(a).collateralRate(),
                    market.assetUnderlying[a] < 0));
        }
        this.assets = List.copyOf(ai);
        this.bnbAsset = market.asset("BNB");
    }
}
