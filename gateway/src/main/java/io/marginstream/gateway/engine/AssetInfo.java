package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/** A collateral asset as {@code exchangeInfo} shows it; {@code stable} assets are priced at 1 USD. */
public record AssetInfo(String asset, BigDecimal collateralRate, boolean stable) {
}
