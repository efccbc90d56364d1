package io.marginstream.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** {@code msc collect}: {@code autoCollection}, what moved as a table. */
@Command(name = "collect", description = "Auto-collection: positive UM and CM balances into CROSS_MARGIN "
        + "(autoCollection; BNB in UM stays; 10 uses per UTC day by default).")
final class CollectCommand extends AccountCommand {
    CollectCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        JsonNode r = await(client.autoCollection());
        if (out.printedJson(r)) {
            return Cli.OK;
        }
        JsonNode moved = r.path("collected");
        out.out.printf("%s: moved %d balance%s into CROSS_MARGIN (tranId %s; used %s of %s today)%n",
                r.path("msg").asText(), moved.size(), moved.size() == 1 ? "" : "s", r.path("tranId").asText(),
                r.path("usedToday").asText(), r.path("limitPerDay").asText());
        if (!moved.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            moved.forEach(m -> rows.add(List.of(m.path("asset").asText(), m.path("from").asText(),
                    m.path("amount").asText())));
            out.grid(List.of("asset", "from", "amount"), rows);
        }
        return Cli.OK;
    }
}
