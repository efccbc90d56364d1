package io.marginstream.gateway.journal;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Child process for {@link EngineCrashTest}: the real engine on the real storage (small segments, frequent
 * background snapshots), recovered from the data directory given as the first argument; {@value #THREADS} client
 * threads each submit commands {@link #command}{@code (round, thread, i)} for i = 0, 1, … and wait for each, printing
 * {@code ACK <thread> <i>} or {@code REJ <thread> <i> <code>} when it completes — the moment a gateway would reply.
 * Runs until killed.
 */
public final class EngineCrashMain {
    static final int THREADS = 8;
    static final String[] ACCOUNTS = {"load-0", "load-1", "load-2", "load-3"};
    static final BigDecimal TRANSFER = new BigDecimal("1.00");
    static final BigDecimal ORDER_QTY = new BigDecimal("0.010");

    private EngineCrashMain() {}

    static GatewayConfig config() {
        List<GatewayConfig.AccountConfig> accounts = new ArrayList<>();
        for (String id : ACCOUNTS) {
            accounts.add(Defaults.syntheticAccount(id, List.of()));
        }
        GatewayConfig c = GatewayConfig.empty().withAccounts(accounts);
        return c.withFeed(c.feed().withEnabled(false));
    }

    static EngineStorage.Options options() {
        return new EngineStorage.Options(64 * 1024, 2, 500, Duration.ofSeconds(1));
    }

    /**
     * The i-th command of a client thread in a round: two transfers (SPOT → CROSS_MARGIN, then back) and one
     * ETHUSDT market order (BUY, then SELL next time) out of every three. Transfer ids encode the direction.
     */
    static EngineCommand command(int round, int thread, int i) {
        String account = ACCOUNTS[thread % ACCOUNTS.length];
        String id = "r" + round + "-t" + thread + "-i" + i;
        return switch (i % 3) {
            case 0 -> new EngineCommand.Transfer(account, "USDT", TRANSFER, Wallet.SPOT, Wallet.CROSS_MARGIN,
                    id + "-S2C");
            case 1 -> new EngineCommand.Transfer(account, "USDT", TRANSFER, Wallet.CROSS_MARGIN, Wallet.SPOT,
                    id + "-C2S");
            default -> new EngineCommand.PlaceOrder(account, "ETHUSDT", (i / 3) % 2 == 0 ? Side.BUY : Side.SELL,
                    ORDER_QTY,
                    false, id);
        };
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false);
        EngineStorage storage = EngineStorage.open(dataDir, options());
        MarginEngine engine = new MarginEngine(config(), System::currentTimeMillis, EngineListener.NONE,
                storage.journal());
        storage.recover(engine);
        engine.start();
        storage.startSnapshots(engine);
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread client = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String line;
                    try {
                        engine.submit(command(round, thread, i)).get();
                        line = "ACK " + thread + " " + i;
                    } catch (ExecutionException e) {
                        line = "REJ " + thread + " " + i + " "
                                + (e.getCause() instanceof ApiException a ? a.code() : e.getCause());
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            }, "crash-client-" + t);
            client.start();
            clients.add(client);
        }
        for (Thread c : clients) {
            c.join();
        }
    }
}
