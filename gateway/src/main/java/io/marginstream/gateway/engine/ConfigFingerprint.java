package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AssetConfig;
import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A 64-bit fingerprint of the engine config that decides what a journaled command does: instruments and assets
 * (in order: their indices are the state's), the margin model (with its option parameters), the listed options, the
 * risk thresholds and defaults, the portfolio-margin minimum, the collection limits and the open-order limit (§12,
 * only when it is not the default 200). Journal segments and snapshots carry it, so that a replay under a changed
 * config is detected instead of silently diverging. Prices, feed, server and account settings are not in it: they
 * only shape the initial state (which the first snapshot holds) or nothing the journal replays. Stateless.
 */
public final class ConfigFingerprint {
    /** The default of {@code limits.openOrdersPerAccount} (§12). */
    private static final int DEFAULT_OPEN_ORDERS = 200;

    private ConfigFingerprint() {}

    /** The fingerprint of {@code config}: the first 8 bytes of a SHA-256 over a canonical text; never 0. */
    public static long of(GatewayConfig config) {
        StringBuilder b = new StringBuilder(1024);
        for (InstrumentConfig i : config.instruments()) {
            b.append("instrument ").append(i.symbol()).append(' ').append(i.fs()).append(' ').append(i.underlying())
                    .append(' ').append(n(i.stepSize())).append(' ').append(n(i.contractSize())).append(' ')
                    .append(i.leverage());
            for (Bracket br : i.brackets()) {
                b.append(" [").append(n(br.notionalFloor())).append(' ').append(n(br.mmr())).append(' ')
                        .append(n(br.cum())).append(']');
            }
            b.append('\n');
        }
        for (AssetConfig a : config.assets()) {
            b.append("asset ").append(a.asset()).append(' ').append(n(a.collateralRate())).append('\n');
        }
        var m = config.marginModel();
        b.append("model ").append(m.type()).append(' ').append(n(m.z())).append(' ').append(n(m.grossRate()))
                .append(' ').append(n(m.imMultiplier())).append(' ').append(sorted(m.shock())).append(' ')
                .append(sorted(m.correlations())).append('\n');
        var r = config.risk();
        b.append("risk ").append(n(r.marginCall())).append(' ').append(n(r.reduceOnly())).append(' ')
                .append(n(r.liquidation())).append(' ').append(n(r.liquidationTarget())).append(' ')
                .append(n(r.liquidationFeeRate()));
        r.alertThresholds().forEach(t -> b.append(' ').append(n(t)));
        b.append('\n').append("options ").append(n(m.volShock())).append(' ').append(n(m.shortOptionMin()))
                .append(' ').append(config.options().expiries()).append(' ')
                .append(new TreeMap<>(config.options().underlyings()));
        b.append('\n').append("pm ").append(n(config.portfolioMargin().minEquityUsd())).append('\n')
                .append("limits ").append(config.limits().autoCollectionPerDay()).append(' ')
                .append(config.limits().bnbTransfersPer10Minutes());
        if (config.limits().openOrdersPerAccount() != DEFAULT_OPEN_ORDERS) {
            // only when changed, so the fingerprints of journals written before resting orders stay valid
            b.append(" openOrders ").append(config.limits().openOrdersPerAccount());
        }
        b.append('\n');
        if (config.cluster().isShard()) {
            // a shard's journal holds only the accounts the shard rule gives it: another count would move accounts
            b.append("shard ").append(config.cluster().shard()).append('/').append(config.cluster().shards())
                    .append('\n');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            long f = ByteBuffer.wrap(h).getLong();
            return f == 0 ? 1 : f;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String n(BigDecimal v) {
        return v == null ? "-" : v.stripTrailingZeros().toPlainString();
    }

    private static String sorted(Map<String, BigDecimal> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, n(v)));
        return out.toString();
    }
}
