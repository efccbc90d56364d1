package io.marginstream.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.client.Cli;
import io.marginstream.client.GatewayClient;
import io.marginstream.client.UsageException;
import io.marginstream.protocol.ProtocolJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code msc risk [show]} and {@code msc risk update}: the account's risk settings (§5.5) as {@code setting  value}
 * lines (lists comma-separated, maps as {@code key=value}) and a per-symbol leverage table.
 */
@Command(name = "risk", description = "The account's risk settings (account.riskSettings); 'risk update' changes them.")
final class RiskCommand extends AccountCommand {
    RiskCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run(GatewayClient client, Output out) {
        print(await(client.riskSettings()), out);
        return Cli.OK;
    }

    /** The settings as {@code setting  value} lines, then leverage per symbol. */
    static void print(JsonNode s, Output out) {
        if (out.printedJson(s)) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        s.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("leverage")) {
                rows.add(new String[] {e.getKey(), out.text(e.getKey(), e.getValue())});
            }
        });
        out.keyValues(rows);
        JsonNode leverage = s.path("leverage");
        if (leverage.isObject() && !leverage.isEmpty()) {
            out.out.println();
            List<List<String>> lev = new ArrayList<>();
            leverage.fields().forEachRemaining(e -> lev.add(List.of(e.getKey(), e.getValue().asText())));
            out.grid(List.of("symbol", "leverage"), lev);
        }
    }

    /** {@code msc risk show}: the same as {@code msc risk}. */
    @Command(name = "show", description = "Show the risk settings (what 'risk' alone does).")
    static final class Show extends AccountCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        int run(GatewayClient client, Output out) {
            print(await(client.riskSettings()), out);
            return Cli.OK;
        }
    }

    /** {@code msc risk update}. */
    @Command(name = "update", description = "Change risk settings (account.riskSettings.update); prints the new ones.")
    static final class Update extends AccountCommand {
        @Option(names = "--multiplier", paramLabel = "X", description = "riskMultiplier, 0.8 to 1.5")
        BigDecimal multiplier;

        @Option(names = "--alert-thresholds", split = ",", paramLabel = "A,B,C",
                description = "uniMMR levels that raise marginAlert, e.g. 1.2,1.1")
        List<BigDecimal> alertThresholds;

        @Option(names = "--excluded-symbols", split = ",", paramLabel = "S,T",
                description = "symbols margined by TIERED brackets instead of the portfolio model")
        List<String> excludedSymbols;

        Update(CliContext ctx) {
            super(ctx);
        }

        @Override
        int run(GatewayClient client, Output out) {
            ObjectNode settings = ProtocolJson.mapper().createObjectNode();
            if (multiplier != null) {
                settings.put("riskMultiplier", multiplier.toPlainString());
            }
            if (alertThresholds != null) {
                ArrayNode arr = settings.putArray("alertThresholds");
                alertThresholds.forEach(t -> arr.add(t.toPlainString()));
            }
            if (excludedSymbols != null) {
                ArrayNode arr = settings.putArray("excludedSymbols");
                excludedSymbols.stream().filter(x -> !x.isBlank())
                        .forEach(x -> arr.add(x.trim().toUpperCase(Locale.ROOT)));
            }
            if (settings.isEmpty()) {
                throw new UsageException("risk update needs --multiplier, --alert-thresholds or --excluded-symbols");
            }
            print(await(client.updateRiskSettings(settings)), out);
            return Cli.OK;
        }
    }
}
