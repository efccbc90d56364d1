package io.marginstream.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one strict JSON codec of the wire protocol (PROTOCOL.md §2): the shared {@link ObjectMapper}, request
 * envelope parsing and response/event encoding. Stateless apart from the mapper, which is built once, and each
 * thread's encoding buffer; thread-safe.
 */
public final class ProtocolJson {
    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest JSON string accepted (the default frame limit). */
    public static final int MAX_STRING_LENGTH = 65536;
    /** Longest JSON number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = Decimals.MAX_LENGTH;
    /** Longest string id. */
    public static final int MAX_ID_LENGTH = 64;
    /** Ids must satisfy |id| &lt; 2^53. */
    public static final long MAX_ID_MAGNITUDE = 1L << 53;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = buildMapper();
    /**
     * The mapper's factory for untrusted request text, with field names not canonicalized: a client chooses them,
     * and canonical names go into a symbol table shared by every parser of the factory, which colliding or huge
     * name sets can fill or corrupt for everyone.
     */
    private static final JsonFactory REQUEST_FACTORY = MAPPER.getFactory().rebuild()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ProtocolJson() {
    }

    /**
     * The shared strict mapper: fails on unknown properties, trailing tokens, duplicate keys, null primitives and
     * floats given for integers; reads floats as exact {@link BigDecimal}; writes {@link BigDecimal} as a plain
     * string with 8 decimals; serializes records (an empty record as {@code {}}). Thread-safe; never reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper buildMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        SimpleModule decimals = new SimpleModule("marginstream-decimals");
        decimals.addSerializer(BigDecimal.class, new PlainDecimalSerializer());
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .nodeFactory(NODES)
                .addModule(decimals)
                .build();
    }

    /**
     * Writes every {@link BigDecimal} as a JSON string in plain notation with exactly 8 decimals (§2: "results print
     * amounts with 8 decimals"), never exponent form.
     */
    private static final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        PlainDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Decimals.format(value));
        }
    }

    /**
     * Parses and checks one request envelope (PROTOCOL.md §2). Rules, all answered with {@code -1013} (status 400)
     * carrying the id when it was readable:
     * <ul>
     *   <li>the text is not exactly one JSON value (bad syntax, duplicate keys, trailing tokens, nesting deeper than
     *   64, strings over 65536 or numbers over 100 characters), or the value is not an object;</li>
     *   <li>{@code id} missing, {@code null}, a float, a boolean, an array or object, a string that is empty or
     *   longer than 64 characters, or an integer with |id| &ge; 2^53;</li>
     *   <li>{@code method} missing, not a string, or empty;</li>
     *   <li>{@code params} present but not an object ({@code "params": null} counts as absent);</li>
     *   <li>any other top-level key.</li>
     * </ul>
     * Numbers in params keep the text they were sent as, for the signature payload and the exact-decimal rules of
     * {@link Params}. Any failure of the parser itself is answered the same way, never thrown on.
     *
     * @throws RequestException when the text is not a valid request
     */
    public static Request parseRequest(String text) {
        JsonNode root;
        try (JsonParser p = REQUEST_FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw malformed(null, "Request is empty; send one JSON object.");
            }
            root = readValue(p, first);
            if (p.nextToken() != null) {
                throw malformed(null, "Request has data after its JSON object.");
            }
        } catch (JsonProcessingException e) {
            throw malformed(null, "Request is not valid JSON (" + shorten(e.getOriginalMessage()) + ").");
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed(null, "Request has a number that cannot be represented.");
        } catch (RequestException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed(null, "Request could not be parsed.");
        }
        if (!root.isObject()) {
            throw malformed(null, "Request must be a JSON object.");
        }
        ObjectNode obj = (ObjectNode) root;
        Object id = readId(obj.get("id"));
        JsonNode method = obj.get("method");
        if (method == null || method.isNull()) {
            throw malformed(id, "Request has no 'method'.");
        }
        if (!method.isTextual() || method.textValue().isEmpty()) {
            throw malformed(id, "Request field 'method' must be a non-empty string.");
        }
        JsonNode params = obj.get("params");
        ObjectNode paramsObject;
        if (params == null || params.isNull()) {
            paramsObject = NODES.objectNode();
        } else if (params.isObject()) {
            paramsObject = (ObjectNode) params;
        } else {
            throw malformed(id, "Request field 'params' must be a JSON object.");
        }
        for (Iterator<String> names = obj.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("id") && !name.equals("method") && !name.equals("params")) {
                throw malformed(id, "Request field '" + shorten(name) + "' is not known; send only id, method and params.");
            }
        }
        return new Request(id, method.textValue(), paramsObject);
    }

    private static Object readId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw malformed(null, "Request has no 'id'.");
        }
        if (node.isTextual()) {
            String s = node.textValue();
            int len = s.codePointCount(0, s.length());
            if (len >= 1 && len <= MAX_ID_LENGTH) {
                return s;
            }
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            long v = node.longValue();
            if (v > -MAX_ID_MAGNITUDE && v < MAX_ID_MAGNITUDE) {
                return v;
            }
        }
        throw malformed(null, "Request field 'id' must be a string of 1-64 characters or an integer with |id| < 2^53.");
    }

    private static RequestException malformed(Object id, String msg) {
        return new RequestException(id, ErrorCode.MALFORMED_REQUEST, msg);
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= 120 ? one : one.substring(0, 120) + "...";
    }

    private static JsonNode readValue(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    if (o.replace(name, readValue(p, p.nextToken())) != null) {
                        // found here rather than by the parser's duplicate detection, which keeps a set per object
                        throw malformed(null, "Request is not valid JSON (Duplicate field '" + shorten(name) + "').");
                    }
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    a.add(readValue(p, n));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return new RawNumberNode(p.getDecimalValue(), p.getText());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected token " + t);
        }
    }

    /**
     * A scalar's text as it was sent: a string unquoted, a number as its original text, {@code true}/{@code false},
     * {@code null}; arrays and objects as compact JSON.
     */
    public static String valueText(JsonNode node) {
        if (node instanceof RawNumberNode) {
            return ((RawNumberNode) node).raw();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }

    /** {@code {"id":..,"status":200,"result":..,"rateLimits":[..]}}; a null result is written as {@code {}}. */
    public static String okResponse(Object id, Object result, List<RateLimit> rateLimits) {
        return writeString(g -> writeOk(g, id, result, rateLimits));
    }

    /** UTF-8 bytes of {@link #okResponse}. */
    public static byte[] okResponseBytes(Object id, Object result, List<RateLimit> rateLimits) {
        return writeBytes(g -> writeOk(g, id, result, rateLimits));
    }

    /**
     * {@code {"id":..,"status":4xx|5xx,"error":{"code":-NNNN,"msg":"..","data":{..}?},"rateLimits":[..]?}}; the id
     * is written as {@code null} when null.
     */
    public static String errorResponse(Object id, ApiException e, List<RateLimit> rateLimits) {
        return writeString(g -> writeError(g, id, e, rateLimits));
    }

    /** UTF-8 bytes of {@link #errorResponse}. */
    public static byte[] errorResponseBytes(Object id, ApiException e, List<RateLimit> rateLimits) {
        return writeBytes(g -> writeError(g, id, e, rateLimits));
    }

    /** {@code {"stream":..,"data":..}}. */
    public static String event(String stream, Object data) {
        return writeString(g -> writeEvent(g, stream, data));
    }

    /** UTF-8 bytes of {@link #event}, for encoding once and sending to many sessions. */
    public static byte[] eventBytes(String stream, Object data) {
        return writeBytes(g -> writeEvent(g, stream, data));
    }

    /** Any value as compact JSON through the shared mapper. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    private static void writeOk(JsonGenerator g, Object id, Object result, List<RateLimit> rateLimits)
            throws IOException {
        g.writeStartObject();
        g.writeObjectField("id", id);
        g.writeNumberField("status", 200);
        g.writeFieldName("result");
        if (result == null) {
            g.writeStartObject();
            g.writeEndObject();
        } else {
            g.writeObject(result);
        }
        writeRateLimits(g, rateLimits);
        g.writeEndObject();
    }

    private static void writeError(JsonGenerator g, Object id, ApiException e, List<RateLimit> rateLimits)
            throws IOException {
        g.writeStartObject();
        g.writeObjectField("id", id);
        g.writeNumberField("status", e.status());
        g.writeObjectFieldStart("error");
        g.writeNumberField("code", e.code().code());
        g.writeStringField("msg", e.getMessage());
        Map<String, Object> data = e.data();
        if (data != null) {
            g.writeObjectField("data", data);
        }
        g.writeEndObject();
        writeRateLimits(g, rateLimits);
        g.writeEndObject();
    }

    private static void writeEvent(JsonGenerator g, String stream, Object data) throws IOException {
        g.writeStartObject();
        g.writeStringField("stream", stream);
        g.writeObjectField("data", data);
        g.writeEndObject();
    }

    private static void writeRateLimits(JsonGenerator g, List<RateLimit> rateLimits) throws IOException {
        if (rateLimits != null) {
            g.writeObjectField("rateLimits", rateLimits);
        }
    }

    @FunctionalInterface
    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    private static String writeString(Writing w) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize message: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Encodes one message into the calling thread's {@link Scratch} buffer and returns a copy of exactly its length:
     * one array per message instead of a growing stream's two or three. The buffer is taken while in use, so an
     * encoding nested in another (or one that failed half-way) gets a fresh one.
     */
    private static byte[] writeBytes(Writing w) {
        Scratch out = SCRATCH.get();
        if (out == null) {
            out = new Scratch();
        } else {
            SCRATCH.set(null);
        }
        out.reset();
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize message: " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        if (out.capacity() <= Scratch.KEEP_BYTES) {
            SCRATCH.set(out);
        }
        return bytes;
    }

    /** Each thread's encoding buffer between two messages (the engine thread's, each event loop's). */
    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

    /** A reusable encoding buffer; one that grew past {@link #KEEP_BYTES} for a large message is not kept. */
    private static final class Scratch extends ByteArrayOutputStream {
        static final int KEEP_BYTES = 16 * 1024;

        Scratch() {
            super(1024);
        }

        int capacity() {
            return buf.length;
        }
    }
}
