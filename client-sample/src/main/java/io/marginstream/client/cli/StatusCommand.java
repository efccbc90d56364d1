package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;

/** {@code msc status}: {@code account.status} as key/value lines. */
@Command(name = "status", description = "uniMMR, equity, margins and the account status (account.status).",
        footerHeading = "%n", footer = {"uniMMR = accountEquity / accountMaintMargin ('-' when no margin is in use); "
        + "accountStatus: NORMAL above 1.5, MARGIN_CALL, REDUCE_ONLY below 1.2, FORCE_LIQUIDATION at 1.0 or below "
        + "(the defaults)."})
final class StatusCommand extends AccountCommand {
    StatusCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        out.object(await(client.status()));
        return Cli.OK;
    }
}
