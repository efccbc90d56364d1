package io.marginstream.client.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.client.Credentials;
import io.marginstream.client.Logon;
import io.marginstream.protocol.ProtocolJson;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One load-test connection: the last handler of its Netty pipeline and the script it follows — handshake, signed
 * logon, subscribe, then commands on demand ({@link #submit(String)}); a <em>stalled</em> session subscribes to
 * everything and then turns {@code autoRead} off, so that Netty stops reading its socket and the kernel's receive
 * buffer and TCP window fill up, exactly what a client that stops reading does to the server.
 *
 * <p>All state but {@link #state} is owned by the channel's event loop; other threads only call {@link #submit},
 * {@link #resume} and {@link #close}, which hop onto it.
 */
final class LoadSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Lifecycle; only ever moves forward. */
    enum State { CONNECTING, LOGGING_ON, SUBSCRIBING, ACTIVE, STALLED, CLOSED }

    private enum Kind { LOGON, SUBSCRIBE, COMMAND }

    /** {@code ref}: the client order id of a resting order being placed, else {@code null}. */
    private record Pending(Kind kind, String method, long sentNanos, String ref) {
    }

    /** Resting orders a session keeps before its {@code resting} commands cancel instead of place. */
    static final int RESTING_DEPTH = 10;
    /** Their price: far below any BTCUSDT mark the feed reaches in a run, so they rest. */
    private static final String RESTING_PRICE = "30000";

    private static final ObjectMapper MAPPER = ProtocolJson.mapper();

    private final int index;
    private final boolean stalledRole;
    private final Credentials credentials;
    private final LoadTestOptions options;
    private final LoadMetrics metrics;
    private final Map<Long, Pending> pending = new HashMap<>();
    private volatile State state = State.CONNECTING;
    private volatile Channel channel;
    private volatile long connectStartNanos;
    private long nextId = 1;
    private boolean transferOut;
    private boolean orderSell;
    /** This session's acknowledged resting orders, oldest first, and those placed but not yet answered. */
    private final ArrayDeque<String> resting = new ArrayDeque<>();
    private int restingInFlight;
    private long restingSeq;
    private boolean handshakeDone;
    private boolean closeFrameSeen;
    private volatile boolean closingByUs;
    /** Written only on the event loop, read by the driver thread: volatile, so the reader sees each count. */
    private volatile long backlogFrames = -1;

    LoadSession(int index, boolean stalledRole, Credentials credentials, LoadTestOptions options, LoadMetrics metrics) {
        this.index = index;
        this.stalledRole = stalledRole;
        this.credentials = credentials;
        this.options = options;
        this.metrics = metrics;
    }

    State state() {
        return state;
    }

    int index() {
        return index;
    }

    boolean stalledRole() {
        return stalledRole;
    }

    Channel channel() {
        return channel;
    }

    /** Called before the connect starts: the handshake may complete before {@code connect()} even returns. */
    void connecting(long startNanos) {
        this.connectStartNanos = startNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
    }

    /** The connect attempt failed before any handler ran. */
    void connectFailed(Throwable cause) {
        state = State.CLOSED;
        metrics.connectFailed(describe(cause));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshakeDone = true;
            metrics.record(LoadMetrics.Kind.CONNECT, (System.nanoTime() - connectStartNanos) / 1000);
            metrics.open.incrementAndGet();
            state = State.LOGGING_ON;
            send(Kind.LOGON, "session.logon",
                    Logon.params(credentials, System.currentTimeMillis(), options.recvWindowMs()));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            metrics.connectFailed("handshake timeout");
            state = State.CLOSED;
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
        if (frame instanceof TextWebSocketFrame text) {
            metrics.framesIn.increment();
            metrics.bytesIn.add(text.content().readableBytes());
            if (backlogFrames >= 0) {
                backlogFrames++;
            }
            if (!onStreamEvent(text.content())) {
                onText(text.text());
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            metrics.framesIn.increment();
            closeFrameSeen = true;
            if (!closingByUs) {
                metrics.closed(Integer.toString(close.statusCode()));
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    private static final byte[] STREAM_HEAD = "{\"stream\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USER_DATA = "userData\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final FrameTimestamp EVENT_TIME = FrameTimestamp.parse("json:E");

    /**
     * The hot path: a stream event ({@code {"stream":"…","data":{…,"E":…}}}, the server's own field order) is timed
     * from its bytes, without a JSON parse — at 100,000 frames/s a parse per frame made the tester cost more CPU
     * than the gateway it measures. False for anything else (responses, other shapes), which is parsed.
     */
    private boolean onStreamEvent(io.netty.buffer.ByteBuf b) {
        int from = b.readerIndex();
        int end = b.writerIndex();
        if (end - from < STREAM_HEAD.length + USER_DATA.length || !startsWith(b, from, STREAM_HEAD)) {
            return false;
        }
        long e = EVENT_TIME.read(b, from, end);
        if (e == FrameTimestamp.NONE) {
            return false;
        }
        metrics.events.increment();
        if (!stalledRole) {
            boolean user = startsWith(b, from + STREAM_HEAD.length, USER_DATA);
            metrics.record(user ? LoadMetrics.Kind.USER_EVENT : LoadMetrics.Kind.TICK, nowMicros() - e * 1000);
        }
        return true;
    }

    private static boolean startsWith(io.netty.buffer.ByteBuf b, int at, byte[] prefix) {
        if (b.writerIndex() - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Events of stalled sessions are not timed: their lateness is the stall itself. */
    private void onText(String text) throws IOException {
        JsonNode msg = MAPPER.readTree(text);
        JsonNode id = msg.get("id");
        if (id != null) {
            onResponse(id, msg);
            return;
        }
        JsonNode stream = msg.get("stream");
        JsonNode data = msg.get("data");
        if (stream == null || data == null) {
            return;
        }
        metrics.events.increment();
        JsonNode e = data.get("E");
        if (e != null && e.canConvertToLong() && !stalledRole) {
            long latencyMicros = nowMicros() - e.asLong() * 1000;
            String s = stream.asText();
            metrics.record(s.equals("userData") ? LoadMetrics.Kind.USER_EVENT : LoadMetrics.Kind.TICK, latencyMicros);
        }
    }

    private void onResponse(JsonNode id, JsonNode msg) {
        Pending p = id.canConvertToLong() ? pending.remove(id.asLong()) : null;
        if (p == null) {
            metrics.unexpectedResponses.increment();
            return;
        }
        long micros = (System.nanoTime() - p.sentNanos) / 1000;
        int status = msg.path("status").asInt();
        boolean ok = status == 200;
        if (ok) {
            metrics.responsesOk.increment();
        } else {
            metrics.responsesError.increment();
            metrics.error(msg.path("error").path("code").asInt());
        }
        switch (p.kind) {
            case LOGON -> {
                metrics.record(LoadMetrics.Kind.LOGON, micros);
                if (ok) {
                    metrics.loggedOn();
                    state = State.SUBSCRIBING;
                    subscribe();
                } else {
                    metrics.logonFailures.increment();
                    close();
                }
            }
            case SUBSCRIBE -> {
                if (ok && stalledRole) {
                    state = State.STALLED;
                    metrics.stalled.incrementAndGet();
                    channel.config().setAutoRead(false);
                } else if (ok) {
                    state = State.ACTIVE;
                } else {
                    close();
                }
            }
            case COMMAND -> {
                metrics.recordCommand(p.method, micros);
                if (p.ref != null) {
                    restingInFlight--;
                    if (ok) {
                        resting.add(p.ref);
                    }
                }
                if (ok) {
                    metrics.commandsOk.increment();
                } else {
                    metrics.commandsFailed.increment();
                }
            }
        }
    }

    private void subscribe() {
        ObjectNode params = MAPPER.createObjectNode();
        List<String> streams = stalledRole ? List.of("userData", "marginRatio", "markPrice") : options.streams();
        streams.forEach(params.putArray("streams")::add);
        if (stalledRole) {
            params.put("intervalMs", 0);
        } else if (streams.contains("marginRatio")) {
            params.put("intervalMs", options.intervalMs());
        }
        send(Kind.SUBSCRIBE, "subscribe", params);
    }

    /** Asks for one command ({@code transfer}, {@code keyedTransfer}, {@code collect}, {@code order} or {@code resting}) from any thread. */
    void submit(String command) {
        channel.eventLoop().execute(() -> sendCommand(command));
    }

    private void sendCommand(String command) {
        if (state != State.ACTIVE || !channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            metrics.commandsSkippedBackpressure.increment();
            return;
        }
        ObjectNode params = MAPPER.createObjectNode();
        String method;
        String ref = null;
        switch (command) {
            case "transfer", "keyedTransfer" -> {
                method = "transfer";
                params.put("asset", "USDT").put("amount", "1");
                params.put("from", transferOut ? "CROSS_MARGIN" : "SPOT").put("to", transferOut ? "SPOT" : "CROSS_MARGIN");
                if (command.equals("keyedTransfer")) {
                    // an idempotency key, as a careful client sends one: the gateway keeps each result for 24 h
                    params.put("clientTranId", "lt-" + index + "-" + nextId);
                }
                transferOut = !transferOut;
            }
            case "collect" -> method = "autoCollection";
            case "order" -> {
                method = "order.place";
                params.put("symbol", "BTCUSDT").put("side", orderSell ? "SELL" : "BUY").put("type", "MARKET")
                        .put("quantity", "0.001");
                orderSell = !orderSell;
            }
            case "resting" -> {
                if (resting.size() + restingInFlight >= RESTING_DEPTH && !resting.isEmpty()) {
                    method = "order.cancel";
                    params.put("symbol", "BTCUSDT").put("origClientOrderId", resting.poll());
                } else {
                    method = "order.place";
                    ref = "lt" + index + "-" + restingSeq++;
                    restingInFlight++;
                    params.put("symbol", "BTCUSDT").put("side", "BUY").put("type", "LIMIT").put("timeInForce", "GTC")
                            .put("quantity", "0.001").put("price", RESTING_PRICE).put("newClientOrderId", ref);
                }
            }
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
        metrics.commandsSent.increment();
        send(Kind.COMMAND, method, params, ref);
    }

    private void send(Kind kind, String method, ObjectNode params) {
        send(kind, method, params, null);
    }

    private void send(Kind kind, String method, ObjectNode params, String ref) {
        long id = nextId++;
        ObjectNode req = MAPPER.createObjectNode();
        req.put("id", id);
        req.put("method", method);
        req.set("params", params);
        String json = req.toString();
        pending.put(id, new Pending(kind, method, System.nanoTime(), ref));
        metrics.requestsSent.increment();
        metrics.framesOut.increment();
        metrics.bytesOut.add(json.length());
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    /** Turns reading back on for a stalled session and starts counting the frames that were waiting. */
    void resume() {
        channel.eventLoop().execute(() -> {
            if (state == State.STALLED) {
                backlogFrames = 0;
                channel.config().setAutoRead(true);
            }
        });
    }

    /** Frames read since {@link #resume()}, or {@code -1} when never stalled-and-resumed. */
    long backlogFrames() {
        return backlogFrames;
    }

    /** Requests still unanswered (read on the event loop or after it stopped). */
    int outstanding() {
        return pending.size();
    }

    /** Closes the session normally (1000) from any thread. */
    void close() {
        closingByUs = true;
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (channel.isActive() && handshakeDone && !closeFrameSeen) {
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "load test done"))
                        .addListener(ChannelFutureListener.CLOSE);
                channel.eventLoop().schedule(() -> channel.close(), 2, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                channel.close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        State was = state;
        state = State.CLOSED;
        if (handshakeDone) {
            metrics.open.decrementAndGet();
        }
        if (was == State.SUBSCRIBING || was == State.ACTIVE || was == State.STALLED) {
            metrics.loggedOn.decrementAndGet();
        }
        if (was == State.STALLED) {
            metrics.stalled.decrementAndGet();
        }
        if (!pending.isEmpty()) {
            metrics.requestsLost.add(pending.size());
            pending.clear();
        }
        if (handshakeDone && !closeFrameSeen && !closingByUs) {
            metrics.closed(stalledRole ? "closed under a stalled session (no close frame read)"
                    : "1006 (no close frame)");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshakeDone && state != State.CLOSED) {
            state = State.CLOSED;
            metrics.connectFailed(describe(cause));
        } else {
            metrics.closed((stalledRole ? "reset under a stalled session" : "connection error") + " ("
                    + cause.getClass().getSimpleName() + ")");
            closeFrameSeen = true;
        }
        ctx.close();
    }

    static String describe(Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
            return "HTTP " + h.response().status().code();
        }
        if (cause instanceof ConnectException) {
            return "connect: " + cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
