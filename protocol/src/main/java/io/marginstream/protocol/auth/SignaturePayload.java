package io.marginstream.protocol.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signed payload of PROTOCOL.md §3: every param except {@code signature}, sorted by name, joined as
 * {@code name=value} with {@code &}, values as sent (no percent-encoding). Stateless and thread-safe.
 */
public final class SignaturePayload {
    /** The param that carries the signature and is left out of the payload. */
    public static final String SIGNATURE = "signature";

    private SignaturePayload() {
    }

    /** The payload of params given as text. */
    public static String of(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove(SIGNATURE);
        return join(sorted);
    }

    /**
     * The payload of a request's params object: strings unquoted, numbers as their original text (when parsed by
     * {@link ProtocolJson#parseRequest}), booleans as {@code true}/{@code false}; see
     * {@link ProtocolJson#valueText}.
     */
    public static String of(ObjectNode params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(SIGNATURE)) {
                sorted.put(e.getKey(), ProtocolJson.valueText(e.getValue()));
            }
        }
        return join(sorted);
    }

    private static String join(TreeMap<String, String> sorted) {
        StringBuilder sb = new StringBuilder(64);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
