package io.marginstream.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.binance.PmEvents;
import io.marginstream.protocol.binance.RestParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Binance-style stream connections of §11: which paths they are, what they subscribe to, and their commands.
 *
 * <ul>
 *   <li>{@code /pm/ws/<listenKey>}: user data, raw events.</li>
 *   <li>{@code /pm/stream?streams=<key>/...} or {@code /pm/stream} then {@code SUBSCRIBE}: user data in the combined
 *   envelope {@code {"stream":key,"data":event}}.</li>
 *   <li>{@code /ws/<symbol>@markPrice[@1s]/...}: market streams, raw; {@code /stream?streams=...}: combined.</li>
 * </ul>
 * Commands on every such connection: {@code {"method":"SUBSCRIBE"|"UNSUBSCRIBE","params":[names],"id":..}} answered
 * {@code {"result":null,"id":..}}, and {@code LIST_SUBSCRIPTIONS} answered with the names; a bad one gets
 * {@code {"error":{"code":n,"msg":..},"id":..}} with Binance's stream error codes (0 unknown property, 1 bad value
 * type, 2 invalid request, 3 invalid JSON). Events reach the connection through the same fan-out, outbox,
 * conflation and slow-consumer rules as {@code /ws} (the session is a {@link Session} like any other).
 *
 * <p>Thread-safe: shared by all connections; per-connection state ({@link PmConnection}) is touched only on the
 * connection's event loop.
 */
public final class PmStreams {
    private static final Logger log = LoggerFactory.getLogger(PmStreams.class);
    /** Most names one connection may hold (Binance allows 1024 streams per connection). */
    static final int MAX_NAMES = 1024;
    /** The market streams served: Binance's mark price stream and its update speeds. */
    private static final Set<String> MARKET_KINDS = Set.of("@markPrice", "@markPrice@1s", "@markPrice@3s");

    private final SessionRegistry registry;
    private final Set<String> symbols = new TreeSet<>();

    PmStreams(SessionRegistry registry) {
        this.registry = registry;
        registry.config().instruments().forEach(i -> symbols.add(i.symbol()));
    }

    /** What an upgrade asks for: user data or market streams, raw or combined, and the names in its URL. */
    public record Target(boolean market, boolean combined, List<String> names) {
        public Target {
            names = List.copyOf(names);
        }
    }

    /** Whether {@code path} (decoded, without query) is one of the Binance stream paths. */
    public static boolean isStreamPath(String path) {
        return path.equals("/pm/stream") || path.equals("/pm/ws") || path.startsWith("/pm/ws/")
                || path.equals("/stream") || (path.startsWith("/ws/") && path.length() > 4);
    }

