package io.marginstream.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.message.OrderPlaceParams;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.StreamEvent;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A MarginStream WebSocket API client on OkHttp: connect, sign and log on, typed requests returning futures, events
 * to a {@link GatewayListener}, and automatic reconnect.
 *
 * <pre>{@code
 * try (GatewayClient c = GatewayClient.builder("ws://127.0.0.1:8090/ws")
 *         .credentials(Credentials.hmac(apiKey, secret)).listener(myListener).build()) {
 *     c.connect().join();
 *     c.logon().join();
 *     JsonNode status = c.status().join();
 * }
 * }</pre>
 *
 * <p><b>Failures.</b> A response with an error completes the future exceptionally with an {@link ApiException}
 * (code, status, message, data). A request that could not be sent fails with {@link BackpressureException} — when
 * the socket's outgoing queue already holds {@code maxQueueBytes} — or {@link ConnectionLostException}; a request
 * unanswered after {@code requestTimeout} fails with {@link TimeoutException}.
 *
 * <p><b>Reconnect</b> ({@link Reconnector}). When an open connection is lost (not by {@link #close()}), the client
 * waits a {@link Backoff} delay with jitter and connects again; then, if it had logged on, it logs on again, repeats
 * every successful {@link #subscribe}, and re-reads the account ({@link GatewayListener#onAccount}). A
 * {@code userData} event whose {@code U} skips ahead reports {@link GatewayListener#onGap} and re-reads the account
 * too; one whose {@code U} went backwards (the server restarted from older state) re-reads it with reason
 * {@code reset} ({@link UpdateIds}). Requests made while reconnecting fail with {@link ConnectionLostException}; an
 * authentication error on re-logon ends the client ({@link State#CLOSED}).
 *
 * <p><b>Results</b> are read tolerantly ({@link ResultReader}): a field a newer server adds is ignored.
 *
 * <p><b>Threads.</b> Thread-safe, without locks around listener calls: callbacks and future completions run on
 * OkHttp's reader thread of the connection (state changes also on the thread that caused them), never while the
 * client holds a lock, so a callback may call the client. Do not block in them (use the {@code …Async} forms of
 * {@link CompletableFuture}).
 */
public final class GatewayClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);
    private static final ObjectMapper MAPPER = ResultReader.MAPPER;

    /** One OkHttpClient for every GatewayClient built without its own: one connection pool and dispatcher. */
    private static final OkHttpClient SHARED_HTTP = sharedClient();

    /** Lifecycle. */
    public enum State {
        /** {@link #connect()} called, socket not yet open. */
        CONNECTING,
        /** Socket open, not logged on. */
        OPEN,
        /** Logged on. */
        LOGGED_ON,
        /** Connection lost; waiting or trying to reconnect. */
        RECONNECTING,
        /** Closed by {@link #close()} or for good (initial connect failed, re-logon rejected). */
        CLOSED
    }

    private record Subscription(List<String> streams, Integer intervalMs) {
    }

    private final OkHttpClient http;
    /** The gateway nodes to try, in turn: the builder's URL, then its {@link Builder#failover} URLs. */
    private final List<Request> upgrades;
    /** Which of {@link #upgrades} the next connection goes to. */
    private final java.util.concurrent.atomic.AtomicInteger node = new java.util.concurrent.atomic.AtomicInteger();
    private final Credentials credentials;
    private final GatewayListener listener;
    private final boolean reconnect;
    private final Reconnector reconnector;
    private final long recvWindowMs;
    private final Duration requestTimeout;
    private final long maxQueueBytes;
    private final LongSupplier clock;
    private final Connection.Events events = new Connection.Events() {
        @Override
        public void onText(Connection c, String text) {
            GatewayClient.this.onText(c, text);
        }

        @Override
        public void onEnded(Connection c, int code, String reason) {
            connectionEnded(c, code, reason);
        }
    };

    private final AtomicLong ids = new AtomicLong();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final UpdateIds updateIds = new UpdateIds();
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    /** The connection in use; published only once its socket exists. */
    private volatile Connection current;
    private volatile boolean wantLogon;
    private volatile boolean closedByUser;
    private final AtomicLong reconnects = new AtomicLong();
    private final OrderRequests orders = new OrderRequests(this);

    private GatewayClient(Builder b) {
        this.http = b.http != null ? b.http : SHARED_HTTP;
        List<Request> u = new java.util.ArrayList<>();
        u.add(new Request.Builder().url(b.url).build());
        for (String more : b.failover) {
            u.add(new Request.Builder().url(more).build());
        }
        this.upgrades = List.copyOf(u);
        this.credentials = b.credentials;
        this.listener = b.listener;
        this.reconnect = b.reconnect;
        this.reconnector = new Reconnector(this, b.backoff);
        this.recvWindowMs = b.recvWindowMs;
        this.requestTimeout = b.requestTimeout;
        this.maxQueueBytes = b.maxQueueBytes;
        this.clock = b.clock;
    }

    /** A builder for a client of the gateway at {@code url}, e.g. {@code ws://127.0.0.1:8090/ws}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    private static OkHttpClient sharedClient() {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(1024);
        d.setMaxRequestsPerHost(1024);
        // readTimeout bounds the wait for the upgrade response; OkHttp clears it once the WebSocket is open.
        return new OkHttpClient.Builder().dispatcher(d).connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10)).build();
    }

    public State state() {
        return state.get();
    }

    /** How many times the client reconnected after losing an open connection. */
    public int reconnects() {
        return (int) reconnects.get();
    }

    /** Bytes queued on the socket and not yet written (OkHttp's {@code queueSize()}); 0 when not connected. */
    public long queueSize() {
        Connection c = current;
        return c == null ? 0 : c.queueSize();
    }

    /** The URL of the gateway node the client uses (or tries next). */
    public String url() {
        return upgrades.get(node.get()).url().toString();
    }

    /**
     * After a lost connection: the next attempt goes to the next gateway node of the list (another node of a
     * cluster, which serves the same accounts and {@code U} sequence); with one URL it stays.
     */
    void nextNode() {
        node.updateAndGet(i -> (i + 1) % upgrades.size());
    }

    // ---------------------------------------------------------------- lifecycle

    /** Opens the WebSocket; completes when it is open, or exceptionally with {@link ConnectionLostException}. */
    public CompletableFuture<Void> connect() {
        if (closedByUser || !state.compareAndSet(State.CLOSED, State.CONNECTING)) {
            return CompletableFuture.failedFuture(new IllegalStateException("connect() called in state "
                    + state.get() + (closedByUser ? " after close()" : "")));
        }
        listener.onStateChange(State.CLOSED, State.CONNECTING);
        Connection c = openConnection();
        if (c == null) {
            return CompletableFuture.failedFuture(new ConnectionLostException("client closed"));
        }
        return c.opened.whenComplete((v, err) -> {
            if (err != null) {
                setState(State.CLOSED);
            } else if (c == current) {
                moveState(State.CONNECTING, State.OPEN);
            }
        });
    }

    /** Signs and sends {@code session.logon}; completes with its result. Remembered for reconnects. */
    public CompletableFuture<JsonNode> logon() {
        if (credentials == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no credentials given to the builder"));
        }
        wantLogon = true;
        return logonOn(current);
    }

    private CompletableFuture<JsonNode> logonOn(Connection c) {
        return requestOn(c, "session.logon", Logon.params(credentials, clock.getAsLong(), recvWindowMs))
                .thenApply(result -> {
                    if (c == current) {
                        setState(State.LOGGED_ON);
                    }
                    return result;
                });
    }

    /** Closes the connection (1000) and stops reconnecting. Pending requests fail. */
    @Override
    public void close() {
        closedByUser = true;
        setState(State.CLOSED);
        Connection c = current;
        if (c != null) {
            c.close(1000, "client closed", new ConnectionLostException("client closed"));
        }
    }

    /**
     * Builds a connection and makes it the current one, or returns null (and builds none that stays open) when the
     * client was closed meanwhile.
     */
    Connection openConnection() {
        if (closedByUser) {
            return null;
        }
        Connection c = new Connection(http, upgrades.get(node.get()), events);
        current = c;
        if (closedByUser) { // close() ran while the socket was being created and did not see it
            c.close(1000, "client closed", new ConnectionLostException("client closed"));
            return null;
        }
        return c;
    }

    boolean isCurrent(Connection c) {
        return c == current && !closedByUser;
    }

    /** After a reconnect: log on again if the client had, repeat the subscriptions, re-read the account. */
    CompletableFuture<Void> restore(Connection c) {
        reconnects.incrementAndGet();
        setState(State.OPEN);
        CompletableFuture<Void> chain = wantLogon ? logonOn(c).thenCompose(r -> resubscribe(c)) : resubscribe(c);
        return wantLogon ? chain.thenCompose(v -> readAccount("reconnect").thenApply(s -> v)) : chain;
    }

    /** Ends the client for good after {@code c} was refused (re-logon rejected). */
    void giveUp(Connection c, String why) {
        closedByUser = true;
        setState(State.CLOSED);
        c.close(1000, "logon rejected", new ConnectionLostException(why));
        listener.onClosed(1000, why);
    }

    private void connectionEnded(Connection c, int code, String reason) {
        if (!isCurrent(c)) {
            return;
        }
        listener.onClosed(code, reason);
        if (reconnect) {
            setState(State.RECONNECTING);
            reconnector.schedule(1);
        } else {
            setState(State.CLOSED);
        }
    }

    private CompletableFuture<Void> resubscribe(Connection c) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Subscription s : subscriptions) {
            chain = chain.thenCompose(v -> requestOn(c, "subscribe", subscribeParams(s)).thenApply(r -> null));
        }
        return chain;
    }

    /** Moves to {@code to} and tells the listener, outside any lock; a client closed by the user stays CLOSED. */
    private void setState(State to) {
        while (true) {
            State from = state.get();
            if (from == to || (closedByUser && to != State.CLOSED)) {
                return;
            }
            if (state.compareAndSet(from, to)) {
                listener.onStateChange(from, to);
                return;
            }
        }
    }

    /** Moves from {@code from} to {@code to} only if the client is in {@code from}. */
    private void moveState(State from, State to) {
        if (!closedByUser && state.compareAndSet(from, to)) {
            listener.onStateChange(from, to);
        }
    }

    // ---------------------------------------------------------------- requests

    /**
     * Sends {@code method} with {@code params} (may be null) and completes with the response's {@code result}, or
     * exceptionally (see the class comment).
     */
    public CompletableFuture<JsonNode> request(String method, ObjectNode params) {
        return requestOn(current, method, params);
    }

    private CompletableFuture<JsonNode> requestOn(Connection c, String method, ObjectNode params) {
        Objects.requireNonNull(method, "method");
        if (c == null || !c.usable()) {
            return CompletableFuture.failedFuture(new ConnectionLostException("not connected (state " + state.get()
                    + ")"));
        }
        long queued = c.queueSize();
        if (queued >= maxQueueBytes) {
            return CompletableFuture.failedFuture(new BackpressureException(
                    "outgoing queue holds " + queued + " bytes (limit " + maxQueueBytes + "); not sent", queued));
        }
        long id = ids.incrementAndGet();
        ObjectNode req = MAPPER.createObjectNode();
        req.put("id", id);
        req.put("method", method);
        if (params != null) {
            req.set("params", params);
        }
        CompletableFuture<JsonNode> f = c.pending.add(id);
        if (!c.send(req.toString())) {
            c.pending.remove(id);
            f.completeExceptionally(new BackpressureException("socket refused the message (closing, or 16 MiB queued)",
                    c.queueSize()));
            return f;
        }
        c.pending.expireAfter(id, f, requestTimeout);
        return f;
    }

    /**
     * {@link #request(String, ObjectNode)} with the result read into one of the {@code protocol.message} records,
     * e.g. {@code request("account.status", null, AccountStatusResult.class)}; fields the record does not know are
     * ignored.
     */
    public <T> CompletableFuture<T> request(String method, ObjectNode params, Class<T> resultType) {
        return request(method, params).thenApply(node -> {
            try {
                return ResultReader.read(node, resultType);
            } catch (IllegalArgumentException e) {
                throw new CompletionException(new IllegalStateException("result of " + method + " is "
                        + e.getMessage(), e));
            }
        });
    }

    /**
     * An event's {@code data} as its {@code protocol.message} record (picked by its {@code "e"}), for listeners that
     * prefer records to trees; see {@link ResultReader#event}.
     *
     * @throws IllegalArgumentException when the data is not a known event
     */
    public static StreamEvent decodeEvent(JsonNode data) {
        return ResultReader.event(data);
    }

    /** {@code ping}. */
    public CompletableFuture<JsonNode> ping() {
        return request("ping", null);
    }

    /** {@code time}: {@code {"serverTime"}}. */
    public CompletableFuture<JsonNode> time() {
        return request("time", null);
    }

    /** {@code session.status}. */
    public CompletableFuture<JsonNode> sessionStatus() {
        return request("session.status", null);
    }

    /** {@code account.status} (§4.1). */
    public CompletableFuture<JsonNode> status() {
        return request("account.status", null);
    }

    /** {@code account.balance} (§4.2): all non-zero assets, or one when {@code asset} is not null. */
    public CompletableFuture<JsonNode> balance(String asset) {
        return request("account.balance", params("asset", asset));
    }

    /** {@code account.positions} (§4.3), optionally of one symbol. */
    public CompletableFuture<JsonNode> positions(String symbol) {
        return request("account.positions", params("symbol", symbol));
    }

    /** {@code account.riskSettings} (§5.5). */
    public CompletableFuture<JsonNode> riskSettings() {
        return request("account.riskSettings", null);
    }

    /** {@code account.riskSettings.update} with any subset of §5.5, e.g. {@code {"riskMultiplier": "1.2"}}. */
    public CompletableFuture<JsonNode> updateRiskSettings(ObjectNode settings) {
        return request("account.riskSettings.update", settings);
    }

    /** {@code transfer} (§4.5) between wallets; {@code clientTranId} may be null. */
    public CompletableFuture<JsonNode> transfer(String asset, BigDecimal amount, String from, String to,
                                                String clientTranId) {
        ObjectNode p = params("asset", asset);
        p.put("amount", amount.toPlainString());
        p.put("from", from);
        p.put("to", to);
        if (clientTranId != null) {
            p.put("clientTranId", clientTranId);
        }
        return request("transfer", p);
    }

    /** {@code transfer.history} (§4), newest first; {@code limit} may be null (server default 100). */
    public CompletableFuture<JsonNode> transferHistory(Integer limit) {
        ObjectNode p = MAPPER.createObjectNode();
        if (limit != null) {
            p.put("limit", limit);
        }
        return request("transfer.history", p);
    }

    /** {@code autoCollection} (§4.4). */
    public CompletableFuture<JsonNode> autoCollection() {
        return request("autoCollection", null);
    }

    /** {@code order.place} (§4.6): a MARKET order; {@code side} is BUY or SELL. */
    public CompletableFuture<JsonNode> placeOrder(String symbol, String side, BigDecimal quantity, boolean reduceOnly) {
        return orders.place(new OrderPlaceParams(symbol, Side.valueOf(side), OrderType.MARKET, quantity, null, null,
                null, reduceOnly, false, null));
    }

    /** The order methods of §12: every type, cancels, queries. */
    public OrderRequests orders() {
        return orders;
    }

    /**
     * {@code subscribe} to {@code streams} ({@code intervalMs} may be null); remembered and repeated after a
     * reconnect once it succeeded.
     */
    public CompletableFuture<JsonNode> subscribe(List<String> streams, Integer intervalMs) {
        Subscription s = new Subscription(List.copyOf(streams), intervalMs);
        return request("subscribe", subscribeParams(s)).thenApply(r -> {
            subscriptions.add(s);
            return r;
        });
    }

    /** {@code subscribe} to {@code streams} with the server's default interval. */
    public CompletableFuture<JsonNode> subscribe(String... streams) {
        return subscribe(Arrays.asList(streams), null);
    }

    /**
     * Reads status, balances and positions at once, hands them to {@link GatewayListener#onAccount} and completes
     * with them.
     */
    public CompletableFuture<GatewayListener.AccountSnapshot> readAccount(String reason) {
        CompletableFuture<JsonNode> s = status();
        CompletableFuture<JsonNode> b = balance(null);
        CompletableFuture<JsonNode> p = positions(null);
        return CompletableFuture.allOf(s, b, p).thenApply(v -> {
            GatewayListener.AccountSnapshot snap = new GatewayListener.AccountSnapshot(reason, s.join(), b.join(),
                    p.join());
            listener.onAccount(snap);
            return snap;
        });
    }

    private static ObjectNode subscribeParams(Subscription s) {
        ObjectNode p = MAPPER.createObjectNode();
        s.streams().forEach(p.putArray("streams")::add);
        if (s.intervalMs() != null) {
            p.put("intervalMs", s.intervalMs());
        }
        return p;
    }

    private static ObjectNode params(String name, String value) {
        ObjectNode p = MAPPER.createObjectNode();
        if (value != null) {
            p.put(name, value);
        }
        return p;
    }

    // ---------------------------------------------------------------- inbound

    private void onText(Connection c, String text) {
        JsonNode msg;
        try {
            msg = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("unparseable frame from server: {}", e.getOriginalMessage());
            return;
        }
        if (msg.has("id")) {
            if (!c.pending.complete(msg)) {
                log.warn("response to no pending request: {}", msg);
            }
        } else if (msg.hasNonNull("stream") && msg.hasNonNull("data")) {
            onEvent(msg.get("stream").asText(), msg.get("data"));
        }
    }

    /** The exception for an error response's {@code status} and {@code error} object. */
    public static ApiException toApiException(int status, JsonNode error) {
        return ResultReader.apiException(status, error);
    }

    private void onEvent(String stream, JsonNode data) {
        if ("userData".equals(stream) && data.path("U").canConvertToLong()) {
            long u = data.get("U").asLong();
            UpdateIds.Outcome o = updateIds.observe(u);
            if (o.kind() == UpdateIds.Kind.GAP) {
                listener.onGap(o.expectedU(), u);
            }
            if (o.kind() != UpdateIds.Kind.IN_ORDER) {
                String reason = o.kind() == UpdateIds.Kind.RESET ? "reset" : "gap";
                readAccount(reason).exceptionally(e -> {
                    log.warn("account re-read ({}) failed: {}", reason, unwrap(e).toString());
                    return null;
                });
            }
        }
        listener.onEvent(stream, data);
    }

    /** "-2018 Balance is insufficient. (status 400)". */
    public static String describe(ApiException e) {
        return e.code().code() + " " + e.getMessage() + " (status " + e.status() + ")";
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Settings of a {@link GatewayClient}; {@link #build()} checks them. */
    public static final class Builder {
        private final String url;
        private final List<String> failover = new java.util.ArrayList<>();
        private OkHttpClient http;
        private Credentials credentials;
        private GatewayListener listener = new GatewayListener() { };
        private boolean reconnect = true;
        private Backoff backoff = Backoff.DEFAULT;
        private long recvWindowMs = Logon.DEFAULT_RECV_WINDOW_MS;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private long maxQueueBytes = 1 << 20;
        private LongSupplier clock = System::currentTimeMillis;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * Further gateway nodes of a cluster (docs/CLUSTER.md): after a lost connection the client reconnects to the
         * next URL of the list (the builder's first), logs on, resubscribes and re-reads the account, so it resyncs
         * by {@code U} on another node. Without them it reconnects to its one URL.
         */
        public Builder failover(String... urls) {
            for (String u : urls) {
                failover.add(Objects.requireNonNull(u, "url"));
            }
            return this;
        }

        /** Use this OkHttpClient instead of the shared one (e.g. with a custom socket factory). */
        public Builder okHttpClient(OkHttpClient client) {
            this.http = client;
            return this;
        }

        public Builder credentials(Credentials c) {
            this.credentials = c;
            return this;
        }

        public Builder listener(GatewayListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** Reconnect after losing an open connection (default on). */
        public Builder reconnect(boolean on) {
            this.reconnect = on;
            return this;
        }

        public Builder backoff(Backoff b) {
            this.backoff = Objects.requireNonNull(b, "backoff");
            return this;
        }

        /** {@code recvWindow} of the logon, 1..60000 ms (default 5000). */
        public Builder recvWindowMs(long ms) {
            this.recvWindowMs = ms;
            return this;
        }

        /** How long a request may stay unanswered (default 10 s). */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = Objects.requireNonNull(d, "requestTimeout");
            return this;
        }

        /** Refuse to send while the socket's outgoing queue holds this many bytes (default 1 MiB). */
        public Builder maxQueueBytes(long bytes) {
            this.maxQueueBytes = bytes;
            return this;
        }

        /** The clock of logon timestamps, in epoch ms (default the system clock). */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "clock");
            return this;
        }

        public GatewayClient build() {
            for (String u : concat(url, failover)) {
                if (!u.startsWith("ws://") && !u.startsWith("wss://")) {
                    throw new IllegalArgumentException("url must start with ws:// or wss://, got " + u);
                }
            }
            if (recvWindowMs < 1 || recvWindowMs > 60_000) {
                throw new IllegalArgumentException("recvWindowMs must be within 1..60000, got " + recvWindowMs);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
            }
            if (maxQueueBytes < 1) {
                throw new IllegalArgumentException("maxQueueBytes must be ≥ 1, got " + maxQueueBytes);
            }
            return new GatewayClient(this);
        }

        private static List<String> concat(String first, List<String> rest) {
            List<String> all = new java.util.ArrayList<>();
            all.add(first);
            all.addAll(rest);
            return all;
        }
    }
}
