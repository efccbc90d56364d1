package io.marginstream.gateway.session;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountInterest;
import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.ServerShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The sessions of this node and who listens to what: account → sessions subscribed to {@code userData} and
 * {@code marginRatio}, symbol → sessions subscribed to {@code markPrice@<symbol>}, and the {@code markPrice}
 * (all) subscribers, and the subscriptions of Binance-style stream connections (§11: account → listenKey
 * subscribers, symbol → market-stream subscribers). Also holds what sessions share: config, clock, metrics, limits,
 * keys, listenKeys, the dispatcher and the Binance stream controller.
 *
 * <p>Thread-safe. Indexes are copy-on-write arrays in concurrent maps: subscribing (rare) copies a small array;
 * fan-out (hot, on the engine thread) reads one array without locks. Each session's work then hops onto its own
 * event loop.
 */
public final class SessionRegistry {
    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    private static final Session[] NONE = new Session[0];
    private static final PmSubscriber[] PM_NONE = new PmSubscriber[0];

    private final GatewayConfig config;
    private final LongSupplier clock;
    private final GatewayMetrics metrics;
    private final RateLimiter limiter;
    private final KeyStore keys;
    private final ExchangeInfo exchangeInfo;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Session[]> userData = new ConcurrentHashMap<>();
    private final Map<String, Session[]> marginRatio = new ConcurrentHashMap<>();
    private final Map<String, Session[]> markBySymbol = new ConcurrentHashMap<>();
    private final Map<String, Session[]> markAll = new ConcurrentHashMap<>();
    private final Map<String, PmSubscriber[]> pmUserData = new ConcurrentHashMap<>();
    private final Map<String, PmSubscriber[]> pmMarks = new ConcurrentHashMap<>();
    private final ListenKeys listenKeys = new ListenKeys();
    private final PmStreams pmStreams;
    private volatile Dispatcher dispatcher;
    /** Account → how many account-stream subscriptions (userData, marginRatio, listenKey) the node holds. */
    private final Map<String, Integer> followed = new ConcurrentHashMap<>();
    private volatile AccountInterest interest = AccountInterest.NONE;
    /** Seconds swept so far; only the single sweeping thread touches it. */
    private long sweeps;

    public SessionRegistry(GatewayConfig config, LongSupplier clock, GatewayMetrics metrics, RateLimiter limiter,
                           KeyStore keys) {
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.limiter = limiter;
        this.keys = keys;
        this.exchangeInfo = new ExchangeInfo(config);
        this.dispatcher = new Dispatcher(this, null);
        this.pmStreams = new PmStreams(this);
    }

    /** Connects the engine: from now on engine methods are dispatched to it. */
    public void attach(Commands commands) {
        this.dispatcher = new Dispatcher(this, commands);
    }

    /**
     * Tells {@code i} whenever the node's first subscriber of an account's streams appears and its last one leaves
     * (cluster mode subscribes to the account's subjects only then). Set before the server accepts connections.
     */
    public void interest(AccountInterest i) {
        this.interest = i;
    }

    /** Counts one account-stream subscription more ({@code +1}) or less ({@code -1}); tells the interest on 0 ↔ 1. */
    private void follow(String accountId, int delta) {
        followed.compute(accountId, (k, n) -> {
            int v = (n == null ? 0 : n) + delta;
            if (v <= 0) {
                if (n != null) {
                    interest.unfollow(k);
                }
                return null;
            }
            if (n == null) {
                interest.follow(k);
            }
            return v;
        });
    }

    /** Creates the session of a connection whose WebSocket handshake just completed. */
    public Session open(Transport transport) {
        Session s = new Session(ids.incrementAndGet(), transport, this);
        sessions.put(s.id(), s);
        metrics.sessionOpened();
        log.debug("session {} opened from {} on connection {}", s.id(), transport.remoteAddress().getHostAddress(),
                transport.id());
        return s;
    }

    void remove(Session s) {
        sessions.remove(s.id());
        unsubscribeAll(s);
    }

    /** Open sessions. */
    public int size() {
        return sessions.size();
    }

