package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.message.Side;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md §9 at the engine level: the real engine with the real storage runs in a child process with 8
 * concurrent clients sending transfers and orders; it is killed with SIGKILL mid-burst at several points, restarted
 * on the same directory each time; in the end every acknowledged transfer is present exactly once (by
 * clientTranId, and by its effect on the balance), nothing unacknowledged is half-applied, every account's USDT is
 * conserved, and the accepted orders are the acknowledged ones plus at most the ones in flight at a kill.
 */
class EngineCrashTest {
    @TempDir
    Path dataDir;

    /** What the parent saw of one client thread in one round. */
    private static final class ThreadLog {
        int lastCompleted = -1;
    }

    private final Set<String> ackedTransfers = new HashSet<>();
    private final Set<String> inFlightTransfers = new HashSet<>();
    private final Map<String, BigDecimal> ackedOrderQty = new HashMap<>();
    private final Map<String, Integer> inFlightOrders = new HashMap<>();
    private int ackedOrders;

    @Test
    void killDashNine_midBurst_acknowledgedCommandsExactlyOnce_assetsConserved() throws Exception {
        int[] acksBeforeKill = {600, 1_500, 40};
        for (int round = 0; round < acksBeforeKill.length; round++) {
            runAndKill(round, acksBeforeKill[round]);
        }
        EngineState state;
        try (EngineStorage storage = EngineStorage.open(dataDir, EngineCrashMain.options())) {
            MarginEngine engine = new MarginEngine(EngineCrashMain.config(), System::currentTimeMillis,
                    EngineListener.NONE, storage.journal());
            storage.recover(engine);
            engine.close();
            state = engine.snapshot();
        }
        EngineState initial = new MarginEngine(EngineCrashMain.config(), System::currentTimeMillis,
                EngineListener.NONE, CommandJournal.NONE).snapshot();

        Set<String> present = new HashSet<>();
        int presentInFlight = 0;
        for (int a = 0; a < state.accounts().size(); a++) {
            EngineState.AccountState acc = state.accounts().get(a);
            EngineState.AccountState init = initial.accounts().get(a);
            BigDecimal spotDelta = BigDecimal.ZERO;
            for (EngineState.ClientTranIdEntry e : acc.clientTranIds()) {
                String id = e.clientTranId();
                assertTrue(present.add(id), "clientTranId " + id + " twice");
                assertTrue(ackedTransfers.contains(id) || inFlightTransfers.contains(id),
                        "transfer " + id + " was never submitted");
                presentInFlight += inFlightTransfers.contains(id) ? 1 : 0;
                spotDelta = id.endsWith("-C2S") ? spotDelta.add(EngineCrashMain.TRANSFER)
                        : spotDelta.subtract(EngineCrashMain.TRANSFER);
            }
            assertEquals(0, usdt(init, "SPOT").add(spotDelta).compareTo(usdt(acc, "SPOT")),
                    acc.id() + ": SPOT USDT moved by exactly the transfers present");
            assertEquals(0, totalUsdt(init).compareTo(totalUsdt(acc)), acc.id() + ": USDT conserved");

            BigDecimal acked = ackedOrderQty.getOrDefault(acc.id(), BigDecimal.ZERO);
            BigDecimal slack = EngineCrashMain.ORDER_QTY.multiply(
                    BigDecimal.valueOf(inFlightOrders.getOrDefault(acc.id(), 0)));
            BigDecimal drift = ethPosition(acc).subtract(ethPosition(init).add(acked)).abs();
            assertTrue(drift.compareTo(slack) <= 0, acc.id() + ": ETHUSDT position off by " + drift
                    + ", more than the orders in flight could explain");
        }
        Set<String> missing = new HashSet<>(ackedTransfers);
        missing.removeAll(present);
        assertTrue(missing.isEmpty(), "acknowledged transfers lost: " + missing);
        assertTrue(ackedTransfers.size() > 1_000, "a real burst: " + ackedTransfers.size() + " transfers acked");
        assertTrue(presentInFlight <= inFlightTransfers.size());

        long acceptedOrders = state.nextOrderId() - initial.nextOrderId();
        int inFlight = inFlightOrders.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(acceptedOrders >= ackedOrders && acceptedOrders <= ackedOrders + inFlight,
                acceptedOrders + " orders applied, " + ackedOrders + " acknowledged, " + inFlight + " in flight");
    }

    private static BigDecimal usdt(EngineState.AccountState a, String wallet) {
        return a.balances().getOrDefault(wallet, Map.of()).getOrDefault("USDT", BigDecimal.ZERO);
    }

    private static BigDecimal totalUsdt(EngineState.AccountState a) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, BigDecimal> w : a.balances().values()) {
            sum = sum.add(w.getOrDefault("USDT", BigDecimal.ZERO));
        }
        return sum;
    }

    private static BigDecimal ethPosition(EngineState.AccountState a) {
        return a.positions().stream().filter(p -> p.symbol().equals("ETHUSDT"))
                .map(EngineState.PositionState::positionAmt).findFirst().orElse(BigDecimal.ZERO);
    }

    private void runAndKill(int round, int acksBeforeKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                EngineCrashMain.class.getName(), dataDir.toString(), Integer.toString(round))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ThreadLog[] logs = new ThreadLog[EngineCrashMain.THREADS];
        for (int t = 0; t < logs.length; t++) {
            logs[t] = new ThreadLog();
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture.runAsync(() -> {
                try {
                    int acks = 0;
                    String line;
                    // SIGKILL through the handle, which leaves our end of the pipe open: read to the end, since
                    // acknowledgements printed before the kill landed still count
                    while ((line = in.readLine()) != null) {
                        String[] f = line.split(" ");
                        if (f[0].equals("ACK") || f[0].equals("REJ")) {
                            int t = Integer.parseInt(f[1]);
                            int i = Integer.parseInt(f[2]);
                            logs[t].lastCompleted = i;
                            if (f[0].equals("ACK")) {
                                recordAck(EngineCrashMain.command(round, t, i));
                                if (++acks == acksBeforeKill) {
                                    child.toHandle().destroyForcibly();
                                }
                            }
                        }
                    }
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(120, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        for (int t = 0; t < logs.length; t++) {
            EngineCommand next = EngineCrashMain.command(round, t, logs[t].lastCompleted + 1);
            if (next instanceof EngineCommand.Transfer tr) {
                inFlightTransfers.add(tr.clientTranId());
            } else if (next instanceof EngineCommand.PlaceOrder o) {
                inFlightOrders.merge(o.accountId(), 1, Integer::sum);
            }
        }
    }

    private void recordAck(EngineCommand cmd) {
        if (cmd instanceof EngineCommand.Transfer tr) {
            ackedTransfers.add(tr.clientTranId());
        } else if (cmd instanceof EngineCommand.PlaceOrder o) {
            ackedOrders++;
            BigDecimal signed = o.side() == Side.BUY ? o.quantity() : o.quantity().negate();
            ackedOrderQty.merge(o.accountId(), signed, BigDecimal::add);
        }
    }
}
