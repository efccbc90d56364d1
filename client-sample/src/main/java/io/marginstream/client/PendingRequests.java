package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request correlation on one connection: the future of each request id in flight, completed by the response with
 * that {@code id} (its {@code result}, or an {@link io.marginstream.protocol.ApiException} for an error), by the
 * timeout, or by the end of the connection. Thread-safe.
 */
final class PendingRequests {
    private final ConcurrentHashMap<Long, CompletableFuture<JsonNode>> byId = new ConcurrentHashMap<>();

    /** A future for request {@code id}, registered before the request is sent. */
    CompletableFuture<JsonNode> add(long id) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        byId.put(id, f);
        return f;
    }

    /** Forgets {@code id} (its request could not be sent). */
    void remove(long id) {
        byId.remove(id);
    }

    /** Fails the future of {@code id} with a {@code TimeoutException} unless answered within {@code timeout}. */
    void expireAfter(long id, CompletableFuture<JsonNode> f, Duration timeout) {
        f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> byId.remove(id));
    }

    /** Completes the request that {@code response} answers; false when no request with its id is in flight. */
    boolean complete(JsonNode response) {
        JsonNode id = response.get("id");
        CompletableFuture<JsonNode> f = id != null && id.canConvertToLong() ? byId.remove(id.asLong()) : null;
        if (f == null) {
            return false;
        }
        int status = response.path("status").asInt();
        if (status == 200) {
            f.complete(response.get("result"));
        } else {
            f.completeExceptionally(ResultReader.apiException(status, response.path("error")));
        }
        return true;
    }

    /** Fails every request in flight with {@code t}. */
    void failAll(Throwable t) {
        for (Long id : List.copyOf(byId.keySet())) {
            CompletableFuture<JsonNode> f = byId.remove(id);
            if (f != null) {
                f.completeExceptionally(t);
            }
        }
    }
}
