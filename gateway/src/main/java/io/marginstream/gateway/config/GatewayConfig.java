package io.marginstream.gateway.config;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The whole gateway configuration of PROTOCOL.md §10, as immutable records.
 *
 * <p>Every component is optional in the JSON file: a {@code null} component (absent key) is replaced by its
 * documented default in the compact constructor, so {@code new GatewayConfig(null, ...)} is the embedded default
 * configuration minus accounts. A given list or map replaces its default whole ({@code prices},
 * {@code feed.volatility}, {@code marginModel.correlations} are not merged with the defaults), and a default map
 * keeps only the entries that name configured assets or instruments, so a config with its own assets and
 * instruments names only those. {@code ConfigLoader} holds every rule a config must follow. Records here carry no JSON annotations: {@code ConfigLoader} maps the file onto
 * them strictly, and the engine reads them without knowing about JSON.
 */
public record GatewayConfig(
        ServerConfig server,
        String dataDir,
        FeedConfig feed,
        Map<String, BigDecimal> prices,
        List<AssetConfig> assets,
        List<InstrumentConfig> instruments,
        MarginModelConfig marginModel,
        RiskConfig risk,
        PortfolioMarginConfig portfolioMargin,
        LimitsConfig limits,
        AdminConfig admin,
        List<AccountConfig> accounts,
        SyntheticAccountsConfig syntheticAccounts,
        BinanceConfig binance,
        OptionsConfig options,
        ClusterConfig cluster) {

    public GatewayConfig {
        server = server != null ? server : ServerConfig.DEFAULT;
        dataDir = dataDir != null ? dataDir : "./data";
        feed = feed != null ? feed : FeedConfig.DEFAULT;
        assets = assets != null ? List.copyOf(assets) : Defaults.ASSETS;
        instruments = instruments != null ? List.copyOf(instruments) : Defaults.INSTRUMENTS;
        Set<String> assetNames = new HashSet<>();
        assets.forEach(a -> assetNames.add(a.asset()));
        Set<String> symbols = new HashSet<>();
        instruments.forEach(i -> symbols.add(i.symbol()));
        prices = prices != null ? Map.copyOf(prices) : only(Defaults.PRICES, symbols::contains);
        if (feed.volatility() == null) {
            feed = new FeedConfig(feed.enabled(), feed.tickMillis(), feed.seed(),
                    only(Defaults.VOLATILITY, assetNames::contains));
        }
        marginModel = marginModel != null ? marginModel : MarginModelConfig.DEFAULT;
        if (marginModel.correlations() == null) {
            MarginModelConfig m = marginModel;
            marginModel = new MarginModelConfig(m.type(), m.shock(), m.z(), m.grossRate(), m.imMultiplier(),
                    only(Defaults.CORRELATIONS, pair -> {
                        String[] ab = pair.split("/");
                        return ab.length == 2 && assetNames.contains(ab[0]) && assetNames.contains(ab[1]);
                    }), m.volShock(), m.shortOptionMin());
        }
        risk = risk != null ? risk : RiskConfig.DEFAULT;
        portfolioMargin = portfolioMargin != null ? portfolioMargin : PortfolioMarginConfig.DEFAULT;
        limits = limits != null ? limits : LimitsConfig.DEFAULT;
        admin = admin != null ? admin : AdminConfig.DEFAULT;
        accounts = accounts != null ? List.copyOf(accounts) : List.of();
        syntheticAccounts = syntheticAccounts != null ? syntheticAccounts : SyntheticAccountsConfig.DEFAULT;
        binance = binance != null ? binance : BinanceConfig.DEFAULT;
        options = options != null ? options : OptionsConfig.DEFAULT;
        cluster = cluster != null ? cluster : ClusterConfig.DEFAULT;
        if (options.underlyings() == Defaults.OPTION_UNDERLYINGS) {
            options = new OptionsConfig(options.expiries(), only(Defaults.OPTION_UNDERLYINGS, assetNames::contains));
        }
    }

    /** The configuration before options existed: {@code options} takes its default. */
    public GatewayConfig(ServerConfig server, String dataDir, FeedConfig feed, Map<String, BigDecimal> prices,
                         List<AssetConfig> assets, List<InstrumentConfig> instruments, MarginModelConfig marginModel,
                         RiskConfig risk, PortfolioMarginConfig portfolioMargin, LimitsConfig limits,
                         AdminConfig admin, List<AccountConfig> accounts, SyntheticAccountsConfig syntheticAccounts,
                         BinanceConfig binance) {
        this(server, dataDir, feed, prices, assets, instruments, marginModel, risk, portfolioMargin, limits, admin,
                accounts, syntheticAccounts, binance, null, null);
    }

    /** The configuration before cluster mode existed: {@code cluster} takes its default (one process). */
    public GatewayConfig(ServerConfig server, String dataDir, FeedConfig feed, Map<String, BigDecimal> prices,
                         List<AssetConfig> assets, List<InstrumentConfig> instruments, MarginModelConfig marginModel,
                         RiskConfig risk, PortfolioMarginConfig portfolioMargin, LimitsConfig limits,
                         AdminConfig admin, List<AccountConfig> accounts, SyntheticAccountsConfig syntheticAccounts,
                         BinanceConfig binance, OptionsConfig options) {
        this(server, dataDir, feed, prices, assets, instruments, marginModel, risk, portfolioMargin, limits, admin,
                accounts, syntheticAccounts, binance, options, null);
    }

    /** The defaults with no accounts at all. */
    public static GatewayConfig empty() {
        return new GatewayConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /**
     * The embedded demo defaults (§10): one PM account {@code demo} with balances and a hedged book, admin methods
     * on, and one HMAC key with every permission.
     */
    public static GatewayConfig demo(String apiKey, String secret) {
        return empty().withAccounts(List.of(Defaults.demoAccount(apiKey, secret))).withAdmin(new AdminConfig(true));
    }

    /** The entries of a default map whose key names something configured (a default never names anything else). */
    private static <V> Map<String, V> only(Map<String, V> defaults, Predicate<String> configured) {
        Map<String, V> out = new LinkedHashMap<>();
        defaults.forEach((k, v) -> {
            if (configured.test(k)) {
                out.put(k, v);
            }
        });
        return Map.copyOf(out);
    }

    public GatewayConfig withServer(ServerConfig s) {
        return new GatewayConfig(s, dataDir, feed, prices, assets, instruments, marginModel, risk, portfolioMargin,
                limits, admin, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withDataDir(String d) {
        return new GatewayConfig(server, d, feed, prices, assets, instruments, marginModel, risk, portfolioMargin,
                limits, admin, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withAccounts(List<AccountConfig> a) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, admin, a, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withAdmin(AdminConfig a) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, a, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withFeed(FeedConfig f) {
        return new GatewayConfig(server, dataDir, f, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, admin, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withLimits(LimitsConfig l) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, l, admin, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withMarginModel(MarginModelConfig m) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, m, risk, portfolioMargin,
                limits, admin, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withRisk(RiskConfig r) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, r,
                portfolioMargin, limits, admin, accounts, syntheticAccounts, binance, options, cluster);
    }

    public GatewayConfig withOptions(OptionsConfig o) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, admin, accounts, syntheticAccounts, binance, o, cluster);
    }

    public GatewayConfig withCluster(ClusterConfig c) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, admin, accounts, syntheticAccounts, binance, options, c);
    }

    public GatewayConfig withSyntheticAccounts(SyntheticAccountsConfig s) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, admin, accounts, s, binance, options, cluster);
    }

    /**
     * {@code server}: the listening socket and connection hygiene (§1). {@code requestTimeoutSeconds} bounds how
     * long an HTTP request (head and body) and a fragmented WebSocket message may take to arrive complete.
     */
    public record ServerConfig(String host, Integer port, Integer maxConnections, Integer maxFrameBytes,
                               Integer pingIntervalSeconds, Integer idleTimeoutSeconds, Integer maxSessionHours,
                               Integer outboundBufferBytes, Integer requestTimeoutSeconds) {
        public static final ServerConfig DEFAULT =
                new ServerConfig(null, null, null, null, null, null, null, null, null);

        public ServerConfig {
            host = host != null ? host : "127.0.0.1";
            port = port != null ? port : 8090;
            maxConnections = maxConnections != null ? maxConnections : 100_000;
            maxFrameBytes = maxFrameBytes != null ? maxFrameBytes : 65_536;
            pingIntervalSeconds = pingIntervalSeconds != null ? pingIntervalSeconds : 20;
            idleTimeoutSeconds = idleTimeoutSeconds != null ? idleTimeoutSeconds : 60;
            maxSessionHours = maxSessionHours != null ? maxSessionHours : 24;
            outboundBufferBytes = outboundBufferBytes != null ? outboundBufferBytes : 1_048_576;
            requestTimeoutSeconds = requestTimeoutSeconds != null ? requestTimeoutSeconds : 10;
        }

        public ServerConfig withPort(int p) {
            return new ServerConfig(host, p, maxConnections, maxFrameBytes, pingIntervalSeconds, idleTimeoutSeconds,
                    maxSessionHours, outboundBufferBytes, requestTimeoutSeconds);
        }
    }

    /**
     * {@code feed}: the embedded simulated mark-price feed (§5.1). Volatility is annualized, per underlying;
     * {@code null} until {@link GatewayConfig} resolves it to the defaults of the configured assets.
     */
    public record FeedConfig(Boolean enabled, Integer tickMillis, Long seed, Map<String, BigDecimal> volatility) {
        public static final FeedConfig DEFAULT = new FeedConfig(null, null, null, null);

        public FeedConfig {
            enabled = enabled != null ? enabled : Boolean.TRUE;
            tickMillis = tickMillis != null ? tickMillis : 100;
            seed = seed != null ? seed : 42L;
            volatility = volatility != null ? Map.copyOf(volatility) : null;
        }

        public FeedConfig withEnabled(boolean e) {
            return new FeedConfig(e, tickMillis, seed, volatility);
        }
    }

    /** One collateral asset and its collateral rate (haircut), §5.2. */
    public record AssetConfig(String asset, BigDecimal collateralRate) {
        public AssetConfig {
            collateralRate = collateralRate != null ? collateralRate : BigDecimal.ONE;
        }
    }

    /** A maintenance-margin bracket of the TIERED model: from {@code notionalFloor} up, {@code mmr} and {@code cum}. */
    public record Bracket(BigDecimal notionalFloor, BigDecimal mmr, BigDecimal cum) {
        public Bracket {
            cum = cum != null ? cum : BigDecimal.ZERO;
        }
    }

    /**
     * One instrument (§5.1). {@code fs} is {@code UM} (linear, PnL in USDT) or {@code CM} (inverse, PnL in the
     * underlying coin, {@code contractSize} USD per contract). {@code brackets} and {@code leverage} feed TIERED
     * margin and the default IM of {@code leverage}.
     */
    public record InstrumentConfig(String symbol, String fs, String underlying, BigDecimal stepSize,
                                   BigDecimal contractSize, Integer leverage, List<Bracket> brackets) {
        public InstrumentConfig {
            fs = fs != null ? fs : "UM";
            stepSize = stepSize != null ? stepSize : new BigDecimal("0.001");
            leverage = leverage != null ? leverage : 20;
            brackets = brackets != null ? List.copyOf(brackets)
                    : ("BTC".equals(underlying) ? Defaults.BTC_BRACKETS : Defaults.FLAT_BRACKETS);
        }
    }

    /**
     * {@code marginModel} (§5.3, §5.3a): {@code PORTFOLIO} (default) or {@code TIERED}. {@code volShock} is the
     * relative implied-volatility move of the option grid ({@code σ·(1 ± volShock)}); {@code shortOptionMin} the
     * short-option minimum per contract as a fraction of the underlying price.
     * {@code correlations} is {@code null} until {@link GatewayConfig} resolves it to the defaults between
     * configured assets.
     */
    public record MarginModelConfig(String type, Map<String, BigDecimal> shock, BigDecimal z, BigDecimal grossRate,
                                    BigDecimal imMultiplier, Map<String, BigDecimal> correlations,
                                    BigDecimal volShock, BigDecimal shortOptionMin) {
        public static final MarginModelConfig DEFAULT =
                new MarginModelConfig(null, null, null, null, null, null, null, null);

        public MarginModelConfig {
            type = type != null ? type : "PORTFOLIO";
            shock = shock != null ? Map.copyOf(shock) : Map.of();
            z = z != null ? z : new BigDecimal("2.33");
            grossRate = grossRate != null ? grossRate : new BigDecimal("0.004");
            imMultiplier = imMultiplier != null ? imMultiplier : new BigDecimal("1.5");
            correlations = correlations != null ? Map.copyOf(correlations) : null;
            volShock = volShock != null ? volShock : new BigDecimal("0.25");
            shortOptionMin = shortOptionMin != null ? shortOptionMin : new BigDecimal("0.01");
        }

        /** The model parameters before options existed: {@code volShock} and {@code shortOptionMin} default. */
        public MarginModelConfig(String type, Map<String, BigDecimal> shock, BigDecimal z, BigDecimal grossRate,
                                 BigDecimal imMultiplier, Map<String, BigDecimal> correlations) {
            this(type, shock, z, grossRate, imMultiplier, correlations, null, null);
        }

        /** Shock size for an underlying: the configured one, else 0.03. */
        public BigDecimal shockFor(String underlying) {
            return shock.getOrDefault(underlying, Defaults.SHOCK);
        }
    }

    /** {@code risk}: status thresholds, liquidation parameters and default alert thresholds (§5.4, §5.6). */
    public record RiskConfig(BigDecimal marginCall, BigDecimal reduceOnly, BigDecimal liquidation,
                             BigDecimal liquidationTarget, BigDecimal liquidationFeeRate,
                             List<BigDecimal> alertThresholds) {
        public static final RiskConfig DEFAULT = new RiskConfig(null, null, null, null, null, null);

        public RiskConfig {
            marginCall = marginCall != null ? marginCall : new BigDecimal("1.5");
            reduceOnly = reduceOnly != null ? reduceOnly : new BigDecimal("1.2");
            liquidation = liquidation != null ? liquidation : new BigDecimal("1.0");
            liquidationTarget = liquidationTarget != null ? liquidationTarget : new BigDecimal("1.25");
            liquidationFeeRate = liquidationFeeRate != null ? liquidationFeeRate : new BigDecimal("0.005");
            alertThresholds = alertThresholds != null ? List.copyOf(alertThresholds) : Defaults.ALERTS;
        }
    }

    /** {@code portfolioMargin}: eligibility for PM mode (§5.7). */
    public record PortfolioMarginConfig(BigDecimal minEquityUsd) {
        public static final PortfolioMarginConfig DEFAULT = new PortfolioMarginConfig(null);

        public PortfolioMarginConfig {
            minEquityUsd = minEquityUsd != null ? minEquityUsd : new BigDecimal("100000");
        }
    }

    /**
     * {@code limits}: every rate limit of §7; {@code connectionsPerIp}, the open TCP connections one IP may hold at
     * once (checked at accept; {@code trustedNetworks} are exempt); and {@code openOrdersPerAccount}, the open orders
     * an account may hold (§12).
     */
    public record LimitsConfig(Integer requestWeightPerMinute, Integer ordersPerMinute, Integer messagesPerSecond,
                               Integer messageBurst, Integer connectionsPerIpPer5Minutes,
                               Integer logonFailuresPerIpPerMinute, Integer banAfter429s,
                               Integer autoCollectionPerDay, Integer bnbTransfersPer10Minutes,
                               List<String> trustedNetworks, Integer connectionsPerIp,
                               Integer openOrdersPerAccount) {
        public static final LimitsConfig DEFAULT =
                new LimitsConfig(null, null, null, null, null, null, null, null, null, null, null, null);

        public LimitsConfig {
            requestWeightPerMinute = requestWeightPerMinute != null ? requestWeightPerMinute : 6000;
            ordersPerMinute = ordersPerMinute != null ? ordersPerMinute : 1200;
            messagesPerSecond = messagesPerSecond != null ? messagesPerSecond : 20;
            messageBurst = messageBurst != null ? messageBurst : 50;
            connectionsPerIpPer5Minutes = connectionsPerIpPer5Minutes != null ? connectionsPerIpPer5Minutes : 300;
            logonFailuresPerIpPerMinute = logonFailuresPerIpPerMinute != null ? logonFailuresPerIpPerMinute : 10;
            banAfter429s = banAfter429s != null ? banAfter429s : 50;
            autoCollectionPerDay = autoCollectionPerDay != null ? autoCollectionPerDay : 10;
            bnbTransfersPer10Minutes = bnbTransfersPer10Minutes != null ? bnbTransfersPer10Minutes : 10;
            trustedNetworks = trustedNetworks != null ? List.copyOf(trustedNetworks) : List.of();
            connectionsPerIp = connectionsPerIp != null ? connectionsPerIp : 500;
            openOrdersPerAccount = openOrdersPerAccount != null ? openOrdersPerAccount : 200;
        }
    }

    public GatewayConfig withBinance(BinanceConfig b) {
        return new GatewayConfig(server, dataDir, feed, prices, assets, instruments, marginModel, risk,
                portfolioMargin, limits, admin, accounts, syntheticAccounts, b, options, cluster);
    }

    /** {@code binance}: whether the Binance-compatible REST and stream surface (§11) is served; on by default. */
    public record BinanceConfig(Boolean enabled) {
        public static final BinanceConfig DEFAULT = new BinanceConfig(null);

        public BinanceConfig {
            enabled = enabled != null ? enabled : Boolean.TRUE;
        }
    }

    /** {@code admin}: whether the {@code admin.*} methods exist. */
    public record AdminConfig(Boolean enabled) {
        public static final AdminConfig DEFAULT = new AdminConfig(null);

        public AdminConfig {
            enabled = enabled != null ? enabled : Boolean.FALSE;
        }
    }

    /** An API key (§3): HMAC {@code secret} or {@code ed25519PublicKey} (base64, X.509 DER or raw 32 bytes). */
    public record KeyConfig(String apiKey, String secret, String ed25519PublicKey, List<String> permissions,
                            List<String> ipWhitelist, Boolean enabled) {
        public KeyConfig {
            permissions = permissions != null ? List.copyOf(permissions) : List.of("READ");
            ipWhitelist = ipWhitelist != null ? List.copyOf(ipWhitelist) : List.of();
            enabled = enabled != null ? enabled : Boolean.TRUE;
        }
    }

    /** A position given in config: one-way, signed amount (base units for UM, contracts for CM). */
    public record PositionConfig(String symbol, BigDecimal positionAmt, BigDecimal entryPrice) {
    }

    /**
     * An account created on first start. {@code balances} is wallet ({@code SPOT}, {@code CROSS_MARGIN}, {@code UM},
     * {@code CM}) → asset → amount.
     */
    public record AccountConfig(String id, Integer vipLevel, Boolean portfolioMargin, List<KeyConfig> keys,
                                Map<String, Map<String, BigDecimal>> balances, List<PositionConfig> positions) {
        public AccountConfig {
            vipLevel = vipLevel != null ? vipLevel : 0;
            portfolioMargin = portfolioMargin != null ? portfolioMargin : Boolean.TRUE;
            keys = keys != null ? List.copyOf(keys) : List.of();
            balances = balances != null ? Map.copyOf(balances) : Map.of();
            positions = positions != null ? List.copyOf(positions) : List.of();
        }
    }

    /**
     * {@code options} (§5.3a): European options on the underlyings named in {@code underlyings}, one series per
     * expiry in {@code expiries} (UTC dates {@code yyyy-MM-dd}; each settles at 08:00 UTC of that day), with a grid
     * of strikes around the start price of {@code <underlying>USDT} (see {@link OptionListing}). A given map replaces
     * the default one as a whole; {@code "underlyings": {}} lists no options.
     */
    public record OptionsConfig(List<String> expiries, Map<String, OptionUnderlyingConfig> underlyings) {
        public static final OptionsConfig DEFAULT = new OptionsConfig(null, null);

        public OptionsConfig {
            expiries = expiries != null ? List.copyOf(expiries) : Defaults.OPTION_EXPIRIES;
            underlyings = underlyings != null ? Map.copyOf(underlyings) : Defaults.OPTION_UNDERLYINGS;
        }
    }

    /**
     * The options of one underlying: strikes {@code atm + i·strikeStep} for {@code i} in
     * {@code [-strikesAround, strikesAround]} ({@code atm} = the start price rounded to the step; no step = a round
     * number near 8 % of the start price), order {@code stepSize} in contracts, and the implied-volatility surface the
     * marks start from: {@code σ(K, τ) = atmVol + skew·ln(K/F) + termSlope·τ} (annualized, τ in years, at least
     * 0.01).
     */
    public record OptionUnderlyingConfig(BigDecimal strikeStep, Integer strikesAround, BigDecimal stepSize,
                                         BigDecimal atmVol, BigDecimal skew, BigDecimal termSlope) {
        public OptionUnderlyingConfig {
            strikesAround = strikesAround != null ? strikesAround : 2;
            stepSize = stepSize != null ? stepSize : new BigDecimal("0.01");
            atmVol = atmVol != null ? atmVol : new BigDecimal("0.6");
            skew = skew != null ? skew : new BigDecimal("-0.1");
            termSlope = termSlope != null ? termSlope : new BigDecimal("0.05");
        }
    }

    /**
     * {@code syntheticAccounts}: {@code count} PM accounts {@code idPrefix + i} for load tests, each with the
     * balances and small hedged book of {@link Defaults#syntheticAccount}; key {@code i} is {@code idPrefix + i}
     * with secret {@code hex(HMAC-SHA256(secretSeed, apiKey))}.
     */
    public record SyntheticAccountsConfig(Integer count, String idPrefix, String secretSeed) {
        public static final SyntheticAccountsConfig DEFAULT = new SyntheticAccountsConfig(null, null, null);

        public SyntheticAccountsConfig {
            count = count != null ? count : 0;
            idPrefix = idPrefix != null ? idPrefix : "load-";
            secretSeed = secretSeed != null ? secretSeed : "change-me";
        }
    }

    /**
     * {@code cluster} (PROTOCOL.md §13, docs/CLUSTER.md): which part of a cluster this process is. {@code role}
     * {@code "single"} (the default: the embedded engine, no broker), {@code "gateway"} (sessions, auth, rate limits
     * and fan-out; commands go to the shards over NATS) or {@code "shard"} (the single writer of the accounts with
     * {@code ShardRule.shardOf(id, shards) == shard}, with its own {@code dataDir} and journal; shard 0 is also the
     * cluster's one mark source). {@code natsUrl} is the broker (a comma-separated list for a NATS cluster);
     * {@code gateways} the number of gateway nodes, which share each per-key rate limit; a command not answered
     * within {@code requestTimeoutMillis} is answered {@code -1008} (queries) or {@code -1007} (changes).
     */
    public record ClusterConfig(String role, String natsUrl, Integer shards, Integer shard, Integer gateways,
                                Integer requestTimeoutMillis, String nodeId) {
        public static final ClusterConfig DEFAULT = new ClusterConfig(null, null, null, null, null, null, null);
        public static final String SINGLE = "single";
        public static final String GATEWAY = "gateway";
        public static final String SHARD = "shard";

        public ClusterConfig {
            role = role != null ? role : SINGLE;
            natsUrl = natsUrl != null ? natsUrl : "nats://127.0.0.1:4222";
            shards = shards != null ? shards : 1;
            shard = shard != null ? shard : 0;
            gateways = gateways != null ? gateways : 1;
            requestTimeoutMillis = requestTimeoutMillis != null ? requestTimeoutMillis : 3000;
            nodeId = nodeId != null ? nodeId : role + (SHARD.equals(role) ? "-" + shard : "");
        }

        /** Whether this process runs the engine of account {@code accountId} (always, outside cluster mode). */
        public boolean owns(String accountId) {
            return !SHARD.equals(role) || ShardRule.shardOf(accountId, shards) == shard;
        }

        public boolean isGateway() {
            return GATEWAY.equals(role);
        }

        public boolean isShard() {
            return SHARD.equals(role);
        }
    }
}