    /**
     * The target of an upgrade to {@code path} with {@code rawQuery}, every name checked.
     *
     * @throws ApiException {@code -1125} (400) for a listenKey that is unknown or expired, {@code -1121} (400) for
     *                      a market stream of an unknown symbol, {@code -1020} (404) for a stream that is not
     *                      served, {@code -1130} (400) for more than {@link #MAX_NAMES} names
     */
    public Target target(String path, String rawQuery) {
        boolean market = !path.startsWith("/pm/");
        boolean combined = path.equals("/pm/stream") || path.equals("/stream");
        List<String> names = new ArrayList<>();
        String list;
        if (combined) {
            list = RestParams.parse(rawQuery == null ? "" : rawQuery, "").values().getOrDefault("streams", "");
        } else {
            list = path.startsWith("/pm/ws/") ? path.substring(7) : path.startsWith("/ws/") ? path.substring(4) : "";
        }
        for (String n : list.split("/")) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        if (names.size() > MAX_NAMES) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "At most " + MAX_NAMES + " streams per connection.");
        }
        long now = registry.clock().getAsLong();
        for (String n : names) {
            indexKey(market, n, now);
        }
        return new Target(market, combined, names);
    }

    /** The account (listenKey) or symbol (market stream) of a name; throws as {@link #target} does. */
    private String indexKey(boolean market, String name, long now) {
        if (!market) {
            ListenKeys.Key k = registry.listenKeys().find(name, now);
            if (k == null) {
                throw ListenKeys.unknown();
            }
            return k.accountId();
        }
        int at = name.indexOf('@');
        String kind = at < 0 ? "" : name.substring(at);
        if (at <= 0 || !MARKET_KINDS.contains(kind)) {
            throw new ApiException(ErrorCode.UNKNOWN_METHOD, 404, "Stream '" + Dispatcher.printable(name)
                    + "' is not served by MarginStream; market streams are <symbol>@markPrice[@1s].", null);
        }
        String lowerSymbol = name.substring(0, at);
        String symbol = lowerSymbol.toUpperCase(Locale.ROOT);
        if (!lowerSymbol.equals(lowerSymbol.toLowerCase(Locale.ROOT)) || !symbols.contains(symbol)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(Dispatcher.printable(name)));
        }
        return symbol;
    }

    /** Creates the session of a Binance stream connection whose handshake completed, subscribed to its URL's names. */
    public Session open(Transport transport, Target target) {
        Session s = registry.open(transport);
        s.pm = new PmConnection(target.market(), target.combined());
        long now = registry.clock().getAsLong();
        try {
            for (String n : target.names()) {
                subscribe(s, n, now);
            }
        } catch (ApiException e) {
            s.close(1008, e.getMessage());
        }
        return s;
    }

    private void subscribe(Session s, String name, long now) {
        PmConnection c = s.pm;
        if (c.names.containsKey(name)) {
            return;
        }
        if (c.names.size() >= MAX_NAMES) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "At most " + MAX_NAMES + " streams per connection.");
        }
        String key = indexKey(c.market, name, now);
        c.names.put(name, key);
        PmSubscriber sub = new PmSubscriber(s, name, c.combined);
        if (c.market) {
            registry.subscribePmMark(key, sub);
        } else {
            registry.subscribePmUserData(key, sub);
        }
    }

    private void unsubscribe(Session s, String name) {
        String key = s.pm.names.remove(name);
        if (key == null) {
            return;
        }
        if (s.pm.market) {
            registry.unsubscribePmMark(key, s, name);
            s.outbox().clearMarks(name);
        } else {
            registry.unsubscribePmUserData(key, s, name);
        }
    }

    /** The connection is gone: leaves every index. */
    void unsubscribeAll(Session s) {
        for (String name : List.copyOf(s.pm.names.keySet())) {
            unsubscribe(s, name);
        }
    }

    /** A text frame from a Binance stream connection (on its event loop). */
    public void onText(Session s, String text) {
        if (s.isClosed() || !s.takeMessage()) {
            return;
        }
        JsonNode root;
        try {
            root = ProtocolJson.mapper().readTree(text);
        } catch (Exception e) {
            s.send(error(null, 3, "Invalid JSON: the frame is not one JSON object."));
            return;
        }
        if (root == null || !root.isObject()) {
            s.send(error(null, 3, "Invalid JSON: the frame is not one JSON object."));
            return;
        }
        JsonNode id = root.get("id");
        if (id != null && !(id.isNull() || id.isIntegralNumber() || id.isTextual())) {
            s.send(error(null, 1, "Invalid value type: 'id' must be an integer or a string."));
            return;
        }
        JsonNode method = root.get("method");
        if (method == null || !method.isTextual()) {
            s.send(error(id, 2, "Invalid request: 'method' must be SUBSCRIBE, UNSUBSCRIBE or LIST_SUBSCRIPTIONS."));
            return;
        }
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
            if (!Set.of("id", "method", "params").contains(f.getKey())) {
                s.send(error(id, 0, "Unknown property '" + Dispatcher.printable(f.getKey()) + "'."));
                return;
            }
        }
        switch (method.textValue()) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                List<String> names = names(root.get("params"));
                if (names == null) {
                    s.send(error(id, 1, "Invalid value type: 'params' must be an array of stream names."));
                    return;
                }
                long now = registry.clock().getAsLong();
                try {
                    if (method.textValue().equals("SUBSCRIBE")) {
                        for (String n : names) {
                            indexKey(s.pm.market, n, now);
                        }
                        for (String n : names) {
                            subscribe(s, n, now);
                        }
                    } else {
                        for (String n : names) {
                            unsubscribe(s, n);
                        }
                    }
                } catch (ApiException e) {
                    s.send(error(id, 2, "Invalid request: " + e.getMessage()));
                    return;
                }
                s.send(result(id, null));
            }
            case "LIST_SUBSCRIPTIONS" -> s.send(result(id, List.copyOf(s.pm.names.keySet())));
            default -> s.send(error(id, 2, "Invalid request: unknown method '"
                    + Dispatcher.printable(method.textValue()) + "'."));
        }
    }

    private static List<String> names(JsonNode params) {
        if (params == null || !params.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : params) {
            if (!n.isTextual() || n.textValue().isEmpty()) {
                return null;
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static byte[] result(JsonNode id, Object result) {
        ObjectNode o = ProtocolJson.mapper().createObjectNode();
        o.set("result", result == null ? o.nullNode() : ProtocolJson.mapper().valueToTree(result));
        o.set("id", id == null ? o.nullNode() : id);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(JsonNode id, int code, String msg) {
        ObjectNode o = ProtocolJson.mapper().createObjectNode();
        o.putObject("error").put("code", code).put("msg", msg);
        o.set("id", id == null ? o.nullNode() : id);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Expired keys (from the sweep): their sockets get {@code listenKeyExpired}, then close. */
    void expire(List<ListenKeys.Key> keys) {
        for (ListenKeys.Key k : keys) {
            log.info("account {}: listenKey of API key {} expired", k.accountId(), k.apiKey());
            end(k, true);
        }
    }

    /** {@code DELETE /papi/v1/listenKey}: the key's sockets close. */
    public void closed(ListenKeys.Key k) {
        end(k, false);
    }

    private void end(ListenKeys.Key k, boolean expired) {
        byte[] raw = PmEncoding.encode(new PmEvents.ListenKeyExpired(registry.clock().getAsLong()));
        for (PmSubscriber sub : registry.pmUserDataSubscribers(k.accountId())) {
            if (!sub.name().equals(k.listenKey())) {
                continue;
            }
            Session s = sub.session();
            s.transport().executor().execute(() -> {
                if (s.isClosed()) {
                    return;
                }
                if (expired) {
                    s.send(sub.combined() ? PmEncoding.wrap(sub.name(), raw) : raw);
                }
                unsubscribe(s, sub.name());
                s.close(1000, expired ? "listenKey expired" : "listenKey closed");
            });
        }
    }
}