    /** Every open session (a weakly consistent view). */
    public Collection<Session> sessions() {
        return sessions.values();
    }

    /** Sends {@code serverShutdown} to every session and closes it with 1001. */
    public void shutdownAll() {
        byte[] event = ProtocolJson.eventBytes("server", new ServerShutdown(clock.getAsLong()));
        for (Session s : sessions.values()) {
            s.shutdown(event);
        }
    }

    /**
     * Heartbeat sweep, run once a second: each session is pinged once every {@code pingIntervalSeconds}, in a
     * phase set by its id so that pings are spread over the interval rather than sent to everyone at once; a
     * session older than {@code maxSessionHours} is closed with 1001 {@code "session expired"}; listenKeys past their
     * life are forgotten and their sockets get {@code listenKeyExpired} and close.
     */
    public void sweep() {
        long now = clock.getAsLong();
        long maxAge = config.server().maxSessionHours() * 3_600_000L;
        int interval = config.server().pingIntervalSeconds();
        long second = sweeps++;
        pmStreams.expire(listenKeys.expire(now));
        for (Session s : sessions.values()) {
            boolean expired = now - s.connectedSince() >= maxAge;
            boolean ping = (s.id() + second) % interval == 0;
            if (!expired && !ping) {
                continue;
            }
            Transport t = s.transport();
            t.executor().execute(() -> {
                if (s.isClosed()) {
                    return;
                }
                if (expired) {
                    s.close(1001, "session expired");
                } else {
                    t.ping();
                }
            });
        }
    }

    /**
     * Sessions using {@code apiKey} (just disabled) lose their account streams now; their next request that needs
     * the key is answered 401 {@code -2015} and logs them out. The key's listenKey ends and its sockets close.
     */
    public void revoke(String apiKey) {
        ListenKeys.Key listenKey = listenKeys.revoke(apiKey);
        if (listenKey != null) {
            pmStreams.closed(listenKey);
        }
        for (Session s : sessions.values()) {
            s.transport().executor().execute(() -> {
                Auth a = s.auth;
                if (a != null && a.key().apiKey().equals(apiKey)) {
                    dispatcher.endAccountStreams(s);
                }
            });
        }
    }

    // ---- indexes ----

    void subscribeUserData(String accountId, Session s) {
        if (add(userData, accountId, s)) {
            follow(accountId, 1);
        }
    }

    void unsubscribeUserData(String accountId, Session s) {
        if (remove(userData, accountId, s)) {
            follow(accountId, -1);
        }
    }

    void subscribeMarginRatio(String accountId, Session s) {
        if (add(marginRatio, accountId, s)) {
            follow(accountId, 1);
        }
    }

    void unsubscribeMarginRatio(String accountId, Session s) {
        if (remove(marginRatio, accountId, s)) {
            follow(accountId, -1);
        }
    }

    void subscribeMark(String symbol, Session s) {
        add(markBySymbol, symbol, s);
    }

    void unsubscribeMark(String symbol, Session s) {
        remove(markBySymbol, symbol, s);
    }

    void subscribeMarkAll(Session s) {
        add(markAll, "", s);
    }

    void unsubscribeMarkAll(Session s) {
        remove(markAll, "", s);
    }

    Session[] userDataSubscribers(String accountId) {
        return userData.getOrDefault(accountId, NONE);
    }

    Session[] marginRatioSubscribers(String accountId) {
        return marginRatio.getOrDefault(accountId, NONE);
    }

    Session[] markSubscribers(String symbol) {
        return markBySymbol.getOrDefault(symbol, NONE);
    }

    Session[] markAllSubscribers() {
        return markAll.getOrDefault("", NONE);
    }

    void subscribePmUserData(String accountId, PmSubscriber sub) {
        if (addPm(pmUserData, accountId, sub)) {
            follow(accountId, 1);
        }
    }

    void unsubscribePmUserData(String accountId, Session s, String name) {
        if (removePm(pmUserData, accountId, s, name)) {
            follow(accountId, -1);
        }
    }

    void subscribePmMark(String symbol, PmSubscriber sub) {
        addPm(pmMarks, symbol, sub);
    }

