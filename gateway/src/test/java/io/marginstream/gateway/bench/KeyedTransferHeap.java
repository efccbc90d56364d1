package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.session.EngineCommands;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.Request;
import io.marginstream.protocol.message.Method;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The live heap a keyed transfer leaves behind in the engine: the load test's {@code keyedTransfer} (USDT 1,
 * alternately SPOT → CROSS_MARGIN and back, a unique {@code clientTranId} each), decoded from its JSON text as the
 * gateway decodes a request ({@link ProtocolJson#parseRequest}, {@link Params#of}, {@link EngineCommands#command})
 * and applied with {@link MarginEngine#replay} to an engine of synthetic accounts, round-robin, one millisecond
 * apart (all within the 24-hour retention). Before and after, a {@code GC.class_histogram} of this JVM (what
 * {@code jcmd <pid> GC.class_histogram} prints: live objects after a full GC) is taken; the difference of its totals
 * divided by the transfers is the retained bytes and objects per keyed transfer, the account's transfer history
 * included (under its cap of 1,000 per account as long as {@code transfers / accounts} is). Prints the totals and
 * the classes that grew most. Usage: {@code KeyedTransferHeap [transfers] [accounts]} (defaults 200000 2000).
 */
public final class KeyedTransferHeap {
    private static final long T0 = 1_767_261_600_000L;
    private static final int TOP_CLASSES = 15;

    private KeyedTransferHeap() {}

    public static void main(String[] args) throws Exception {
        int transfers = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        GatewayConfig base = GatewayConfig.empty()
                .withSyntheticAccounts(new GatewayConfig.SyntheticAccountsConfig(accounts, null, null));
        GatewayConfig config = base.withFeed(base.feed().withEnabled(false));
        MarginEngine engine = new MarginEngine(config, () -> T0, EngineListener.NONE, CommandJournal.NONE);
        long seq = 0;
        for (int a = 0; a < accounts; a++) {
            engine.replay(++seq, T0, command(a, "warm-" + a, false));
        }
        Histogram before = Histogram.take();
        for (int i = 0; i < transfers; i++) {
            int a = i % accounts;
            engine.replay(++seq, T0 + 1 + i, command(a, "lt-" + a + "-" + i, (i / accounts) % 2 == 0));
        }
        Histogram after = Histogram.take();
        Reference.reachabilityFence(engine);
        long bytes = after.bytes - before.bytes;
        long objects = after.instances - before.instances;
        System.out.printf(Locale.ROOT, "%,d keyed transfers over %,d accounts%n", transfers, accounts);
        System.out.printf(Locale.ROOT, "live heap before: %,d B in %,d objects; after: %,d B in %,d objects%n",
                before.bytes, before.instances, after.bytes, after.instances);
        System.out.printf(Locale.ROOT, "retained per keyed transfer: %.1f B, %.2f objects%n",
                (double) bytes / transfers, (double) objects / transfers);
        System.out.println("grown classes (bytes per transfer, objects per transfer):");
        List<Map.Entry<String, long[]>> grown = new ArrayList<>(after.delta(before).entrySet());
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(TOP_CLASSES, grown.size()))) {
            System.out.printf(Locale.ROOT, "  %8.1f B  %6.2f  %s%n", (double) e.getValue()[1] / transfers,
                    (double) e.getValue()[0] / transfers, e.getKey());
        }
    }

    /** The load test's keyed transfer for account {@code load-a}, decoded as the gateway decodes it. */
    private static EngineCommand command(int a, String clientTranId, boolean out) {
        String text = "{\"id\":1,\"method\":\"transfer\",\"params\":{\"asset\":\"USDT\",\"amount\":\"1\",\"from\":\""
                + (out ? "CROSS_MARGIN" : "SPOT") + "\",\"to\":\"" + (out ? "SPOT" : "CROSS_MARGIN")
                + "\",\"clientTranId\":\"" + clientTranId + "\"}}";
        Request r = ProtocolJson.parseRequest(text);
        Method m = Method.byName(r.method());
        return EngineCommands.command(m, "load-" + a, Params.of(r.params(), m.params()));
    }

    /** The totals and per-class figures of one {@code GC.class_histogram}. */
    private record Histogram(long instances, long bytes, Map<String, long[]> classes) {
        static Histogram take() throws Exception {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Map<String, long[]> classes = new HashMap<>();
            long instances = -1;
            long bytes = -1;
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("Total")) {
                    instances = Long.parseLong(f[1]);
                    bytes = Long.parseLong(f[2]);
                } else if (f.length >= 4 && f[0].endsWith(":")) {
                    classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
            if (instances < 0) {
                throw new IllegalStateException("no Total line in the class histogram:\n" + text);
            }
            return new Histogram(instances, bytes, classes);
        }

        /** Per class: {instances, bytes} grown since {@code earlier}. */
        Map<String, long[]> delta(Histogram earlier) {
            Map<String, long[]> out = new HashMap<>();
            classes.forEach((name, v) -> {
                long[] e = earlier.classes.getOrDefault(name, new long[2]);
                out.put(name, new long[] {v[0] - e[0], v[1] - e[1]});
            });
            return out;
        }
    }
}
