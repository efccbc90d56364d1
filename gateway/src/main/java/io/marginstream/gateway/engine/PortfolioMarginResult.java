package io.marginstream.gateway.engine;

/** {@code {"portfolioMargin": bool}}: the result of {@code account.portfolioMargin.enable}/{@code .disable}. */
public record PortfolioMarginResult(boolean portfolioMargin) {
}
