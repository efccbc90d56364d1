package io.marginstream.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.AssetConfig;
import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.ratelimit.Cidr;
import io.marginstream.protocol.auth.Ed25519;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a §10 config file strictly onto {@link GatewayConfig} and checks it.
 *
 * <p>Unknown keys, duplicate keys, trailing garbage, wrong types, bad values and inconsistent settings (an instrument
 * on an unknown asset, a key with two kinds of secret, ...) all fail with a {@link ConfigException} whose message
 * names the offending key as a JSON path such as {@code accounts[0].keys[1].permissions}.
 */
public final class ConfigLoader {
    private static final Set<String> WALLETS = Set.of("SPOT", "CROSS_MARGIN", "UM", "CM");
    private static final Set<String> PERMISSIONS = Set.of("READ", "TRANSFER", "TRADE", "ADMIN");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ConfigLoader() {}

    /** A config that cannot be used; the message names the key at fault. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Reads and checks a config file. */
    public static GatewayConfig load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        try {
            return parse(json);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** Parses and checks config JSON text. */
    public static GatewayConfig parse(String json) {
        GatewayConfig config;
        try {
            config = MAPPER.readValue(json, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown key '" + path(e) + "'");
        } catch (JsonMappingException e) {
            String where = path(e);
            String what = e.getOriginalMessage();
            int cut = what.indexOf('\n');
            throw new ConfigException((where.isEmpty() ? "config" : "'" + where + "'") + ": invalid value ("
                    + (cut > 0 ? what.substring(0, cut) : what) + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""));
        }
        if (config == null) {
            throw new ConfigException("config must be a JSON object");
        }
        validate(config);
        return config;
    }

    /** Checks values and consistency; throws {@link ConfigException} naming the first bad key. */
    public static void validate(GatewayConfig c) {
        var s = c.server();
        require(!s.host().isBlank(), "server.host", "must not be empty");
        range(s.port(), 0, 65535, "server.port");
        range(s.maxConnections(), 1, 10_000_000, "server.maxConnections");
        range(s.maxFrameBytes(), 128, 16 * 1024 * 1024, "server.maxFrameBytes");
        range(s.pingIntervalSeconds(), 1, 3600, "server.pingIntervalSeconds");
        range(s.idleTimeoutSeconds(), 1, 86_400, "server.idleTimeoutSeconds");
        range(s.maxSessionHours(), 1, 24 * 365, "server.maxSessionHours");
        range(s.outboundBufferBytes(), 1024, 1 << 30, "server.outboundBufferBytes");
        range(s.requestTimeoutSeconds(), 1, 3600, "server.requestTimeoutSeconds");
        require(!c.dataDir().isBlank(), "dataDir", "must not be empty");

        var f = c.feed();
        range(f.tickMillis(), 1, 3_600_000, "feed.tickMillis");

        Set<String> assets = new HashSet<>();
        for (int i = 0; i < c.assets().size(); i++) {
            AssetConfig a = c.assets().get(i);
            String p = "assets[" + i + "]";
            name(a.asset(), p + ".asset");
            require(assets.add(a.asset()), p + ".asset", "duplicates asset " + a.asset());
            between(a.collateralRate(), BigDecimal.ZERO, BigDecimal.ONE, p + ".collateralRate");
        }
        f.volatility().forEach((u, v) -> {
            require(assets.contains(u), "feed.volatility." + u, "is not a configured asset");
            between(v, BigDecimal.ZERO, BigDecimal.TEN, "feed.volatility." + u);
        });

        require(assets.contains("USDT"), "assets", "must include USDT (UM instruments settle in it)");
        require(c.instruments().size() <= Market.MAX_SYMBOLS, "instruments",
                "may hold at most " + Market.MAX_SYMBOLS + " instruments");
        Map<String, InstrumentConfig> instruments = new java.util.HashMap<>();
        for (int i = 0; i < c.instruments().size(); i++) {
            InstrumentConfig in = c.instruments().get(i);
            String p = "instruments[" + i + "]";
            name(in.symbol(), p + ".symbol");
            require(instruments.put(in.symbol(), in) == null, p + ".symbol", "duplicates symbol " + in.symbol());
            require(in.fs().equals("UM") || in.fs().equals("CM"), p + ".fs", "must be UM or CM");
            require(in.underlying() != null, p + ".underlying", "is required");
            require(assets.contains(in.underlying()), p + ".underlying",
                    "'" + in.underlying() + "' is not a configured asset");
            positive(in.stepSize(), p + ".stepSize");
            if (in.fs().equals("CM")) {
                require(in.contractSize() != null, p + ".contractSize", "is required for a CM instrument");
                positive(in.contractSize(), p + ".contractSize");
            } else {
                require(in.contractSize() == null, p + ".contractSize", "applies only to CM instruments");
            }
            range(in.leverage(), 1, 125, p + ".leverage");
            require(!in.brackets().isEmpty(), p + ".brackets", "must not be empty");
            BigDecimal prev = null;
            for (int b = 0; b < in.brackets().size(); b++) {
                Bracket br = in.brackets().get(b);
                String bp = p + ".brackets[" + b + "]";
                require(br.notionalFloor() != null && br.mmr() != null, bp, "needs notionalFloor and mmr");
                if (b == 0) {
                    require(br.notionalFloor().signum() == 0, bp + ".notionalFloor", "of the first bracket must be 0");
                } else {
                    require(br.notionalFloor().compareTo(prev) > 0, bp + ".notionalFloor", "must ascend");
                }
                prev = br.notionalFloor();
                require(br.mmr().signum() > 0 && br.mmr().compareTo(BigDecimal.ONE) < 0, bp + ".mmr",
                        "must be in (0, 1)");
                require(br.cum().signum() >= 0, bp + ".cum", "must not be negative");
            }
        }
        for (int i = 0; i < c.assets().size(); i++) {
            String a = c.assets().get(i).asset();
            require(Market.STABLE_ASSETS.contains(a) || instruments.containsKey(a + "USDT"), "assets[" + i + "].asset",
                    "'" + a + "' needs an instrument " + a + "USDT that prices it (only "
                            + String.join(" and ", new java.util.TreeSet<>(Market.STABLE_ASSETS)) + " are priced 1)");
        }
        c.prices().forEach((sym, price) -> {
            require(instruments.containsKey(sym), "prices." + sym, "is not a configured instrument");
            require(price != null && price.signum() > 0 && price.compareTo(MAX_PRICE) < 0, "prices." + sym,
                    "must be a positive price");
        });
        for (String sym : instruments.keySet()) {
            require(c.prices().containsKey(sym), "prices", "has no starting price for instrument " + sym);
        }

        Map<String, BigDecimal> optionSteps = validateOptions(c, assets, instruments);

        var m = c.marginModel();
        require(m.type().equals("PORTFOLIO") || m.type().equals("TIERED"), "marginModel.type",
                "must be PORTFOLIO or TIERED");
        require(m.volShock().signum() > 0 && m.volShock().compareTo(BigDecimal.ONE) < 0, "marginModel.volShock",
                "must be in (0, 1)");
        require(m.shortOptionMin().signum() >= 0 && m.shortOptionMin().compareTo(BigDecimal.ONE) < 0,
                "marginModel.shortOptionMin", "must be in [0, 1)");
        m.shock().forEach((u, v) -> {
            require(assets.contains(u), "marginModel.shock." + u, "is not a configured asset");
            require(v != null && v.signum() > 0 && v.compareTo(BigDecimal.ONE) < 0, "marginModel.shock." + u,
                    "must be in (0, 1)");
        });
        positive(m.z(), "marginModel.z");
        between(m.grossRate(), BigDecimal.ZERO, BigDecimal.ONE, "marginModel.grossRate");
        require(m.imMultiplier().compareTo(BigDecimal.ONE) >= 0, "marginModel.imMultiplier", "must be at least 1");
        m.correlations().forEach((pair, rho) -> {
            String p = "marginModel.correlations." + pair;
            String[] parts = pair.split("/");
            require(parts.length == 2 && assets.contains(parts[0]) && assets.contains(parts[1])
                    && !parts[0].equals(parts[1]), p, "must name two different configured assets as A/B");
            between(rho, BigDecimal.ONE.negate(), BigDecimal.ONE, p);
        });

        var r = c.risk();
        positive(r.liquidation(), "risk.liquidation");
        require(r.reduceOnly().compareTo(r.liquidation()) > 0, "risk.reduceOnly", "must exceed risk.liquidation");
        require(r.marginCall().compareTo(r.reduceOnly()) > 0, "risk.marginCall", "must exceed risk.reduceOnly");
        require(r.liquidationTarget().compareTo(r.liquidation()) > 0, "risk.liquidationTarget",
                "must exceed risk.liquidation");
        require(r.liquidationFeeRate().signum() >= 0 && r.liquidationFeeRate().compareTo(BigDecimal.ONE) < 0,
                "risk.liquidationFeeRate", "must be in [0, 1)");
        for (int i = 0; i < r.alertThresholds().size(); i++) {
            positive(r.alertThresholds().get(i), "risk.alertThresholds[" + i + "]");
        }
        require(c.portfolioMargin().minEquityUsd().signum() >= 0, "portfolioMargin.minEquityUsd",
                "must not be negative");

        var l = c.limits();
        range(l.requestWeightPerMinute(), 1, Integer.MAX_VALUE, "limits.requestWeightPerMinute");
        range(l.ordersPerMinute(), 1, Integer.MAX_VALUE, "limits.ordersPerMinute");
        range(l.messagesPerSecond(), 1, Integer.MAX_VALUE, "limits.messagesPerSecond");
        range(l.messageBurst(), 1, Integer.MAX_VALUE, "limits.messageBurst");
        range(l.connectionsPerIpPer5Minutes(), 1, Integer.MAX_VALUE, "limits.connectionsPerIpPer5Minutes");
        range(l.logonFailuresPerIpPerMinute(), 1, Integer.MAX_VALUE, "limits.logonFailuresPerIpPerMinute");
        range(l.banAfter429s(), 1, Integer.MAX_VALUE, "limits.banAfter429s");
        range(l.autoCollectionPerDay(), 1, Integer.MAX_VALUE, "limits.autoCollectionPerDay");
        range(l.bnbTransfersPer10Minutes(), 1, Integer.MAX_VALUE, "limits.bnbTransfersPer10Minutes");
        range(l.connectionsPerIp(), 1, 10_000_000, "limits.connectionsPerIp");
        range(l.openOrdersPerAccount(), 1, 10_000, "limits.openOrdersPerAccount");
        for (int i = 0; i < l.trustedNetworks().size(); i++) {
            cidr(l.trustedNetworks().get(i), "limits.trustedNetworks[" + i + "]");
        }

        Set<String> ids = new HashSet<>();
        Set<String> apiKeys = new HashSet<>();
        for (int i = 0; i < c.accounts().size(); i++) {
            AccountConfig a = c.accounts().get(i);
            String p = "accounts[" + i + "]";
            require(a.id() != null && !a.id().isBlank() && a.id().length() <= 64, p + ".id",
                    "must be 1-64 characters");
            require(ids.add(a.id()), p + ".id", "duplicates account " + a.id());
            range(a.vipLevel(), 0, 9, p + ".vipLevel");
            for (int k = 0; k < a.keys().size(); k++) {
                checkKey(a.keys().get(k), p + ".keys[" + k + "]", apiKeys);
            }
            a.balances().forEach((wallet, byAsset) -> {
                require(WALLETS.contains(wallet), p + ".balances." + wallet,
                        "is not a wallet (SPOT, CROSS_MARGIN, UM, CM)");
                require(byAsset != null, p + ".balances." + wallet, "must be an object");
                byAsset.forEach((asset, amount) -> {
                    String bp = p + ".balances." + wallet + "." + asset;
                    require(assets.contains(asset), bp, "is not a configured asset");
                    require(amount != null && amount.signum() >= 0, bp, "must be a non-negative amount");
                    require(amount.stripTrailingZeros().scale() <= 8, bp, "has more than 8 decimals");
                });
            });
            Set<String> seen = new HashSet<>();
            require(a.positions().isEmpty() || a.portfolioMargin(), p + ".positions",
                    "needs portfolioMargin: a classic-mode account holds no positions");
            for (int k = 0; k < a.positions().size(); k++) {
                PositionConfig pos = a.positions().get(k);
                String pp = p + ".positions[" + k + "]";
                InstrumentConfig in = pos.symbol() == null ? null : instruments.get(pos.symbol());
                BigDecimal step = in != null ? in.stepSize() : optionSteps.get(pos.symbol());
                require(step != null, pp + ".symbol", "is not a configured instrument or listed option");
                require(seen.add(pos.symbol()), pp + ".symbol", "duplicates position " + pos.symbol());
                require(pos.positionAmt() != null && pos.positionAmt().signum() != 0, pp + ".positionAmt",
                        "must be a non-zero amount");
                require(pos.positionAmt().remainder(step).signum() == 0, pp + ".positionAmt",
                        "must be a multiple of stepSize " + step.toPlainString());
                positive(pos.entryPrice(), pp + ".entryPrice");
            }
        }
        validateCluster(c.cluster());
        var syn = c.syntheticAccounts();
        range(syn.count(), 0, 1_000_000, "syntheticAccounts.count");
        require(!syn.idPrefix().isBlank() && syn.idPrefix().length() <= 32, "syntheticAccounts.idPrefix",
                "must be 1-32 characters");
        require(!syn.secretSeed().isEmpty(), "syntheticAccounts.secretSeed", "must not be empty");
        if (syn.count() > 0) {
            for (String id : ids) {
                require(!isSynthetic(id, syn.idPrefix(), syn.count()), "syntheticAccounts.idPrefix",
                        "makes synthetic ids that clash with account " + id);
            }
            for (String key : apiKeys) {
                require(!isSynthetic(key, syn.idPrefix(), syn.count()), "syntheticAccounts.idPrefix",
                        "makes synthetic keys that clash with apiKey " + key);
            }
        }
    }

    /** Checks {@code cluster} (§13): a known role, a {@code nats://} broker, the shard inside the shard count. */
    private static void validateCluster(GatewayConfig.ClusterConfig k) {
        require(Set.of(GatewayConfig.ClusterConfig.SINGLE, GatewayConfig.ClusterConfig.GATEWAY,
                GatewayConfig.ClusterConfig.SHARD).contains(k.role()), "cluster.role",
                "must be \"single\", \"gateway\" or \"shard\"");
        for (String url : k.natsUrl().split(",")) {
            require(url.trim().startsWith("nats://") && url.trim().length() > 7, "cluster.natsUrl",
                    "must be nats://host:port (comma-separated for several)");
        }
        range(k.shards(), 1, 1024, "cluster.shards");
        range(k.shard(), 0, k.shards() - 1, "cluster.shard");
        range(k.gateways(), 1, 10_000, "cluster.gateways");
        range(k.requestTimeoutMillis(), 50, 60_000, "cluster.requestTimeoutMillis");
        require(k.nodeId().matches("[A-Za-z0-9_-]{1,64}"), "cluster.nodeId", "must be 1-64 of A-Z a-z 0-9 _ -");
    }

    /**
     * Checks {@code options} (§5.3a) and returns the listed option symbols with their step sizes: expiries are
     * distinct {@code yyyy-MM-dd} dates; each underlying is a configured non-stable asset with a UM {@code <u>USDT}
     * instrument; strike step, step size, surface parameters in range; the listing fits the limits.
     */
    private static Map<String, BigDecimal> validateOptions(GatewayConfig c, Set<String> assets,
                                                           Map<String, InstrumentConfig> instruments) {
        var o = c.options();
        Set<String> dates = new HashSet<>();
        for (int i = 0; i < o.expiries().size(); i++) {
            String p = "options.expiries[" + i + "]";
            String e = o.expiries().get(i);
            require(e != null && e.matches("\\d{4}-\\d{2}-\\d{2}"), p, "must be a date yyyy-MM-dd");
            try {
                OptionListing.expiryMillis(e, p);
            } catch (IllegalArgumentException x) {
                throw new ConfigException("'" + p + "' must be a date yyyy-MM-dd");
            }
            require(dates.add(e), p, "duplicates expiry " + e);
        }
        require(o.expiries().size() <= 24, "options.expiries", "must list at most 24 dates");
        if (!o.underlyings().isEmpty()) {
            require(!o.expiries().isEmpty(), "options.expiries", "must list a date when options.underlyings is set");
        }
        o.underlyings().forEach((u, uc) -> {
            String p = "options.underlyings." + u;
            require(assets.contains(u) && !u.equals("USDT") && !u.equals("USDC"), p,
                    "is not a configured non-stable asset");
            require(uc != null, p, "must be an object");
            InstrumentConfig ref = instruments.get(u + "USDT");
            require(ref != null && ref.fs().equals("UM") && u.equals(ref.underlying()), p,
                    "needs a UM instrument " + u + "USDT with underlying " + u + " to price its options");
            if (uc.strikeStep() != null) {
                positive(uc.strikeStep(), p + ".strikeStep");
            }
            range(uc.strikesAround(), 0, 50, p + ".strikesAround");
            positive(uc.stepSize(), p + ".stepSize");
            require(uc.atmVol().signum() > 0 && uc.atmVol().compareTo(BigDecimal.valueOf(5)) <= 0, p + ".atmVol",
                    "must be in (0, 5]");
            between(uc.skew(), BigDecimal.valueOf(-2), BigDecimal.valueOf(2), p + ".skew");
            between(uc.termSlope(), BigDecimal.valueOf(-2), BigDecimal.valueOf(2), p + ".termSlope");
        });
        Map<String, BigDecimal> steps = new java.util.HashMap<>();
        try {
            for (OptionListing.OptionInstrument oi : OptionListing.of(c)) {
                require(oi.symbol().length() <= 40, "options.underlyings." + oi.underlying(),
                        "makes symbol " + oi.symbol() + " longer than 40 characters");
                require(!instruments.containsKey(oi.symbol()), "options.underlyings." + oi.underlying(),
                        "makes symbol " + oi.symbol() + ", which clashes with an instrument");
                steps.put(oi.symbol(), oi.stepSize());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return steps;
    }

    private static boolean isSynthetic(String id, String prefix, int count) {
        if (!id.startsWith(prefix)) {
            return false;
        }
        String rest = id.substring(prefix.length());
        if (!rest.matches("0|[1-9][0-9]{0,8}")) {
            return false;
        }
        return Long.parseLong(rest) < count;
    }

    private static void checkKey(KeyConfig k, String p, Set<String> apiKeys) {
        require(k.apiKey() != null && k.apiKey().length() >= 1 && k.apiKey().length() <= 128
                && k.apiKey().chars().allMatch(ch -> ch > 32 && ch < 127), p + ".apiKey",
                "must be 1-128 printable ASCII characters");
        require(apiKeys.add(k.apiKey()), p + ".apiKey", "duplicates apiKey " + k.apiKey());
        boolean hmac = k.secret() != null;
        boolean ed = k.ed25519PublicKey() != null;
        require(hmac ^ ed, p, "needs exactly one of secret and ed25519PublicKey");
        if (hmac) {
            require(!k.secret().isEmpty(), p + ".secret", "must not be empty");
        } else {
            try {
                Ed25519.parsePublicKey(k.ed25519PublicKey());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("'" + p + ".ed25519PublicKey' must be base64 of an Ed25519 public key "
                        + "(X.509 DER or the raw 32 bytes)");
            }
        }
        require(!k.permissions().isEmpty(), p + ".permissions", "must not be empty");
        for (int i = 0; i < k.permissions().size(); i++) {
            require(PERMISSIONS.contains(k.permissions().get(i)), p + ".permissions[" + i + "]",
                    "must be one of READ, TRANSFER, TRADE, ADMIN");
        }
        for (int i = 0; i < k.ipWhitelist().size(); i++) {
            cidr(k.ipWhitelist().get(i), p + ".ipWhitelist[" + i + "]");
        }
    }

    private static void cidr(String text, String path) {
        try {
            Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'" + path + "': " + e.getMessage());
        }
    }

    private static void name(String value, String path) {
        require(value != null && value.matches("[A-Z0-9_]{1,32}"), path,
                "must be 1-32 upper-case letters, digits or '_'");
    }

    private static void range(Integer v, long min, long max, String path) {
        require(v != null && v >= min && v <= max, path, "must be between " + min + " and " + max);
    }

    private static void positive(BigDecimal v, String path) {
        require(v != null && v.signum() > 0, path, "must be positive");
    }

    private static void between(BigDecimal v, BigDecimal min, BigDecimal max, String path) {
        require(v != null && v.compareTo(min) >= 0 && v.compareTo(max) <= 0, path,
                "must be between " + min.toPlainString() + " and " + max.toPlainString());
    }

    private static void require(boolean ok, String path, String what) {
        if (!ok) {
            throw new ConfigException("'" + path + "' " + what);
        }
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }
}
