package io.marginstream.gateway.session;

import io.marginstream.gateway.ratelimit.RateLimiter.Decision;
import io.marginstream.gateway.ratelimit.TokenBucket;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.RateLimit;
import io.marginstream.protocol.Request;
import io.marginstream.protocol.RequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One WebSocket connection's session: its request pipeline (message rate, bans, weight, auth, dispatch), its
 * logged-on key, its subscriptions and its {@link Outbox}.
 *
 * <p>Lifecycle: OPEN (created at the handshake) → optionally AUTHORIZED (after {@code session.logon}, back to OPEN
 * after {@code session.logout}) → CLOSED (connection gone). Owned by the connection's event loop: every method
 * runs there (the fan-out reaches it through one {@link LoopBatch} task per event loop and engine batch).
 * Structures are created on first use, so an idle session is a few dozen fields.
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /** Message-rate rejections in a row after which the connection is closed with 1008. */
    static final int MAX_REJECTED_IN_ROW = 10;
    /** The least {@link #maxPendingReplies} can be, whatever {@code limits.messageBurst} says. */
    static final int MIN_PENDING_REPLIES = 16;
    /** How long a closing session waits for the responses it still owes (of commands the engine executes). */
    static final long OWED_REPLIES_TIMEOUT_MS = 5_000;

    private final long id;
    private final Transport transport;
    private final Executor loop;
    private final SessionRegistry registry;
    private final long connectedSince;
    private final Outbox outbox;
    private final TokenBucket messages;
    private int rejectedInRow;
    private Reply head;
    private Reply tail;
    private int pendingReplies;
    /**
     * Requests whose responses are not sent yet, at most: twice {@code limits.messageBurst} (at least
     * {@link #MIN_PENDING_REPLIES}), so that a burst is first met by the message rate (429, then 1008). Past it a
     * request is answered at once with {@code -1008} instead of waiting behind commands the engine has not
     * answered.
     */
    private final int maxPendingReplies;
    /** Set once a close is decided: no new request is taken; the close follows the owed responses. */
    private boolean closing;
    private int closeCode;
    private String closeReason;
    private boolean closed;
    /** A policy close is queued: later messages are ignored, earlier answers still go out first. */
    private boolean closeQueued;
    Auth auth;
    Subscriptions subscriptions;
    /** The Binance-style stream state when this session is such a connection (§11), else {@code null}. */
    PmConnection pm;

    Session(long id, Transport transport, SessionRegistry registry) {
        this.id = id;
        this.transport = transport;
        this.loop = transport.executor();
        this.registry = registry;
        this.connectedSince = registry.clock().getAsLong();
        var limits = registry.config().limits();
        this.messages = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), registry.clock());
        this.maxPendingReplies = Math.max(MIN_PENDING_REPLIES, 2 * limits.messageBurst());
        this.outbox = new Outbox(transport, registry.metrics(), registry.config().server().outboundBufferBytes(),
                this::slowConsumer);
    }

    public long id() {
        return id;
    }

    Transport transport() {
        return transport;
    }

    long connectedSince() {
        return connectedSince;
    }

    Outbox outbox() {
        return outbox;
    }

    /** The account of the logged-on key, or {@code null}. */
    String accountId() {
        Auth a = auth;
        return a == null ? null : a.key().accountId();
    }

    /** A parsed request from the connection. */
    public void onRequest(Request request) {
        if (closed || closing || closeQueued) {
            return;
        }
        if (overCap(request.id())) {
            return;
        }
        Reply reply = enqueue(request.id());
        if (!admitMessage(reply)) {
            return;
        }
        try {
            CompletionStage<Response> result = registry.dispatcher().dispatch(this, request);
            // Always a task on the loop, even when the result is already there: the engine may have completed the
            // command (and queued its events' fan-out task on this loop) before this line runs, and the response
            // must follow those events, so it queues behind them.
            result.whenComplete((r, err) -> transport.executor().execute(() -> finish(reply, r, err)));
        } catch (RuntimeException e) {
            finish(reply, null, e);
        }
    }

    /** A frame that was not a valid request. */
    public void onMalformed(RequestException e) {
        if (closed || closing || closeQueued) {
            return;
        }
        if (overCap(e.id())) {
            return;
        }
        Reply reply = enqueue(e.id());
        if (!admitMessage(reply)) {
            return;
        }
        complete(reply, error(e.id(), e, List.of()));
    }

    /**
     * With {@link #maxPendingReplies} responses still owed, answers {@code -1008} at once (out of order: it does
     * not wait behind them); the message still counts against the message rate.
     */
    private boolean overCap(Object requestId) {
        if (pendingReplies < maxPendingReplies) {
            return false;
        }
        messages.tryTake();
        ApiException e = new ApiException(ErrorCode.SERVICE_OVERLOADED, pendingReplies
                + " requests of this connection are still waiting for the engine; nothing changed; retry later.");
        outbox.offer(error(requestId, e, List.of()));
        return true;
    }

    /**
     * Takes one token of the message-rate bucket for a frame that is not a {@code /ws} request (a Binance stream
     * command); the 10th refusal in a row closes the connection with 1008, as for {@code /ws}.
     */
    boolean takeMessage() {
        if (closing || closeQueued) {
            return false;
        }
        if (messages.tryTake()) {
            rejectedInRow = 0;
            return true;
        }
        if (++rejectedInRow >= MAX_REJECTED_IN_ROW && !closeQueued && !closing) {
            log.info("session {}: closed 1008 after {} rate-limited messages in a row", id, rejectedInRow);
            queueClose(1008, "Too many messages.");
        }
        return false;
    }

    /** Queues a frame that must be delivered, in order (a Binance stream command's answer or a pushed event). */
    void send(byte[] frame) {
        if (!closed) {
            outbox.offer(frame);
        }
    }

    private boolean admitMessage(Reply reply) {
        if (messages.tryTake()) {
            rejectedInRow = 0;
            return true;
        }
        rejectedInRow++;
        var limits = registry.config().limits();
        ApiException e = new ApiException(ErrorCode.TOO_MANY_REQUESTS, 429, "Too many messages; the limit is "
                + limits.messagesPerSecond() + " per second with bursts of " + limits.messageBurst() + ".", null);
        complete(reply, error(reply.id, e, List.of()));
        if (rejectedInRow >= MAX_REJECTED_IN_ROW) {
            log.info("session {} account {}: closed 1008 after {} rate-limited messages in a row", id, accountId(),
                    rejectedInRow);
            queueClose(1008, "Too many messages.");
        }
        return false;
    }

    /**
     * Takes no further message and closes once the tasks already queued on the loop have run; {@link #close} then
     * also waits for the responses still owed.
     */
    private void queueClose(int code, String reason) {
        closeQueued = true;
        transport.executor().execute(() -> close(code, reason));
    }

    private void finish(Reply reply, Response r, Throwable err) {
        if (err != null) {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            ApiException e;
            if (cause instanceof ApiException ae) {
                e = ae;
            } else {
                log.error("session {} account {}: request {} failed", id, accountId(), reply.id, cause);
                e = new ApiException(ErrorCode.UNKNOWN, ErrorCode.UNKNOWN.message());
            }
            List<RateLimit> limits = cause instanceof LimitedException le ? le.rateLimits() : null;
            complete(reply, error(reply.id, e, limits));
            return;
        }
        complete(reply, r.bytes(reply.id));
    }

    private byte[] error(Object requestId, ApiException e, List<RateLimit> rateLimits) {
        registry.metrics().rejected(e.code().code());
        return ProtocolJson.errorResponseBytes(requestId, e, rateLimits);
    }

    private Reply enqueue(Object requestId) {
        Reply r = new Reply(requestId);
        if (tail == null) {
            head = r;
        } else {
            tail.next = r;
        }
        tail = r;
        pendingReplies++;
        return r;
    }

    private void complete(Reply reply, byte[] bytes) {
        reply.bytes = bytes;
        while (head != null && head.bytes != null) {
            outbox.offer(head.bytes);
            head = head.next;
            pendingReplies--;
        }
        if (head == null) {
            tail = null;
            if (closing) {
                finishClose();
            }
        }
    }

    /**
     * One delivery of a fan-out batch ({@link LoopBatch}, on this session's event loop): offers the frame to the
     * outbox without draining it. Returns true when the outbox newly needs the batch's drain.
     */
    boolean accept(byte kind, byte[] frame, String key, long eventTime) {
        Subscriptions s = subscriptions;
        return switch (kind) {
            case LoopBatch.USER_DATA -> s != null && s.userData && outbox.add(frame);
            case LoopBatch.RATIO -> s != null && s.marginRatio && outbox.addRatio(frame, eventTime, s.ratioIntervalMs);
            case LoopBatch.PM_USER_DATA -> pm != null && pm.names.containsKey(key) && outbox.add(frame);
            case LoopBatch.PM_MARK -> pm != null && pm.names.containsKey(key) && outbox.addMark(key, frame, eventTime);
            case LoopBatch.OVERFLOW -> {
                slowConsumer();
                yield false;
            }
            default -> outbox.addMark(key, frame, eventTime);
        };
    }

    /** The event loop this session runs on (the fan-out groups deliveries by it). */
    Executor loop() {
        return loop;
    }

    /** Nothing arrived for {@code idleTimeoutSeconds}: close with 1001. */
    public void onIdle() {
        log.info("session {} account {}: idle, closing 1001", id, accountId());
        close(1001, "idle timeout");
    }

    /** The transport became writable again. */
    public void onWritable() {
        outbox.drain();
    }

    /**
     * Sends {@code serverShutdown} and closes with 1001 after the responses still owed (called on shutdown; hops to
     * the event loop).
     */
    void shutdown(byte[] serverShutdownEvent) {
        transport.executor().execute(() -> {
            if (!closed && !closing) {
                outbox.offer(serverShutdownEvent);
                close(1001, "server shutdown");
            }
        });
    }

    /**
     * Closes the connection with {@code code}; the session ends when the transport reports it closed. Unless it is
     * a slow-consumer close, no new request is taken from now on, and the close waits until every response the
     * session owes has been sent — a command the engine executed is answered — or for at most
     * {@link #OWED_REPLIES_TIMEOUT_MS}.
     */
    void close(int code, String reason) {
        boolean overrides = code == Outbox.SLOW_CONSUMER && closeReason != null;
        if (closed || !transport.isOpen() || (closing && !overrides)) {
            return;
        }
        closing = true;
        closeCode = code;
        closeReason = reason;
        if (code == Outbox.SLOW_CONSUMER || head == null) {
            finishClose();
        } else {
            log.debug("session {} account {}: closing {} once {} owed responses are sent", id, accountId(), code,
                    pendingReplies);
            transport.schedule(this::finishClose, OWED_REPLIES_TIMEOUT_MS);
        }
    }

    private void finishClose() {
        if (closed || !transport.isOpen() || closeReason == null) {
            return;
        }
        if (head != null) {
            log.info("session {} account {}: closing {} with {} responses still owed after {} ms", id, accountId(),
                    closeCode, pendingReplies, OWED_REPLIES_TIMEOUT_MS);
        }
        String reason = closeReason;
        closeReason = null;
        registry.metrics().closed(closeCode);
        if (closeCode != Outbox.SLOW_CONSUMER) {
            outbox.drainAll();
        }
        outbox.close();
        transport.close(closeCode, reason);
    }

    private void slowConsumer() {
        registry.metrics().slowConsumerClosed();
        log.info("session {} account {}: slow consumer, closing with 4008", id, accountId());
        close(Outbox.SLOW_CONSUMER, "slow consumer");
    }

    /** The connection is gone: unregister everything. */
    public void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        outbox.close();
        registry.remove(this);
        log.debug("session {} account {} closed", id, accountId());
    }

    boolean isClosed() {
        return closed;
    }

    /** A method's successful outcome, encoded when its turn comes. */
    interface Response {
        byte[] bytes(Object requestId);

        static Response ok(Object result, List<RateLimit> rateLimits) {
            return requestId -> ResponseEncoding.ok(requestId, result, rateLimits);
        }
    }

    /** An {@link ApiException} that still reports the rate limits the request counted against. */
    static final class LimitedException extends ApiException {
        private final transient List<RateLimit> rateLimits;

        LimitedException(ApiException e, List<RateLimit> rateLimits) {
            super(e.code(), e.status(), e.getMessage(), e.data());
            this.rateLimits = rateLimits;
        }

        List<RateLimit> rateLimits() {
            return rateLimits;
        }
    }

    static Map<String, Object> retryAfter(long ms) {
        return Map.of("retryAfter", ms);
    }

    static boolean wantsRateLimits(Request r) {
        return Params.returnRateLimits(r.params());
    }

    static RateLimit weight(Decision d) {
        return new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, d.limit(), d.count());
    }
}
