package io.marginstream.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** {@code msc balance}: {@code account.balance} as a table, one row per asset (one row with {@code --asset}). */
@Command(name = "balance", description = "Balances per asset and wallet (account.balance).",
        footerHeading = "%n", footer = {"Columns: totalWalletBalance = cross margin + UM + CM wallets; crossMargin* = "
        + "the cross-margin wallet; umWalletBalance, cmWalletBalance = the USDⓈ-M and COIN-M futures wallets; "
        + "spotBalance = the SPOT wallet, outside portfolio margin (not collateral); negativeBalance = what a "
        + "wallet owes."})
final class BalanceCommand extends AccountCommand {
    static final List<String> COLUMNS = List.of("asset", "totalWalletBalance", "crossMarginFree",
            "crossMarginLocked", "umWalletBalance", "cmWalletBalance", "spotBalance", "negativeBalance");

    @Option(names = "--asset", paramLabel = "ASSET", description = "only this asset, e.g. BTC")
    String asset;

    BalanceCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        JsonNode r = await(client.balance(asset == null ? null : asset.toUpperCase(Locale.ROOT)));
        out.table(r, COLUMNS);
        return Cli.OK;
    }
}
