package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import io.marginstream.client.UsageException;
import io.marginstream.protocol.message.OrderPlaceParams;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.Locale;

/** {@code msc order}: {@code order.place} of any type. */
@Command(name = "order", description = "Place an order (order.place): MARKET fills at once at the mark; LIMIT rests "
        + "at --price until the mark reaches it; STOP_MARKET and TAKE_PROFIT_MARKET fill at the mark once it reaches "
        + "--stop-price.",
        footerHeading = "%n", footer = {"A LIMIT needs --price and --tif: GTC rests until filled or canceled, IOC and "
        + "FOK fill at once or expire, GTX (post only) is refused if it would fill at once. Open orders hold initial "
        + "margin; see 'msc orders' and 'msc cancel'."})
final class OrderCommand extends AccountCommand {
    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL",
            description = "e.g. BTCUSDT, or an option such as BTC-261225-60000-C")
    String symbol;

    @Option(names = "--side", required = true, paramLabel = "SIDE", description = "BUY or SELL")
    Side side;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "MARKET",
            description = "MARKET (default), LIMIT, STOP_MARKET or TAKE_PROFIT_MARKET")
    OrderType type;

    @Option(names = "--quantity", paramLabel = "Q",
            description = "in the coin (UM), in contracts (CM; options: 1 contract = 1 coin), a multiple of the "
                    + "symbol's stepSize")
    BigDecimal quantity;

    @Option(names = "--price", paramLabel = "P", description = "the limit price of a LIMIT order")
    BigDecimal price;

    @Option(names = "--tif", paramLabel = "TIF", description = "time in force of a LIMIT order: GTC, IOC, FOK or GTX")
    TimeInForce timeInForce;

    @Option(names = "--stop-price", paramLabel = "P",
            description = "the mark that triggers a STOP_MARKET or TAKE_PROFIT_MARKET order")
    BigDecimal stopPrice;

    @Option(names = "--close-position", description = "a stop that closes the whole position when it triggers")
    boolean closePosition;

    @Option(names = "--reduce-only", description = "only reduce the position, never open or flip it")
    boolean reduceOnly;

    @Option(names = "--client-order-id", paramLabel = "ID",
            description = "your id for the order (1-36 characters), unique among the open orders")
    String clientOrderId;

    OrderCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        if (quantity == null && !closePosition) {
            throw new UsageException("--quantity is needed (or --close-position for a stop)");
        }
        out.object(await(client.orders().place(new OrderPlaceParams(symbol.toUpperCase(Locale.ROOT), side, type,
                quantity, price, stopPrice, timeInForce, reduceOnly, closePosition, clientOrderId))));
        return Cli.OK;
    }
}
