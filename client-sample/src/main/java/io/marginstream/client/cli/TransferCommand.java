package io.marginstream.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@code msc transfer}: moves funds between wallets. With {@code --client-tran-id} it first reads the newest
 * {@code tranId} of the account's history: tranIds only grow, so a result whose tranId is not newer is the first
 * transfer's, replayed, and the command says that nothing moved.
 */
@Command(name = "transfer", description = "Move funds between wallets (transfer).",
        footerHeading = "%n", footer = {"Routes: SPOT <-> CROSS_MARGIN, UM -> CROSS_MARGIN, CM -> CROSS_MARGIN.",
        "A repeated --client-tran-id with the same parameters returns the first result and moves nothing (the "
                + "command says so); with other parameters it is rejected (-5002)."})
final class TransferCommand extends AccountCommand {
    @Option(names = "--asset", required = true, paramLabel = "ASSET", description = "e.g. USDT")
    String asset;

    @Option(names = "--amount", required = true, paramLabel = "X", description = "a positive decimal")
    BigDecimal amount;

    @Option(names = "--from", required = true, paramLabel = "WALLET", description = "SPOT, CROSS_MARGIN, UM or CM")
    Wallet from;

    @Option(names = "--to", required = true, paramLabel = "WALLET", description = "SPOT, CROSS_MARGIN, UM or CM")
    Wallet to;

    @Option(names = "--client-tran-id", paramLabel = "ID",
            description = "idempotency key (1-36 characters): a retry with it cannot move twice")
    String clientTranId;

    TransferCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        long newestBefore = clientTranId == null ? -1 : newestTranId(client);
        JsonNode r = await(client.transfer(asset.toUpperCase(Locale.ROOT), amount, from.name(), to.name(),
                clientTranId));
        out.object(r);
        if (!out.json && clientTranId != null && r.path("tranId").asLong() <= newestBefore) {
            out.out.println("replayed: clientTranId '" + clientTranId + "' was used before with these parameters; "
                    + "this is the first transfer's result (tranId " + r.path("tranId").asLong()
                    + "), nothing moved");
        }
        return Cli.OK;
    }

    private long newestTranId(GatewayClient client) {
        JsonNode history = await(client.transferHistory(1));
        return history.isArray() && !history.isEmpty() ? history.get(0).path("tranId").asLong() : -1;
    }
}
