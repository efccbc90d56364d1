package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.OptionPricer;
import io.marginstream.gateway.engine.margin.ScenarioGrid;
import io.marginstream.gateway.engine.options.VolSurface;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The option side of the market (§5.3a): the market clock, the implied-volatility surface, the pricing of the option
 * marks, the shared scenario grid, and which expiries have settled.
 *
 * <p>The <b>market clock</b> is the engine's command time plus an offset that only {@code admin.advanceMarketTime}
 * moves; expiries and the surface's term read it, never the wall clock that signatures, windows and rate limits use.
 * Being derived from journaled times and commands, it replays exactly. Owned by the engine thread.
 */
final class OptionMarket {
    private final Market market;
    final VolSurface surface;
    final OptionPricer pricer;
    final ScenarioGrid grid;
    /** Distinct expiries (08:00 UTC, epoch ms), ascending. */
    private final long[] expiries;
    long offsetMillis;
    /** The latest expiry that has settled (every option expiring at or before it is settled), or 0. */
    long settledThrough;

    OptionMarket(GatewayConfig config, Market market) {
        this.market = market;
        this.surface = new VolSurface(market.underlyingCount);
        this.pricer = new OptionPricer(market, surface);
        this.grid = new ScenarioGrid(market, pricer);
        for (int u = 0; u < market.underlyingCount; u++) {
            if (market.referenceSymbol[u] >= 0) {
                OptionUnderlyingConfig uc = config.options().underlyings().get(market.underlyingNames[u]);
                surface.set(u, uc.atmVol(), uc.skew(), uc.termSlope());
            }
        }
        TreeSet<Long> ex = new TreeSet<>();
        for (int s = market.futuresCount; s < market.symbolCount; s++) {
            ex.add(market.optionExpiry[s]);
        }
        this.expiries = ex.stream().mapToLong(Long::longValue).toArray();
    }

    /** The market time at engine time {@code now}. */
    long marketTime(long now) {
        return now + offsetMillis;
    }

    /** Whether option {@code s} has expired at engine time {@code now}. */
    boolean expired(int s, long now) {
        return market.optionExpiry[s] <= marketTime(now);
    }

    /** The mask of the reference symbols of every underlying with options. */
    long referenceMask() {
        long mask = 0;
        for (int u = 0; u < market.underlyingCount; u++) {
            if (market.referenceSymbol[u] >= 0) {
                mask |= 1L << market.referenceSymbol[u];
            }
        }
        return mask;
    }

    /** The expiries due at engine time {@code now} and not yet settled, ascending. */
    List<Long> due(long now) {
        List<Long> out = new ArrayList<>(0);
        long t = marketTime(now);
        for (long e : expiries) {
            if (e > settledThrough && e <= t) {
                out.add(e);
            }
        }
        return out;
    }

    /** Whether an expiry is due at engine time {@code now} (cheap; no allocation). */
    boolean anyDue(long now) {
        long t = marketTime(now);
        for (long e : expiries) {
            if (e > settledThrough) {
                return e <= t;
            }
        }
        return false;
    }
}
