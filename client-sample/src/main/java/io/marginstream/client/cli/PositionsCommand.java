package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code msc positions}: {@code account.positions} as a table; with option positions (§5.3a) also their side,
 * strike, expiry and greeks.
 */
@Command(name = "positions", description = "Open positions with mark, PnL and margins (account.positions).",
        footerHeading = "%n", footer = {"Columns: fs = the futures wallet the position belongs to: UM (USDⓈ-M, "
        + "USDT-margined: positionAmt in the coin, PnL in USDT) or CM (COIN-M, coin-margined: positionAmt in "
        + "contracts, unRealizedProfit in the coin); notional in USD; maintMargin and initialMargin are the "
        + "position's share of the account's margins. Options (e.g. BTC-261225-60000-C, on the UM wallet, 1 "
        + "contract = 1 coin) add optionSide, strikePrice, expiryDate, markIV and the position's delta (coins), gamma "
        + "(per USD), vega (USDT per vol point) and theta (USDT per day); '-' on futures rows."})
final class PositionsCommand extends AccountCommand {
    static final List<String> COLUMNS = List.of("symbol", "fs", "positionAmt", "entryPrice", "markPrice",
            "unRealizedProfit", "notional", "maintMargin", "initialMargin");
    /** Shown when some position is an option. */
    static final List<String> OPTION_COLUMNS = List.of("optionSide", "strikePrice", "expiryDate", "markIV", "delta",
            "gamma", "vega", "theta");

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol, e.g. BTCUSDT")
    String symbol;

    PositionsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        JsonNode rows = await(client.positions(symbol == null ? null : symbol.toUpperCase(Locale.ROOT)));
        boolean options = false;
        for (JsonNode r : rows) {
            options |= r.hasNonNull("optionSide");
        }
        List<String> columns = COLUMNS;
        if (options) {
            columns = new ArrayList<>(COLUMNS);
            columns.addAll(OPTION_COLUMNS);
        }
        out.table(rows, columns);
        return Cli.OK;
    }
}
