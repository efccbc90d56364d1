package io.marginstream.gateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marginstream.gateway.config.OptionListing;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.marginstream.gateway.ratelimit.RateLimiter.Decision;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.RateLimit;
import io.marginstream.protocol.Request;
import io.marginstream.protocol.auth.SignaturePayload;
import io.marginstream.protocol.message.LogonParams;
import io.marginstream.protocol.message.Method;
import io.marginstream.protocol.message.Permission;
import io.marginstream.protocol.message.SessionInfo;
import io.marginstream.protocol.message.Streams;
import io.marginstream.protocol.message.SubscribeParams;
import io.marginstream.protocol.message.UnsubscribeParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Runs one request through the checks of §3 and §7 in order — bans, request weight, method lookup, logon and
 * permission, orders limit — then answers the session methods itself and hands the others to {@link Commands}.
 * The method table (weights, permissions, known params) is the protocol's {@link Method}; params are read through
 * the protocol's params records.
 *
 * <p>Called on the requesting session's event loop; shared by all sessions (its own state, the replay cache, is
 * thread-safe).
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final SessionRegistry registry;
    private final Commands commands;
    private final Set<String> symbols;
    /**
     * Most signatures the replay cache holds; past it logons fail closed (429) until entries expire, rather than
     * forgetting signatures that could still be replayed.
     */
    static final long MAX_USED_SIGNATURES = 200_000;
    /** Signatures accepted by logon, kept as long as their timestamp could still pass the window. */
    private final Cache<String, Boolean> usedSignatures;

    Dispatcher(SessionRegistry registry, Commands commands) {
        this.registry = registry;
        this.commands = commands;
        this.symbols = new TreeSet<>();
        registry.config().instruments().forEach(i -> symbols.add(i.symbol()));
        OptionListing.of(registry.config()).forEach(o -> symbols.add(o.symbol()));
        this.usedSignatures = Caffeine.newBuilder()
                .ticker(() -> registry.clock().getAsLong() * 1_000_000L)
                .expireAfterWrite(Duration.ofMillis(LogonParams.MAX_RECV_WINDOW + 1000))
                .build();
    }

    CompletionStage<Session.Response> dispatch(Session s, Request r) {
        RateLimiter limiter = registry.limiter();
        InetAddress ip = s.transport().remoteAddress();
        String ipSubject = "ip:" + ip.getHostAddress();
        Auth auth = s.auth;
        long banned = limiter.bannedUntil(ipSubject);
        if (auth != null) {
            banned = Math.max(banned, limiter.bannedUntil("key:" + auth.key().apiKey()));
        }
        if (banned > 0) {
            throw banned(banned);
        }
        Method m = Method.byName(r.method());
        if (m != null && m.admin() && !registry.config().admin().enabled()) {
            m = null;
        }
        String subject = auth != null ? "key:" + auth.key().apiKey() : ipSubject;
        Decision weight = limiter.chargeWeight(subject, m == null ? 1 : m.weight());
        List<RateLimit> rateLimits = Session.wantsRateLimits(r) ? new ArrayList<>(2) : null;
        if (rateLimits != null) {
            rateLimits.add(Session.weight(weight));
        }
        try {
            if (!weight.allowed()) {
                if (weight.banned()) {
                    log.info("session {} account {}: {} banned until {}", s.id(), s.accountId(), subject,
                            weight.bannedUntilMs());
                    throw banned(weight.bannedUntilMs());
                }
                throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, 429, "Too much request weight used; the limit is "
                        + weight.limit() + " per minute.", Session.retryAfter(weight.windowEndMs()));
            }
            if (m == null) {
                throw new ApiException(ErrorCode.UNKNOWN_METHOD, ErrorCode.UNKNOWN_METHOD.message(printable(r.method())));
            }
            if (m.needsAuth()) {
                checkPermission(s, m.permission());
            }
            if (m.placesOrder()) {
                Decision orders = limiter.chargeOrder(s.accountId());
                if (rateLimits != null) {
                    rateLimits.add(new RateLimit("ORDERS", "MINUTE", 1, orders.limit(), orders.count()));
                }
                if (!orders.allowed()) {
                    throw new ApiException(ErrorCode.TOO_MANY_ORDERS, 429, "Too many new orders; the limit is "
                            + orders.limit() + " per minute.", Session.retryAfter(orders.windowEndMs()));
                }
            }
            return answer(s, m, r, rateLimits);
        } catch (ApiException e) {
            throw new Session.LimitedException(e, rateLimits);
        }
    }

    /** Checks the params against the method's names; answers the session methods here, hands the others on. */
    private CompletionStage<Session.Response> answer(Session s, Method m, Request r, List<RateLimit> rl) {
        Params p = Params.of(r.params(), m.params());
        long now = registry.clock().getAsLong();
        Object result;
        switch (m) {
            case PING:
                result = Map.of();
                break;
            case TIME:
                result = Map.of("serverTime", now);
                break;
            case EXCHANGE_INFO:
                result = registry.exchangeInfo().result(now);
                break;
            case SESSION_LOGON:
                result = logon(s, p, now);
                break;
            case SESSION_STATUS:
                result = status(s, now);
                break;
            case SESSION_LOGOUT:
                logout(s);
                result = status(s, now);
                break;
            case SUBSCRIBE:
                return subscribe(s, SubscribeParams.from(p), rl);
            case UNSUBSCRIBE:
                result = unsubscribe(s, UnsubscribeParams.from(p));
                break;
            case SUBSCRIPTIONS:
                result = Map.of("streams", s.subscriptions == null ? List.of() : s.subscriptions.names());
                break;
            default:
                return engine(s, m, p, rl);
        }
        return CompletableFuture.completedFuture(Session.Response.ok(result, rl));
    }

    private CompletionStage<Session.Response> engine(Session s, Method m, Params p, List<RateLimit> rl) {
        if (commands == null) {
            throw new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine is not running; retry later.");
        }
        return commands.execute(m, s.accountId(), p).handle((result, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                if (cause instanceof ApiException ae) {
                    throw new Session.LimitedException(ae, rl);
                }
                throw err instanceof CompletionException ce ? ce : new CompletionException(err);
            }
            return Session.Response.ok(result, rl);
        });
    }

    // ---- §3 authentication ----

    private Object logon(Session s, Params p, long now) {
        InetAddress ip = s.transport().remoteAddress();
        try {
            LogonParams logon = LogonParams.from(p);
            String apiKey = logon.apiKey();
            String signature = logon.signature();
            if (apiKey.length() > 128 || !apiKey.chars().allMatch(ch -> ch > 32 && ch < 127)) {
                throw new ApiException(ErrorCode.BAD_API_KEY_FORMAT, ErrorCode.BAD_API_KEY_FORMAT.message());
            }
            KeyStore.ApiKey key = registry.keys().find(apiKey);
            if (key == null || !key.allows(ip)) {
                throw new ApiException(ErrorCode.REJECTED_API_KEY, ErrorCode.REJECTED_API_KEY.message());
            }
            if (!(logon.timestamp() < now + 1000 && now - logon.timestamp() <= logon.recvWindow())) {
                throw new ApiException(ErrorCode.INVALID_TIMESTAMP, ErrorCode.INVALID_TIMESTAMP.message());
            }
            if (!key.verify(SignaturePayload.of(p.node()), signature)) {
                throw new ApiException(ErrorCode.INVALID_SIGNATURE, ErrorCode.INVALID_SIGNATURE.message());
            }
            if (usedSignatures.estimatedSize() >= MAX_USED_SIGNATURES) {
                throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, 429,
                        "Too many logons on this server in the last minute; try again shortly.", null);
            }
            String used = apiKey + '\n' + key.signatureId(signature);
            if (usedSignatures.asMap().putIfAbsent(used, Boolean.TRUE) != null) {
                throw new ApiException(ErrorCode.INVALID_SIGNATURE, "Signature for this request was already used.");
            }
            Auth previous = s.auth;
            if (previous != null && !previous.key().accountId().equals(key.accountId())) {
                logout(s);
            }
            s.auth = new Auth(key, now);
            log.info("session {} account {}: logged on with key {}", s.id(), key.accountId(),
                    KeyStore.masked(apiKey));
            return status(s, now);
        } catch (ApiException e) {
            if (e.code() != ErrorCode.UNKNOWN_PARAM && e.code() != ErrorCode.MANDATORY_PARAM_MISSING
                    && e.code() != ErrorCode.BAD_PARAM_VALUE && e.code() != ErrorCode.TOO_MANY_REQUESTS) {
                long bannedUntil = registry.limiter().logonFailed(ip);
                if (bannedUntil > 0) {
                    log.info("session {}: IP {} banned until {} after failed logons", s.id(), ip.getHostAddress(),
                            bannedUntil);
                }
            }
            throw e;
        }
    }

    private static SessionInfo status(Session s, long now) {
        Auth a = s.auth;
        if (a == null) {
            return new SessionInfo(null, null, List.of(), null, s.connectedSince(), now);
        }
        List<Permission> permissions = a.key().permissions().stream().sorted().toList();
        return new SessionInfo(a.key().apiKey(), a.key().accountId(), permissions, a.authorizedSince(),
                s.connectedSince(), now);
    }

    /** Forgets the session's key and ends its account subscriptions; the connection stays open. */
    void logout(Session s) {
        Auth a = s.auth;
        if (a == null) {
            return;
        }
        endAccountStreams(s);
        s.auth = null;
        log.info("session {} account {}: logged out", s.id(), a.key().accountId());
    }

    /** Ends the session's account streams ({@code userData}, {@code marginRatio}); the key stays. */
    void endAccountStreams(Session s) {
        Auth a = s.auth;
        Subscriptions subs = s.subscriptions;
        if (a == null || subs == null) {
            return;
        }
        registry.unsubscribeUserData(a.key().accountId(), s);
        registry.unsubscribeMarginRatio(a.key().accountId(), s);
        subs.userData = false;
        subs.marginRatio = false;
        s.outbox().clearRatio();
    }

    private void checkPermission(Session s, Permission permission) {
        Auth a = s.auth;
        if (a == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, ErrorCode.UNAUTHORIZED.message());
        }
        if (!registry.keys().isActive(a.key().apiKey())) {
            logout(s);
            throw new ApiException(ErrorCode.REJECTED_API_KEY, "API-key " + a.key().apiKey()
                    + " is no longer valid; log on again.");
        }
        if (!a.key().permissions().contains(permission)) {
            throw new ApiException(ErrorCode.REJECTED_API_KEY, 403, "This API-key lacks the " + permission
                    + " permission.", null);
        }
    }

    // ---- §6 subscriptions ----

    /**
     * {@code subscribe}: checked and applied on the session's loop. {@code marginRatio} needs the account's PM mode;
     * in one process it is known at once and the subscription applies here; in cluster mode the first ask for an
     * account may wait for its shard, and the subscription then applies in a task on the session's loop (if the
     * session is still open and logged on to the same account), so the loop never waits.
     */
    private CompletionStage<Session.Response> subscribe(Session s, SubscribeParams p, List<RateLimit> rl) {
        boolean account = false;
        for (String name : p.streams()) {
            account |= checkStream(name);
        }
        if (account) {
            checkPermission(s, Permission.READ);
        }
        if (!account || !p.streams().contains(Streams.MARGIN_RATIO) || commands == null) {
            return CompletableFuture.completedFuture(Session.Response.ok(apply(s, p), rl));
        }
        String accountId = s.accountId();
        CompletableFuture<Boolean> pm = commands.portfolioMargin(accountId).toCompletableFuture();
        if (pm.isDone() && !pm.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(Session.Response.ok(applyPm(s, p, pm.join()), rl));
        }
        return pm.handleAsync((isPm, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                throw new Session.LimitedException(cause instanceof ApiException ae ? ae
                        : new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine did not answer; retry later."),
                        rl);
            }
            if (s.isClosed() || !accountId.equals(s.accountId())) {
                throw new Session.LimitedException(new ApiException(ErrorCode.UNAUTHORIZED,
                        ErrorCode.UNAUTHORIZED.message()), rl);
            }
            try {
                return Session.Response.ok(applyPm(s, p, isPm), rl);
            } catch (ApiException e) {
                throw new Session.LimitedException(e, rl);
            }
        }, s.loop());
    }

    private Object applyPm(Session s, SubscribeParams p, boolean portfolioMargin) {
        if (!portfolioMargin) {
            throw new ApiException(ErrorCode.WRONG_MODE, "Account " + s.accountId()
                    + " is not in portfolio-margin mode; the marginRatio stream needs it.");
        }
        return apply(s, p);
    }

    /** Adds the (checked) streams to the session's subscriptions; on the session's loop. */
    private Object apply(Session s, SubscribeParams p) {
        List<String> streams = p.streams();
        Long interval = p.intervalMs();
        Subscriptions subs = s.subscriptions;
        if (subs == null) {
            subs = new Subscriptions();
            s.subscriptions = subs;
        }
        String accountId = s.accountId();
        for (String name : streams) {
            if (name.equals(Streams.USER_DATA)) {
                subs.userData = true;
                registry.subscribeUserData(accountId, s);
            } else if (name.equals(Streams.MARGIN_RATIO)) {
                subs.marginRatio = true;
                if (interval != null) {
                    subs.ratioIntervalMs = interval;
                }
                registry.subscribeMarginRatio(accountId, s);
            } else if (name.equals(Streams.MARK_PRICE)) {
                subs.markAll = true;
                registry.subscribeMarkAll(s);
            } else {
                String sym = Streams.markPriceSymbol(name);
                if (subs.markSymbols == null) {
                    subs.markSymbols = new TreeSet<>();
                }
                subs.markSymbols.add(sym);
                registry.subscribeMark(sym, s);
            }
        }
        return Map.of("subscribed", List.copyOf(new java.util.LinkedHashSet<>(streams)));
    }

    private Object unsubscribe(Session s, UnsubscribeParams p) {
        List<String> streams = p.streams();
        for (String name : streams) {
            checkStream(name);
        }
        Subscriptions subs = s.subscriptions;
        if (subs != null) {
            String accountId = s.accountId();
            for (String name : streams) {
                if (name.equals(Streams.USER_DATA)) {
                    subs.userData = false;
                    if (accountId != null) {
                        registry.unsubscribeUserData(accountId, s);
                    }
                } else if (name.equals(Streams.MARGIN_RATIO)) {
                    subs.marginRatio = false;
                    s.outbox().clearRatio();
                    if (accountId != null) {
                        registry.unsubscribeMarginRatio(accountId, s);
                    }
                } else if (name.equals(Streams.MARK_PRICE)) {
                    subs.markAll = false;
                    registry.unsubscribeMarkAll(s);
                    s.outbox().clearMarks("markPrice\n");
                } else {
                    String sym = Streams.markPriceSymbol(name);
                    if (subs.markSymbols != null) {
                        subs.markSymbols.remove(sym);
                    }
                    registry.unsubscribeMark(sym, s);
                    s.outbox().clearMarks(name + "\n");
                }
            }
        }
        return Map.of("unsubscribed", List.copyOf(new java.util.LinkedHashSet<>(streams)));
    }

    /**
     * Checks the symbol of a {@code markPrice@<symbol>} stream against the configured instruments ({@code -1121});
     * the name's form is {@link SubscribeParams}'s rule. Returns whether it is an account stream.
     */
    private boolean checkStream(String name) {
        String sym = Streams.markPriceSymbol(name);
        if (sym != null && !symbols.contains(sym)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(printable(sym)));
        }
        return Streams.isAccountStream(name);
    }

    private static ApiException banned(long until) {
        return new ApiException(ErrorCode.TOO_MANY_REQUESTS, 418, "Way too many requests; banned until " + until + ".",
                Session.retryAfter(until));
    }

    static String printable(String s) {
        String t = s.length() <= 64 ? s : s.substring(0, 64) + "...";
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
