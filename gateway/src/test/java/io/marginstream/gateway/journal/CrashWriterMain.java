package io.marginstream.gateway.journal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Child process for {@link JournalCrashTest}: recovers the journal in the directory given as the argument, prints
 * {@code START <nextSeq>}, then writes records as fast as several client threads can submit them, group-committed
 * by one writer thread, printing {@code ACK <lastSeq>} after each sync — the moment a gateway would reply. It runs
 * until it is killed.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PrintStream out = new PrintStream(System.out, false);
        long next = JournalReader.recover(dir, 1, (seq, payload) -> { }).nextSeq();
        ArrayBlockingQueue<CompletableFuture<Void>> queue = new ArrayBlockingQueue<>(10_000);
        for (int i = 0; i < 8; i++) {
            Thread client = new Thread(() -> {
                while (true) {
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    try {
                        queue.put(f);
                    } catch (InterruptedException e) {
                        return;
                    }
                    f.join();
                }
            });
            client.setDaemon(true);
            client.start();
        }
        try (JournalWriter w = JournalWriter.open(dir, next, 64 * 1024)) {
            out.println("START " + next);
            out.flush();
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            long seq = next;
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (int i = 0; i < batch.size(); i++) {
                    w.append(seq, Records.payload(seq));
                    seq++;
                }
                w.sync();
                out.println("ACK " + (seq - 1));
                out.flush();
                batch.forEach(f -> f.complete(null));
                batch.clear();
            }
        }
    }
}
