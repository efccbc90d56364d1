package io.marginstream.gateway.binance;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.marginstream.gateway.ratelimit.RateLimiter.Decision;
import io.marginstream.gateway.session.KeyStore;
import io.marginstream.gateway.session.SessionRegistry;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.binance.BinanceError;
import io.marginstream.protocol.binance.RestParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The front door of §11: one REST request in, one JSON answer out, through the same steps for every route —
 * route lookup (404/405 {@code -1020} naming it), bans (418), params ({@link RestParams}), the key
 * ({@code -2014}/{@code -2015}, 401), the signature's time window ({@code -1021}) and HMAC or Ed25519 over the raw
 * bytes ({@code -1022}), request weight against the same limiter as {@code /ws} (charged to the API key once the
 * request proved it holds it, else to the IP, as {@code /ws} charges the key only after logon; 429 {@code -1003}
 * with {@code Retry-After}, answered before an authentication error), the permission ({@code -2015}, 403), the
 * {@code ORDERS} limit ({@code -1015}), then the route's endpoint. Every answer carries
 * {@code X-MBX-USED-WEIGHT-1M}; order routes also {@code X-MBX-ORDER-COUNT-1M}.
 *
 * <p>Thread-safe; called on the connection's event loop. Endpoints complete on it too (results are shaped there).
 */
public final class BinanceApi {
    private static final Logger log = LoggerFactory.getLogger(BinanceApi.class);
    /** Longest {@code recvWindow} accepted, as Binance. */
    static final long MAX_RECV_WINDOW = 60_000;
    static final long DEFAULT_RECV_WINDOW = 5_000;
    private static final String[] PREFIXES = {"/papi/", "/fapi/", "/dapi/", "/eapi/", "/api/", "/sapi/"};

    private final BinanceRoutes routes;
    private final KeyStore keys;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final LongSupplier clock;

    public BinanceApi(GatewayConfig config, EngineClient engine, KeyStore keys, RateLimiter limiter,
                      SessionRegistry sessions, GatewayMetrics metrics, LongSupplier clock) {
        this.keys = keys;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
        this.routes = new BinanceRoutes(new MarketEndpoints(config, engine, clock), new AccountEndpoints(engine, config.limits().ordersPerMinute()),
                new ActionEndpoints(engine), new OrderEndpoints(engine),
                new ListenKeyEndpoints(sessions.listenKeys(), sessions.pmStreams()),
                new OptionEndpoints(config, engine));
    }

    /** The routing table (for tests and docs). */
    BinanceRoutes routes() {
        return routes;
    }

