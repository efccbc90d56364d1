package io.marginstream.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.StreamEvent;

import java.util.Map;

/**
 * The client's reader of what the server sends: the protocol's mapper, but tolerant of fields it does not know, so
 * that a newer server that adds a field to a result or event does not break an older client (the server's own
 * reader of requests stays strict). Values of known fields are checked as strictly as on the server. Thread-safe.
 */
public final class ResultReader {
    static final ObjectMapper MAPPER = ProtocolJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultReader() {}

    /**
     * A result or event tree as a {@code protocol.message} record.
     *
     * @throws IllegalArgumentException naming the type when a known field is missing or malformed
     */
    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * An event's {@code data} as its record (picked by its {@code "e"}).
     *
     * @throws IllegalArgumentException when the data is not a known event
     */
    public static StreamEvent event(JsonNode data) {
        try {
            return MAPPER.treeToValue(data, StreamEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a known event: " + e.getOriginalMessage(), e);
        }
    }

    /** The exception for an error response's {@code status} and {@code error} object. */
    public static ApiException apiException(int status, JsonNode error) {
        int code = error.path("code").asInt(ErrorCode.UNKNOWN.code());
        ErrorCode ec = ErrorCode.ofCode(code);
        String msg = error.path("msg").asText("");
        if (ec == null) {
            ec = ErrorCode.UNKNOWN;
            msg = "(code " + code + ") " + msg;
        }
        Map<String, Object> data = error.hasNonNull("data")
                ? MAPPER.convertValue(error.get("data"), MAPPER.getTypeFactory().constructMapType(Map.class,
                String.class, Object.class))
                : null;
        return new ApiException(ec, status, msg, data);
    }
}
