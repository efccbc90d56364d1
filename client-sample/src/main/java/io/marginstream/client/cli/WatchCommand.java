package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import io.marginstream.client.GatewayListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code msc watch}: live {@code marginRatio} and {@code userData} until Ctrl-C or {@code --seconds}. */
@Command(name = "watch", description = "Live uniMMR, equity and status, one line per marginRatio update, plus "
        + "each balance change (wallet and cause), fill, status change and alert. Reconnects by itself.",
        footerHeading = "%n", footer = {"Columns: time = the event's time (UTC); uniMMR, accountEquity, actualEquity, "
        + "maintMargin and status as in 'msc status'; U = the account's update id: it grows by one with every "
        + "account event, so a jump means events were missed (watch then re-reads the account).",
        "Balance lines: BALANCE <wallet> <asset> <change> <cause> (transfer <tranId> <from> -> <to>, order, "
                + "deposit, ...)."})
final class WatchCommand extends AccountCommand {
    @Option(names = "--seconds", paramLabel = "N", defaultValue = "0",
            description = "stop after N seconds (default: until Ctrl-C)")
    int seconds;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
            description = "at most one marginRatio update per MS (default ${DEFAULT-VALUE}; 0 = every change)")
    int intervalMs;

    private WatchPrinter printer;

    WatchCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    boolean reconnects() {
        return true;
    }

    @Override
    GatewayListener listener() {
        printer = new WatchPrinter(ctx, ctx.output());
        return printer;
    }

    @Override
    int run(GatewayClient client, Output out) {
        printer.client = client;
        await(client.subscribe(List.of("marginRatio", "userData"), intervalMs));
        if (!out.json) {
            printer.header();
        }
        Thread hook = new Thread(() -> {
            client.close();
            printer.done.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (seconds > 0) {
                printer.done.await(seconds, TimeUnit.SECONDS);
            } else {
                printer.done.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped by whoever runs the command: a normal end
        } finally {
            printer.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what ended the wait
            }
        }
        return printer.fatal ? Cli.CONNECTION : Cli.OK;
    }
}
