package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Creates the configured accounts ({@code accounts}, then {@code syntheticAccounts}; on a cluster shard only those
 * it owns, {@code ShardRule}) on a fresh engine: ledgers,
 * positions, default risk settings, and a first evaluation without events. Runs on the constructing thread.
 */
final class AccountSetup {
    private final EngineCore core;

    AccountSetup(EngineCore core) {
        this.core = core;
    }

    void createConfigured(GatewayConfig config, long now) {
        GatewayConfig.ClusterConfig cluster = config.cluster();
        for (AccountConfig ac : config.accounts()) {
            if (cluster.owns(ac.id())) {
                create(ac, now);
            }
        }
        GatewayConfig.SyntheticAccountsConfig syn = config.syntheticAccounts();
        if (syn.count() < 0) {
            throw new IllegalArgumentException("syntheticAccounts.count must be >= 0");
        }
        for (int i = 0; i < syn.count(); i++) {
            if (cluster.owns(syn.idPrefix() + i)) {
                create(Defaults.syntheticAccount(syn.idPrefix() + i, List.of()), now);
            }
        }
        core.accounts.publishIds();
    }

    private void create(AccountConfig ac, long now) {
        String where = "accounts." + ac.id();
        if (ac.id() == null || ac.id().isEmpty()) {
            throw new IllegalArgumentException("accounts: an account has no id");
        }
        if (core.accounts.has(ac.id())) {
            throw new IllegalArgumentException("accounts: duplicate account id " + ac.id());
        }
        Account a = new Account(ac.id(), core.accounts.nextIndex(), core.market);
        a.vipLevel = ac.vipLevel();
        a.portfolioMargin = ac.portfolioMargin();
        a.updateTime = now;
        for (Map.Entry<String, Map<String, BigDecimal>> w : ac.balances().entrySet()) {
            Wallet wallet;
            try {
                wallet = Wallet.valueOf(w.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".balances." + w.getKey() + ": unknown wallet");
            }
            for (Map.Entry<String, BigDecimal> b : w.getValue().entrySet()) {
                int asset = core.market.asset(b.getKey());
                if (asset < 0) {
                    throw new IllegalArgumentException(where + ".balances." + w.getKey() + "." + b.getKey()
                            + ": unknown asset");
                }
                a.set(wallet, asset, b.getValue());
            }
        }
        for (PositionConfig pc : ac.positions()) {
            int s = core.market.symbol(pc.symbol());
            String pw = where + ".positions." + pc.symbol();
            if (s < 0) {
                throw new IllegalArgumentException(pw + ": unknown symbol");
            }
            if (!a.portfolioMargin) {
                throw new IllegalArgumentException(pw + ": a classic-mode account cannot hold positions");
            }
            if (pc.positionAmt() == null || pc.positionAmt().signum() == 0 || pc.entryPrice() == null
                    || pc.entryPrice().signum() <= 0 || a.positions[s] != null) {
                throw new IllegalArgumentException(pw + ": needs a non-zero positionAmt, an entryPrice > 0, once");
            }
            a.positions[s] = new Position(s, pc.positionAmt(), pc.entryPrice());
        }
        a.settings = core.rules.defaults();
        core.rules.applyTo(a.settings, a.book);
        a.alertThresholdsE8 = core.rules.alertsE8(a.settings);
        core.accounts.add(a);
        core.evaluator.settle(a, now, true);
    }
}
