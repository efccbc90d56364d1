package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** {@code msc orders}: {@code openOrders} (or {@code allOrders}) as a table, newest first. */
@Command(name = "orders", description = "Open orders, newest first (openOrders); with --all also the recently "
        + "closed ones (allOrders).",
        footerHeading = "%n", footer = {"Columns: price is a LIMIT order's price, stopPrice a stop's trigger (0 when "
        + "absent); origQty is what was asked (0 for a close-position stop); status NEW while open, then FILLED, "
        + "CANCELED or EXPIRED."})
final class OrdersCommand extends AccountCommand {
    static final List<String> COLUMNS = List.of("orderId", "clientOrderId", "symbol", "side", "type", "timeInForce",
            "origQty", "price", "stopPrice", "status", "executedQty", "avgPrice", "time");

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol, e.g. BTCUSDT")
    String symbol;

    @Option(names = "--all", description = "open and recently closed orders (allOrders)")
    boolean all;

    @Option(names = "--limit", paramLabel = "N", description = "with --all: at most N orders (1-1000, default 500)")
    Integer limit;

    OrdersCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        String s = symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
        out.table(await(all ? client.orders().all(s, limit) : client.orders().open(s)), COLUMNS);
        return Cli.OK;
    }
}
