package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.Locale;

/** {@code msc order}: a MARKET order ({@code order.place}). */
@Command(name = "order", description = "Place a MARKET order, filled at once at the mark price (order.place).")
final class OrderCommand extends AccountCommand {
    /** Order sides; given in any case on the command line. */
    enum Side { BUY, SELL }

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "e.g. BTCUSDT")
    String symbol;

    @Option(names = "--side", required = true, paramLabel = "SIDE", description = "BUY or SELL")
    Side side;

    @Option(names = "--quantity", required = true, paramLabel = "Q",
            description = "in the coin (UM) or in contracts (CM), a multiple of the symbol's stepSize")
    BigDecimal quantity;

    @Option(names = "--reduce-only", description = "only reduce the position, never open or flip it")
    boolean reduceOnly;

    OrderCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        out.object(await(client.placeOrder(symbol.toUpperCase(Locale.ROOT), side.name(), quantity, reduceOnly)));
        return Cli.OK;
    }
}