    /** Whether {@code path} (decoded) belongs to the Binance REST surface. */
    public static boolean isRestPath(String path) {
        for (String p : PREFIXES) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** An answer for a request whose body was too large to read (no route is run, nothing is charged). */
    public static RestResponse tooLarge(int maxBytes) {
        return error(413, new ApiException(ErrorCode.DUPLICATE_PARAM, 413, "Too many parameters: the request is "
                + "larger than " + maxBytes + " bytes.", null), Map.of());
    }

    /** The answer when handling failed unexpectedly: 500 {@code -1000}, nothing changed. */
    public static RestResponse internalError() {
        return error(500, new ApiException(ErrorCode.UNKNOWN, ErrorCode.UNKNOWN.message()), Map.of());
    }

    /** Handles one request; the stage never fails (errors become Binance error answers). */
    public CompletionStage<RestResponse> handle(RestRequest r) {
        long now = clock.getAsLong();
        Map<String, String> headers = new LinkedHashMap<>();
        Route route = routes.find(r.method(), r.path());
        String ip = "ip:" + r.remoteAddress().getHostAddress();
        try {
            KeyStore.ApiKey named = r.apiKey() == null ? null : keys.find(r.apiKey());
            long banned = Math.max(limiter.bannedUntil(ip), named == null ? 0 : limiter.bannedUntil("key:"
                    + named.apiKey()));
            if (banned > 0) {
                throw banned(banned);
            }
            if (route == null) {
                charge(ip, 1, headers);
                throw notServed(r);
            }
            RestParams params;
            KeyStore.ApiKey key = null;
            ApiException refused = null;
            try {
                params = RestParams.parse(r.rawQuery(), body(r));
                if (route.security() != Route.Security.PUBLIC) {
                    key = authenticate(r, route, params, now);
                }
            } catch (ApiException e) {
                params = null;
                refused = e;
            }
            charge(key != null ? "key:" + key.apiKey() : ip, route.weightOf(params), headers);
            if (refused != null) {
                throw refused;
            }
            if (key != null && route.permission() != null
                    && !key.permissions().contains(route.permission())) {
                throw new ApiException(ErrorCode.REJECTED_API_KEY, 403, "This API-key lacks the "
                        + route.permission() + " permission.", null);
            }
            String accountId = key == null ? null : key.accountId();
            if (route.order()) {
                Decision orders = limiter.chargeOrder(accountId);
                headers.put("X-MBX-ORDER-COUNT-1M", Integer.toString(orders.count()));
                if (!orders.allowed()) {
                    throw new ApiException(ErrorCode.TOO_MANY_ORDERS, 429, "Too many new orders; the limit is "
                            + orders.limit() + " per minute.", Map.of("retryAfter", orders.windowEndMs()));
                }
            }
            Call call = new Call(params, accountId, key == null ? null : key.apiKey(), now, r.executor());
            return route.endpoint().call(call).handle((result, err) -> err == null
                    ? ok(result, headers) : failure(err, headers, r));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e, headers, r));
        }
    }

    /**
     * Charges {@code weight} to {@code subject}: the API key once the request proved it holds it (a valid signature,
     * or the key alone on {@code USER_STREAM} routes), the IP otherwise, so a key's name alone cannot spend its
     * weight. Over the limit: 429 {@code -1003} (418 once banned).
     */
    private void charge(String subject, int weight, Map<String, String> headers) {
        Decision d = limiter.chargeWeight(subject, weight);
        headers.put("X-MBX-USED-WEIGHT-1M", Integer.toString(d.count()));
        if (!d.allowed()) {
            if (d.banned()) {
                throw banned(d.bannedUntilMs());
            }
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, 429, "Too much request weight used; the limit is "
                    + d.limit() + " per minute.", Map.of("retryAfter", d.windowEndMs()));
        }
    }

    /** The key of a keyed or signed request: its format, existence and IP, and for signed routes the signature. */
    private KeyStore.ApiKey authenticate(RestRequest r, Route route, RestParams params, long now) {
        String apiKey = r.apiKey();
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > 128
                || !apiKey.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw new ApiException(ErrorCode.BAD_API_KEY_FORMAT, ErrorCode.BAD_API_KEY_FORMAT.message());
        }
        KeyStore.ApiKey key = keys.find(apiKey);
        if (key == null || !key.allows(r.remoteAddress())) {
            throw new ApiException(ErrorCode.REJECTED_API_KEY, ErrorCode.REJECTED_API_KEY.message());
        }
        if (route.security() == Route.Security.SIGNED) {
            checkSignature(key, params, now);
        }
        return key;
    }

    /** The form body, or {@code ""}: a non-empty body of another content type is {@code -1100}. */
    private static String body(RestRequest r) {
        String b = r.rawBody();
        if (b == null || b.isEmpty()) {
            return "";
        }
        String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(ErrorCode.ILLEGAL_CHARS, "Illegal characters found in the request body: send "
                    + "parameters in the query string or an application/x-www-form-urlencoded body.");
        }
        return b;
    }

    private void checkSignature(KeyStore.ApiKey key, RestParams p, long now) {
        long timestamp = p.requireLong("timestamp");
        Long rw = p.optLong("recvWindow");
        long recvWindow = rw == null ? DEFAULT_RECV_WINDOW : rw;
        if (recvWindow > MAX_RECV_WINDOW) {
            throw new ApiException(ErrorCode.BAD_RECV_WINDOW, ErrorCode.BAD_RECV_WINDOW.message());
        }
        if (!(timestamp < now + 1000 && now - timestamp <= recvWindow)) {
            throw new ApiException(ErrorCode.INVALID_TIMESTAMP, ErrorCode.INVALID_TIMESTAMP.message());
        }
        String signature = p.signature();
        if (signature == null || signature.isEmpty()) {
            throw RestParams.missing("signature");
        }
        if (!key.verify(p.signaturePayload(), signature)) {
            throw new ApiException(ErrorCode.INVALID_SIGNATURE, ErrorCode.INVALID_SIGNATURE.message());
        }
    }

    private ApiException notServed(RestRequest r) {
        var methods = routes.methods(r.path());
        String path = printable(r.path());
        if (methods.isEmpty()) {
            return new ApiException(ErrorCode.UNKNOWN_METHOD, 404, "Path " + path + " is not served by "
                    + "MarginStream; see docs/BINANCE.md for the served endpoints.", null);
        }
        return new ApiException(ErrorCode.UNKNOWN_METHOD, 405, "Method " + printable(r.method()) + " is not served "
                + "on " + path + "; use " + String.join(" or ", methods) + ".", null);
    }

    private static ApiException banned(long until) {
        return new ApiException(ErrorCode.TOO_MANY_REQUESTS, 418, "Way too many requests; banned until " + until + ".",
                Map.of("retryAfter", until));
    }

    private static RestResponse ok(Object result, Map<String, String> headers) {
        byte[] body = ProtocolJson.toJson(result == null ? Map.of() : result).getBytes(StandardCharsets.UTF_8);
        return new RestResponse(200, body, headers);
    }

    private RestResponse failure(Throwable err, Map<String, String> headers, RestRequest r) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        ApiException e;
        if (cause instanceof ApiException ae) {
            e = ae;
        } else {
            log.error("{} {} from {} failed", r.method(), printable(r.path()), r.remoteAddress(), cause);
            e = new ApiException(ErrorCode.UNKNOWN, ErrorCode.UNKNOWN.message());
        }
        metrics.rejected(e.code().code());
        Map<String, String> h = new LinkedHashMap<>(headers);
        if ((e.status() == 429 || e.status() == 418) && e.data() != null
                && e.data().get("retryAfter") instanceof Number until) {
            long seconds = Math.max(1, (until.longValue() - clock.getAsLong() + 999) / 1000);
            h.put("Retry-After", Long.toString(seconds));
        }
        return error(e.status(), e, h);
    }

    private static RestResponse error(int status, ApiException e, Map<String, String> headers) {
        byte[] body = ProtocolJson.toJson(new BinanceError(e.code().code(), e.getMessage()))
                .getBytes(StandardCharsets.UTF_8);
        return new RestResponse(status, body, headers);
    }

    static String printable(String s) {
        String t = s.length() <= 100 ? s : s.substring(0, 100) + "...";
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
