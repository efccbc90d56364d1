package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** {@code msc positions}: {@code account.positions} as a table. */
@Command(name = "positions", description = "Open positions with mark, PnL and margins (account.positions).",
        footerHeading = "%n", footer = {"Columns: fs = the futures wallet the position belongs to: UM (USDⓈ-M, "
        + "USDT-margined: positionAmt in the coin, PnL in USDT) or CM (COIN-M, coin-margined: positionAmt in "
        + "contracts, unRealizedProfit in the coin); notional in USD; maintMargin and initialMargin are the "
        + "position's share of the account's margins."})
final class PositionsCommand extends AccountCommand {
    static final List<String> COLUMNS = List.of("symbol", "fs", "positionAmt", "entryPrice", "markPrice",
            "unRealizedProfit", "notional", "maintMargin", "initialMargin");

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol, e.g. BTCUSDT")
    String symbol;

    PositionsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        out.table(await(client.positions(symbol == null ? null : symbol.toUpperCase(Locale.ROOT))), COLUMNS);
        return Cli.OK;
    }
}
