package io.marginstream.gateway.engine.options;

/**
 * The greeks of one option contract ({@link Black76#greeks}): delta, gamma, vega per volatility point, theta per
 * day. A mutable holder, reused by its one owning thread so that computing greeks allocates nothing.
 */
public final class Greeks {
    public double delta;
    public double gamma;
    public double vega;
    public double theta;
}
