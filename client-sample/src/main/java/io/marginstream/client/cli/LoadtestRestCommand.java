package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.load.rest.RestLoadOptions;
import io.marginstream.client.load.rest.RestLoadTester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.concurrent.Callable;

/**
 * {@code msc loadtest-rest}: the REST mode of the load tester on the Binance-compatible surface (docs/BINANCE.md,
 * "Measured"), its options read into a {@link RestLoadOptions} (defaults from {@link RestLoadOptions#defaults()}).
 * {@code --url} is the gateway's HTTP base URL here. Exit code 0 when every call was answered without error.
 */
@Command(name = "loadtest-rest", description = "REST load on the Binance-compatible surface: signed /papi calls at a "
        + "fixed rate plus /pm/ws listenKey sockets (docs/BINANCE.md).", sortOptions = false)
final class LoadtestRestCommand implements Callable<Integer> {
    private static final RestLoadOptions D = RestLoadOptions.defaults();
    private final CliContext ctx;

    @Option(names = "--rate", paramLabel = "N", description = "requests per second, all kinds (default 1000)")
    Integer rate;
    @Option(names = "--order-share", paramLabel = "F", description = "share of orders, 0..1 (default 0.5)")
    Double orderShare;
    @Option(names = "--duration-seconds", paramLabel = "S", description = "measured seconds (default 30)")
    Integer durationSeconds;
    @Option(names = "--warmup-seconds", paramLabel = "S", description = "seconds before measuring (default 5)")
    Integer warmupSeconds;
    @Option(names = "--connections", paramLabel = "N", description = "keep-alive connections (default 64)")
    Integer connections;
    @Option(names = "--id-prefix", paramLabel = "P", description = "the gateway's syntheticAccounts.idPrefix "
            + "(default load-)")
    String idPrefix;
    @Option(names = "--secret-seed", paramLabel = "S", description = "the gateway's syntheticAccounts.secretSeed")
    String secretSeed;
    @Option(names = "--accounts", paramLabel = "N", description = "synthetic accounts to rotate over (default 200)")
    Integer accounts;
    @Option(names = "--listen-keys", paramLabel = "N", description = "accounts that also hold a /pm/ws socket "
            + "(default 50)")
    Integer listenKeys;

    LoadtestRestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The run these options describe; a usage error names the first bad setting. */
    RestLoadOptions options() {
        return new RestLoadOptions(ctx.root().url != null ? URI.create(ctx.root().url) : D.url(), or(rate, D.rate()),
                or(orderShare, D.orderShare()), or(durationSeconds, D.durationSeconds()),
                or(warmupSeconds, D.warmupSeconds()), or(connections, D.connections()), or(idPrefix, D.idPrefix()),
                or(secretSeed, D.secretSeed()), or(accounts, D.accounts()), or(listenKeys, D.listenKeys())).validate();
    }

    private static <T> T or(T v, T dflt) {
        return v != null ? v : dflt;
    }

    @Override
    public Integer call() {
        RestLoadOptions o = options();
        try {
            return new RestLoadTester(o, ctx.out()).run().allOk() ? Cli.OK : Cli.REJECTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.CONNECTION;
        } catch (IllegalStateException e) {
            ctx.err().println("REST load test failed: " + e.getMessage());
            return Cli.CONNECTION;
        }
    }
}
