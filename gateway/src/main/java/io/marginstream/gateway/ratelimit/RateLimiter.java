package io.marginstream.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The shared rate limits of PROTOCOL.md §7: request weight per API key or IP, orders per account, new connections
 * per IP, failed logons per IP, and the 418 bans that follow repeated 429s or failed logons.
 *
 * <p>Windows are fixed and aligned to the clock (a minute window resets at each whole minute). Time comes from an
 * injected epoch-millisecond clock, so tests use a fake one. Per-subject state lives in Caffeine caches that expire
 * idle entries and hold at most {@link #MAX_SUBJECTS} each, so memory follows the active subjects, not everyone
 * ever seen. Thread-safe: each counter is updated
 * under its own monitor; sessions on different event loops may share a subject.
 */
public final class RateLimiter {
    static final long MINUTE_MS = 60_000;
    static final long FIVE_MINUTES_MS = 300_000;
    static final long FIRST_BAN_MS = 120_000;
    static final long MAX_BAN_MS = 86_400_000;
    /**
     * Most subjects (IPs, keys, accounts) each cache keeps: a bound on memory however many addresses a client
     * rotates through; past it the least valuable entries are evicted (Caffeine's size policy).
     */
    static final long MAX_SUBJECTS = 100_000;

    /** How a charge went: whether it was allowed, the count in the window and its limit, and when it resets. */
    public record Decision(boolean allowed, int count, int limit, long windowEndMs, long bannedUntilMs) {
        public boolean banned() {
            return bannedUntilMs > 0;
        }
    }

    /** The verdict on a WebSocket upgrade. */
    public enum Admission { ADMITTED, RATE_LIMITED, BANNED }

    private final LimitsConfig limits;
    private final LongSupplier clockMs;
    private final List<Cidr> trusted;
    private final Cache<String, Window> weights;
    private final Cache<String, Window> orders;
    private final Cache<String, Window> connections;
    private final Cache<String, Window> logonFailures;
    private final Cache<String, Ban> bans;

    public RateLimiter(LimitsConfig limits, LongSupplier clockMs) {
        this.limits = limits;
        this.clockMs = clockMs;
        this.trusted = limits.trustedNetworks().stream().map(Cidr::parse).toList();
        Ticker ticker = () -> clockMs.getAsLong() * 1_000_000L;
        this.weights = cache(ticker, Duration.ofMinutes(2));
        this.orders = cache(ticker, Duration.ofMinutes(2));
        this.connections = cache(ticker, Duration.ofMinutes(10));
        this.logonFailures = cache(ticker, Duration.ofMinutes(2));
        this.bans = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofDays(2))
                .maximumSize(MAX_SUBJECTS).build();
    }

    private static <V> Cache<String, V> cache(Ticker ticker, Duration idle) {
        return Caffeine.newBuilder().ticker(ticker).expireAfterAccess(idle).maximumSize(MAX_SUBJECTS).build();
    }

    /** The entries the largest cache holds, after pending evictions ran (for tests of the bound). */
    long largestCacheSize() {
        long max = 0;
        for (Cache<String, ?> c : List.of(weights, orders, connections, logonFailures, bans)) {
            c.cleanUp();
            max = Math.max(max, c.estimatedSize());
        }
        return max;
    }

    /** Whether {@code address} is in {@code limits.trustedNetworks}. */
    public boolean trusted(InetAddress address) {
        for (Cidr c : trusted) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The epoch ms until which {@code subject} is banned, or 0. */
    public long bannedUntil(String subject) {
        Ban ban = bans.getIfPresent(subject);
        return ban == null ? 0 : ban.until(clockMs.getAsLong());
    }

    /**
     * Charges {@code weight} to {@code subject} ({@code "key:<apiKey>"} or {@code "ip:<address>"}). A charge over
     * the limit is not counted; it counts as a 429, and more than {@code banAfter429s} of them in one window ban the
     * subject (2 minutes, doubling on each repeat up to a day).
     */
    public Decision chargeWeight(String subject, int weight) {
        long now = clockMs.getAsLong();
        long banned = bannedUntil(subject);
        int limit = limits.requestWeightPerMinute();
        Window w = weights.get(subject, k -> new Window());
        if (banned > 0) {
            return new Decision(false, w.count(now, MINUTE_MS), limit, banned, banned);
        }
        Decision d = w.charge(now, MINUTE_MS, weight, limit);
        if (!d.allowed() && w.rejectedInWindow() > limits.banAfter429s()) {
            long until = ban(subject, now);
            return new Decision(false, d.count(), limit, until, until);
        }
        return d;
    }

    /** Counts one order of {@code accountId} against {@code ordersPerMinute}. */
    public Decision chargeOrder(String accountId) {
        return orders.get(accountId, k -> new Window())
                .charge(clockMs.getAsLong(), MINUTE_MS, 1, limits.ordersPerMinute());
    }

    /** The current count of orders of {@code accountId} in this window (for {@code rateLimits}). */
    public int orderCount(String accountId) {
        Window w = orders.getIfPresent(accountId);
        return w == null ? 0 : w.count(clockMs.getAsLong(), MINUTE_MS);
    }

    /**
     * Decides a WebSocket upgrade from {@code address}: banned IPs are refused, trusted networks always pass, others
     * get {@code connectionsPerIpPer5Minutes}.
     */
    public Admission admitConnection(InetAddress address) {
        String ip = address.getHostAddress();
        if (bannedUntil("ip:" + ip) > 0) {
            return Admission.BANNED;
        }
        if (trusted(address)) {
            return Admission.ADMITTED;
        }
        Decision d = connections.get(ip, k -> new Window())
                .charge(clockMs.getAsLong(), FIVE_MINUTES_MS, 1, limits.connectionsPerIpPer5Minutes());
        return d.allowed() ? Admission.ADMITTED : Admission.RATE_LIMITED;
    }

    /**
     * Records a failed logon from {@code address}; returns the ban's end (epoch ms) if this failure pushed the IP
     * over {@code logonFailuresPerIpPerMinute}, else 0.
     */
    public long logonFailed(InetAddress address) {
        String ip = address.getHostAddress();
        long now = clockMs.getAsLong();
        Decision d = logonFailures.get(ip, k -> new Window())
                .charge(now, MINUTE_MS, 1, limits.logonFailuresPerIpPerMinute());
        if (d.allowed()) {
            return 0;
        }
        long existing = bannedUntil("ip:" + ip);
        return existing > 0 ? existing : ban("ip:" + ip, now);
    }

    private long ban(String subject, long now) {
        Ban ban = bans.get(subject, k -> new Ban());
        return ban.extend(now);
    }

    /** A fixed, aligned window: its start, the weight counted in it, and the 429s it gave. */
    private static final class Window {
        private long start = Long.MIN_VALUE;
        private int count;
        private int rejected;

        synchronized Decision charge(long now, long lengthMs, int weight, int limit) {
            roll(now, lengthMs);
            if ((long) count + weight > limit) {
                rejected++;
                return new Decision(false, count, limit, start + lengthMs, 0);
            }
            count += weight;
            return new Decision(true, count, limit, start + lengthMs, 0);
        }

        synchronized int count(long now, long lengthMs) {
            roll(now, lengthMs);
            return count;
        }

        synchronized int rejectedInWindow() {
            return rejected;
        }

        private void roll(long now, long lengthMs) {
            long s = now - Math.floorMod(now, lengthMs);
            if (s != start) {
                start = s;
                count = 0;
                rejected = 0;
            }
        }
    }

    /** A subject's ban history: how many times banned, and until when. */
    private static final class Ban {
        private int times;
        private long until;

        synchronized long extend(long now) {
            if (until > now) {
                return until;
            }
            long length = Math.min(MAX_BAN_MS, FIRST_BAN_MS << Math.min(20, times));
            times++;
            until = now + length;
            return until;
        }

        synchronized long until(long now) {
            return until > now ? until : 0;
        }
    }
}
