package io.marginstream.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One parsed request envelope of PROTOCOL.md §2. Built by {@link ProtocolJson#parseRequest(String)}, which has
 * already checked the envelope; the params are checked per method through {@link Params}.
 *
 * <p>Immutable apart from {@code params}, which belongs to whoever handles the request (do not mutate it while
 * another thread reads it).
 *
 * @param id     a {@link String} of 1–64 characters or a {@link Long} with |id| &lt; 2^53, echoed back as given
 * @param method the method name, not empty
 * @param params the params object, never null (empty when the request had none)
 */
public record Request(Object id, String method, ObjectNode params) {
    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (!(id instanceof String || id instanceof Long)) {
            throw new IllegalArgumentException("id must be a String or a Long: " + id.getClass().getName());
        }
    }
}
