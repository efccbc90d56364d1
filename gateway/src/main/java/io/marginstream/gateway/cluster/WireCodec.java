package io.marginstream.gateway.cluster;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of the NATS hop (docs/CLUSTER.md "Messages"): engine commands, their results and errors, account events,
 * margin snapshots and marks as JSON, each typed value as {@code {"t":"<record's simple name>","v":{...}}}. The
 * engine's own records travel as they are (their components by name, amounts as exact JSON decimals), so the far side
 * gets the very records the embedded engine would have handed it. Results are the engine package's records, lists of
 * them, or {@code null}. Stateless; thread-safe.
 */
final class WireCodec {
    private static final String ENGINE_PACKAGE = "io.marginstream.gateway.engine.";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // amounts keep their scale (10.50 stays 10.50, 0E-8 stays 0E-8): the far side renders them as the
            // embedded engine's records would be rendered
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final Map<String, Class<?>> COMMANDS = records(EngineCommand.class);
    private static final Map<String, Class<?>> EVENTS = records(AccountEvent.class);

    private WireCodec() {}

    /** A request: the command and the time (epoch ms) after which the gateway no longer waits for it. */
    record Request(EngineCommand command, long deadlineMillis) {}

    static byte[] request(EngineCommand cmd, long deadlineMillis) {
        ObjectNode n = JSON.createObjectNode();
        n.set("c", typed(cmd));
        n.put("d", deadlineMillis);
        return bytes(n);
    }

    static Request readRequest(byte[] data) throws IOException {
        JsonNode n = JSON.readTree(data);
        return new Request((EngineCommand) untyped(n.get("c"), COMMANDS), n.get("d").asLong());
    }

    /** A reply carrying a result ({@code null}, a record of the engine package, or a list of them). */
    static byte[] result(Object result) {
        ObjectNode n = JSON.createObjectNode();
        if (result instanceof List<?> list) {
            ArrayNode a = n.putArray("list");
            for (Object o : list) {
                a.add(typed(o));
            }
        } else if (result != null) {
            n.set("ok", typed(result));
        } else {
            n.putNull("ok");
        }
        return bytes(n);
    }

    /** A reply carrying an error. */
    static byte[] error(ApiException e) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode err = n.putObject("err");
        err.put("code", e.code().name());
        err.put("status", e.status());
        err.put("msg", e.getMessage());
        if (e.data() != null && !e.data().isEmpty()) {
            err.set("data", JSON.valueToTree(e.data()));
        }
        return bytes(n);
    }

    /**
     * Reads a reply: the result, or the {@link ApiException} it carried (returned, not thrown).
     *
     * @throws IOException when the bytes are not a reply
     */
    static Object readReply(byte[] data) throws IOException {
        JsonNode n = JSON.readTree(data);
        JsonNode err = n.get("err");
        if (err != null) {
            Map<String, Object> extra = err.has("data")
                    ? JSON.convertValue(err.get("data"), JSON.getTypeFactory().constructMapType(HashMap.class,
                            String.class, Object.class)) : null;
            ApiException e = new ApiException(ErrorCode.valueOf(err.get("code").asText()), err.get("status").asInt(),
                    err.get("msg").asText(), extra);
            return e;
        }
        JsonNode list = n.get("list");
        if (list != null) {
            List<Object> out = new ArrayList<>(list.size());
            for (JsonNode e : list) {
                out.add(untyped(e, null));
            }
            return List.copyOf(out);
        }
        JsonNode ok = n.get("ok");
        return ok == null || ok.isNull() ? null : untyped(ok, null);
    }

    static byte[] events(List<AccountEvent> events) {
        ArrayNode a = JSON.createArrayNode();
        for (AccountEvent e : events) {
            a.add(typed(e));
        }
        return bytes(a);
    }

    static List<AccountEvent> readEvents(byte[] data) throws IOException {
        JsonNode a = JSON.readTree(data);
        List<AccountEvent> out = new ArrayList<>(a.size());
        for (JsonNode e : a) {
            out.add((AccountEvent) untyped(e, EVENTS));
        }
        return out;
    }

    static byte[] marginSnapshot(MarginSnapshot m) {
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + m, e);
        }
    }

    static MarginSnapshot readMarginSnapshot(byte[] data) throws IOException {
        return JSON.readValue(data, MarginSnapshot.class);
    }

    /** One symbol's mark: {@code {"E":time,"p":"mark"}}. */
    static byte[] mark(long eventTime, BigDecimal mark) {
        ObjectNode n = JSON.createObjectNode();
        n.put("E", eventTime);
        n.put("p", mark.toPlainString());
        return bytes(n);
    }

    /** A mark read back: its time and price. */
    record Mark(long eventTime, BigDecimal price) {}

    static Mark readMark(byte[] data) throws IOException {
        JsonNode n = JSON.readTree(data);
        return new Mark(n.get("E").asLong(), new BigDecimal(n.get("p").asText()));
    }

    /** A shard's heartbeat: its engine condition and reason. */
    record Heartbeat(int shard, String condition, String reason) {}

    static byte[] heartbeat(Heartbeat h) {
        try {
            return JSON.writeValueAsBytes(h);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + h, e);
        }
    }

    static Heartbeat readHeartbeat(byte[] data) throws IOException {
        return JSON.readValue(data, Heartbeat.class);
    }

    private static ObjectNode typed(Object value) {
        Class<?> c = value.getClass();
        if (!c.isRecord() || !c.getName().startsWith(ENGINE_PACKAGE)) {
            throw new IllegalArgumentException("not an engine record: " + c.getName());
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("t", c.getName().substring(ENGINE_PACKAGE.length()));
        n.set("v", JSON.valueToTree(value));
        return n;
    }

    /** A typed value back; {@code allowed} limits the types (by name), {@code null} = any engine record. */
    private static Object untyped(JsonNode n, Map<String, Class<?>> allowed) throws IOException {
        String t = n.get("t").asText();
        Class<?> c = allowed != null ? allowed.get(t) : engineRecord(t);
        if (c == null) {
            throw new IOException("unknown type '" + t + "'");
        }
        return JSON.treeToValue(n.get("v"), c);
    }

    private static Class<?> engineRecord(String name) throws IOException {
        if (!name.matches("[A-Za-z0-9$]+")) {
            throw new IOException("bad type name '" + name + "'");
        }
        try {
            Class<?> c = Class.forName(ENGINE_PACKAGE + name, false, WireCodec.class.getClassLoader());
            return c.isRecord() ? c : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The records of a sealed hierarchy by their names as {@link #typed} writes them. */
    private static Map<String, Class<?>> records(Class<?> sealed) {
        Map<String, Class<?>> out = new HashMap<>();
        collect(sealed, out);
        return Map.copyOf(out);
    }

    private static void collect(Class<?> c, Map<String, Class<?>> out) {
        if (c.isRecord()) {
            out.put(c.getName().substring(ENGINE_PACKAGE.length()), c);
        } else if (c.isSealed()) {
            for (Class<?> p : c.getPermittedSubclasses()) {
                collect(p, out);
            }
        }
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + n, e);
        }
    }
}
