package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link GatewayListener} that queues every callback, so a test reads as a script: {@code awaitEvent(...)},
 * {@code awaitGap()}, {@code awaitAccount(...)}, each a bounded wait that fails with what was seen instead.
 */
final class Recorder implements GatewayListener {
    static final Duration WAIT = Duration.ofSeconds(15);

    record Event(String stream, JsonNode data) {
    }

    record Gap(long expectedU, long gotU) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Gap> gaps = new LinkedBlockingQueue<>();
    final BlockingQueue<AccountSnapshot> accounts = new LinkedBlockingQueue<>();
    final BlockingQueue<GatewayClient.State> states = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(String stream, JsonNode data) {
        events.add(new Event(stream, data));
    }

    @Override
    public void onStateChange(GatewayClient.State from, GatewayClient.State to) {
        states.add(to);
    }

    @Override
    public void onGap(long expectedU, long gotU) {
        gaps.add(new Gap(expectedU, gotU));
    }

    @Override
    public void onAccount(AccountSnapshot snapshot) {
        accounts.add(snapshot);
    }

    @Override
    public void onClosed(int code, String reason) {
        closes.add(code);
    }

    /** The next event matching {@code p}, skipping others. */
    Event awaitEvent(Predicate<Event> p, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                fail("no " + what + " within " + WAIT);
            }
            if (p.test(e)) {
                return e;
            }
        }
    }

    Event awaitEventType(String type) throws InterruptedException {
        return awaitEvent(e -> type.equals(e.data().path("e").asText()), type + " event");
    }

    /** The update id {@code U} of the next userData event that carries one. */
    long awaitUserDataU() throws InterruptedException {
        return awaitUserDataU(u -> true);
    }

    /** The {@code U} of the next {@code userData} event whose {@code U} passes {@code which}. */
    long awaitUserDataU(java.util.function.LongPredicate which) throws InterruptedException {
        return awaitEvent(e -> e.stream().equals("userData") && e.data().path("U").canConvertToLong()
                && which.test(e.data().get("U").asLong()), "userData event with U").data().get("U").asLong();
    }

    <T> T await(BlockingQueue<T> q, Predicate<T> p, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T t = q.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (t == null) {
                fail("no " + what + " within " + WAIT);
            }
            if (p.test(t)) {
                return t;
            }
        }
    }
}
