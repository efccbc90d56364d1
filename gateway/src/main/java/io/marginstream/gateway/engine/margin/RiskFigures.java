package io.marginstream.gateway.engine.margin;

/**
 * The output of one evaluation, in USD: equities (§5.2), maintenance and initial margin (§5.3), the open orders' part of it (§12). A mutable holder
 * reused by the engine thread so that a re-evaluation allocates nothing.
 */
public final class RiskFigures {
    public double actualEquity;
    public double accountEquity;
    public double maintMargin;
    public double initialMargin;
    /** USD notional of the positions that entered the aggregation ({@code MM_basis} is {@code grossRate} of it). */
    public double grossNotional;
    /** The open orders' share of {@link #initialMargin}, {@link #openLoss} included. */
    public double openOrderInitialMargin;
    /** The open orders' worst loss against the mark ({@code totalMarginOpenLoss}). */
    public double openLoss;
}
