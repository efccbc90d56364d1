package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import io.marginstream.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code msc cancel}: {@code order.cancel} of one open order, or {@code order.cancelAll} of a symbol. */
@Command(name = "cancel", description = "Cancel an open order by --order-id or --client-order-id (order.cancel), "
        + "or every open order of the symbol with --all (order.cancelAll).")
final class CancelCommand extends AccountCommand {
    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "the order's symbol")
    String symbol;

    @Option(names = "--order-id", paramLabel = "N", description = "the order's orderId")
    Long orderId;

    @Option(names = "--client-order-id", paramLabel = "ID", description = "the order's clientOrderId")
    String clientOrderId;

    @Option(names = "--all", description = "every open order of the symbol")
    boolean all;

    CancelCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        String s = symbol.toUpperCase(Locale.ROOT);
        if (all == (orderId != null || clientOrderId != null)) {
            throw new UsageException("give --order-id or --client-order-id, or --all");
        }
        if (all) {
            out.table(await(client.orders().cancelAll(s)), OrdersCommand.COLUMNS);
        } else {
            out.object(await(client.orders().cancel(s, orderId, clientOrderId)));
        }
        return Cli.OK;
    }
}
