package io.marginstream.protocol.message;

/** The result of {@code account.portfolioMargin.enable} / {@code .disable}: whether the account is now in PM mode. */
public record PortfolioMarginResult(boolean portfolioMargin) {
}