    void unsubscribePmMark(String symbol, Session s, String name) {
        removePm(pmMarks, symbol, s, name);
    }

    PmSubscriber[] pmUserDataSubscribers(String accountId) {
        return pmUserData.getOrDefault(accountId, PM_NONE);
    }

    PmSubscriber[] pmMarkSubscribers(String symbol) {
        return pmMarks.getOrDefault(symbol, PM_NONE);
    }

    /** Adds {@code sub}; whether it was not there yet. */
    private static boolean addPm(Map<String, PmSubscriber[]> index, String key, PmSubscriber sub) {
        boolean[] added = {false};
        index.compute(key, (k, arr) -> {
            if (arr == null) {
                added[0] = true;
                return new PmSubscriber[] {sub};
            }
            for (PmSubscriber x : arr) {
                if (x.session() == sub.session() && x.name().equals(sub.name())) {
                    return arr;
                }
            }
            PmSubscriber[] copy = Arrays.copyOf(arr, arr.length + 1);
            copy[arr.length] = sub;
            added[0] = true;
            return copy;
        });
        return added[0];
    }

    /** Removes the subscriber; whether it was there. */
    private static boolean removePm(Map<String, PmSubscriber[]> index, String key, Session s, String name) {
        boolean[] removed = {false};
        index.computeIfPresent(key, (k, arr) -> {
            PmSubscriber[] kept = Arrays.stream(arr).filter(x -> x.session() != s || !x.name().equals(name))
                    .toArray(PmSubscriber[]::new);
            removed[0] = kept.length < arr.length;
            return kept.length == 0 ? null : kept.length == arr.length ? arr : kept;
        });
        return removed[0];
    }

    /** Removes {@code s} from every index (its subscriptions objects say where it is). */
    void unsubscribeAll(Session s) {
        if (s.pm != null) {
            pmStreams.unsubscribeAll(s);
        }
        Subscriptions subs = s.subscriptions;
        if (subs == null) {
            return;
        }
        String account = s.accountId();
        if (account != null) {
            unsubscribeUserData(account, s);
            unsubscribeMarginRatio(account, s);
        }
        if (subs.markAll) {
            remove(markAll, "", s);
        }
        if (subs.markSymbols != null) {
            for (String sym : subs.markSymbols) {
                remove(markBySymbol, sym, s);
            }
        }
    }

    /** Adds {@code s}; whether it was not there yet. */
    private static boolean add(Map<String, Session[]> index, String key, Session s) {
        boolean[] added = {false};
        index.compute(key, (k, arr) -> {
            if (arr == null) {
                added[0] = true;
                return new Session[] {s};
            }
            for (Session x : arr) {
                if (x == s) {
                    return arr;
                }
            }
            Session[] copy = Arrays.copyOf(arr, arr.length + 1);
            copy[arr.length] = s;
            added[0] = true;
            return copy;
        });
        return added[0];
    }

    /** Removes {@code s}; whether it was there. */
    private static boolean remove(Map<String, Session[]> index, String key, Session s) {
        boolean[] removed = {false};
        index.computeIfPresent(key, (k, arr) -> {
            int at = -1;
            for (int i = 0; i < arr.length; i++) {
                if (arr[i] == s) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return arr;
            }
            removed[0] = true;
            if (arr.length == 1) {
                return null;
            }
            Session[] copy = new Session[arr.length - 1];
            System.arraycopy(arr, 0, copy, 0, at);
            System.arraycopy(arr, at + 1, copy, at, arr.length - at - 1);
            return copy;
        });
        return removed[0];
    }

    // ---- shared services ----

    GatewayConfig config() {
        return config;
    }

    LongSupplier clock() {
        return clock;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    RateLimiter limiter() {
        return limiter;
    }

    KeyStore keys() {
        return keys;
    }

    ExchangeInfo exchangeInfo() {
        return exchangeInfo;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The listenKeys of the Binance-compatible user-data streams. */
    public ListenKeys listenKeys() {
        return listenKeys;
    }

    /** The controller of Binance-style stream connections. */
    public PmStreams pmStreams() {
        return pmStreams;
    }
}
