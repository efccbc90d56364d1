package io.marginstream.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.client.GatewayClient;
import io.marginstream.client.GatewayListener;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lines of {@code msc watch}. A {@code marginRatio} update is one line. The {@code userData} events of one
 * change (same {@code E}) are gathered and printed together, one line per balance change naming its wallet and
 * cause: {@code balanceUpdate} names neither, so the wallet comes from the change's {@code transferUpdate} (or its
 * {@code outboundAccountPosition}: cross margin) and the cause from the transfer, the fill or the
 * {@code ACCOUNT_UPDATE} reason. A change is printed when the next change or ratio update arrives, or 200 ms
 * after its last event.
 *
 * <p>Threads: events arrive on the client's reader thread, the idle flush on a timer thread; both print under this
 * object's lock.
 */
final class WatchPrinter implements GatewayListener {
    static final String HEADER = String.format(Locale.ROOT, "%-13s  %-12s  %-18s  %-18s  %-18s  %-17s  %s", "time",
            "uniMMR", "accountEquity", "actualEquity", "maintMargin", "status", "U");
    private static final long IDLE_FLUSH_MS = 200;

    final CountDownLatch done = new CountDownLatch(1);
    volatile boolean fatal;
    volatile GatewayClient client;
    private final CliContext ctx;
    private final Output out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "msc-watch-flush");
        t.setDaemon(true);
        return t;
    });
    private final List<JsonNode> change = new ArrayList<>();
    private long changeTime = -1;
    private ScheduledFuture<?> idleFlush;

    WatchPrinter(CliContext ctx, Output out) {
        this.ctx = ctx;
        this.out = out;
    }

    void header() {
        out.out.println(HEADER);
    }

    /** Prints what is gathered and stops the timer. */
    synchronized void finish() {
        flush();
        timer.shutdownNow();
    }

    @Override
    public synchronized void onEvent(String stream, JsonNode d) {
        if (out.json) {
            out.out.println(d.toString());
            return;
        }
        String e = d.path("e").asText();
        long time = d.path("E").asLong();
        if (e.equals("marginRatio")) {
            flush();
            out.out.printf(Locale.ROOT, "%-13s  %-12s  %-18s  %-18s  %-18s  %-17s  %s%n", out.clock(time),
                    text(d, "u"), text(d, "eq"), text(d, "ae"), text(d, "mm"), text(d, "s"), text(d, "U"));
            return;
        }
        if (!stream.equals("userData")) {
            flush();
            out.out.printf(Locale.ROOT, "%-13s  %s%n", out.clock(time), e);
            return;
        }
        if (!change.isEmpty() && time != changeTime) {
            flush();
        }
        change.add(d);
        changeTime = time;
        if (idleFlush != null) {
            idleFlush.cancel(false);
        }
        idleFlush = timer.schedule(this::idle, IDLE_FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void idle() {
        flush();
    }

    /** Prints the gathered change, one line per balance change, fill, status change or alert. */
    private void flush() {
        if (change.isEmpty()) {
            return;
        }
        List<JsonNode> events = List.copyOf(change);
        change.clear();
        List<JsonNode> transfers = events.stream().filter(x -> x.path("e").asText().equals("transferUpdate")).toList();
        for (JsonNode d : events) {
            String t = out.clock(d.path("E").asLong());
            String u = text(d, "U");
            switch (d.path("e").asText()) {
                case "balanceUpdate" -> {
                    BigDecimal delta = new BigDecimal(d.path("d").asText("0"));
                    String asset = d.path("a").asText();
                    JsonNode transfer = matching(transfers, asset, delta, true);
                    String wallet = transfer != null ? (delta.signum() < 0 ? transfer.path("from").asText()
                            : transfer.path("to").asText()) : crossMarginTouched(events, asset) ? "CROSS_MARGIN"
                            : "SPOT";
                    balanceLine(t, wallet, asset, delta, cause(transfer, "deposit"), u);
                }
                case "ACCOUNT_UPDATE" -> {
                    JsonNode a = d.path("a");
                    String wallet = d.path("fs").asText();
                    for (JsonNode b : a.path("B")) {
                        BigDecimal delta = new BigDecimal(b.path("bc").asText("0"));
                        if (delta.signum() == 0) {
                            continue; // the wallet was touched but did not change (a fill at its entry price)
                        }
                        JsonNode transfer = matching(transfers, b.path("a").asText(), delta, false);
                        balanceLine(t, wallet, b.path("a").asText(), delta,
                                cause(transfer, a.path("m").asText().toLowerCase(Locale.ROOT).replace('_', ' ')), u);
                    }
                    for (JsonNode p : a.path("P")) {
                        out.out.printf(Locale.ROOT, "%-13s  POSITION  %-4s %s now %s (entry %s)  U %s%n", t, wallet,
                                p.path("s").asText(), p.path("pa").asText(), p.path("ep").asText(), u);
                    }
                }
                case "ORDER_TRADE_UPDATE" -> {
                    JsonNode o = d.path("o");
                    boolean liquidation = o.path("c").asText().startsWith("autoclose-");
                    out.out.printf(Locale.ROOT, "%-13s  %s  %s %s %s @ %s %s (%s)  U %s%n", t,
                            liquidation ? "LIQUIDATION" : "FILL", o.path("S").asText(), o.path("z").asText(
                                    o.path("q").asText()), o.path("s").asText(), o.path("ap").asText(),
                            o.path("X").asText(), o.path("c").asText(), u);
                }
                case "riskLevelChange" -> out.out.printf(Locale.ROOT, "%-13s  STATUS -> %s  uniMMR %s  equity %s  "
                        + "U %s%n", t, text(d, "s"), text(d, "u"), text(d, "eq"), u);
                case "marginAlert" -> out.out.printf(Locale.ROOT, "%-13s  ALERT uniMMR %s fell below %s  (status %s)"
                        + "  U %s%n", t, text(d, "u"), text(d, "threshold"), text(d, "s"), u);
                case "transferUpdate", "outboundAccountPosition" -> { } // folded into the balance lines
                default -> out.out.printf(Locale.ROOT, "%-13s  %s  U %s%n", t, d.path("e").asText(), u);
            }
        }
    }

    private void balanceLine(String time, String wallet, String asset, BigDecimal delta, String cause, String u) {
        out.out.printf(Locale.ROOT, "%-13s  BALANCE   %-12s %-5s %s  %s  U %s%n", time, wallet, asset,
                (delta.signum() > 0 ? "+" : "") + delta.toPlainString(), cause, u);
    }

    /** The transfer of {@code asset} and {@code |delta|} of this change; SPOT/CROSS_MARGIN side only if asked. */
    private static JsonNode matching(List<JsonNode> transfers, String asset, BigDecimal delta, boolean pmOrSpotSide) {
        for (JsonNode tr : transfers) {
            if (!tr.path("asset").asText().equals(asset)
                    || new BigDecimal(tr.path("amount").asText("0")).compareTo(delta.abs()) != 0) {
                continue;
            }
            String side = delta.signum() < 0 ? tr.path("from").asText() : tr.path("to").asText();
            boolean spotOrCross = side.equals("SPOT") || side.equals("CROSS_MARGIN");
            if (spotOrCross == pmOrSpotSide) {
                return tr;
            }
        }
        return null;
    }

    private static boolean crossMarginTouched(List<JsonNode> events, String asset) {
        for (JsonNode d : events) {
            if (d.path("e").asText().equals("outboundAccountPosition")) {
                for (JsonNode b : d.path("B")) {
                    if (b.path("a").asText().equals(asset)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String cause(JsonNode transfer, String otherwise) {
        return transfer == null ? otherwise : "transfer " + transfer.path("tranId").asText() + " "
                + transfer.path("from").asText() + " -> " + transfer.path("to").asText();
    }

    private String text(JsonNode d, String field) {
        return out.text(field, d.get(field));
    }

    @Override
    public void onStateChange(GatewayClient.State from, GatewayClient.State to) {
        String now = out.clock(System.currentTimeMillis());
        GatewayClient c = client;
        if (to == GatewayClient.State.RECONNECTING) {
            ctx.err().println(now + "  connection lost; reconnecting");
        } else if (from == GatewayClient.State.RECONNECTING && to == GatewayClient.State.OPEN) {
            ctx.err().println(now + "  reconnected");
        } else if (to == GatewayClient.State.LOGGED_ON && c != null && c.reconnects() > 0) {
            ctx.err().println(now + "  logged on again; re-subscribing and re-reading the account");
        }
    }

    @Override
    public void onGap(long expectedU, long gotU) {
        ctx.err().println(out.clock(System.currentTimeMillis()) + "  missed updates U " + expectedU + ".."
                + (gotU - 1) + "; re-reading the account");
    }

    @Override
    public synchronized void onAccount(AccountSnapshot s) {
        flush();
        out.out.printf(Locale.ROOT, "%-13s  account re-read (%s): uniMMR %s equity %s status %s%n",
                out.clock(System.currentTimeMillis()), s.reason(), text(s.status(), "uniMMR"),
                text(s.status(), "accountEquity"), text(s.status(), "accountStatus"));
    }

    @Override
    public void onClosed(int code, String reason) {
        if (reason != null && reason.startsWith("logon rejected")) {
            fatal = true;
            ctx.err().println("stopped: " + reason);
            done.countDown();
        }
    }
}
