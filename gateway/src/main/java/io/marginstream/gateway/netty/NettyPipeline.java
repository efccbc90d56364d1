package io.marginstream.gateway.netty;

import java.util.Set;

/**
 * Names of the handlers of a connection's pipeline, in order:
 *
 * <pre>
 *  socket
 *    |
 *  [ipCap]           limits.connectionsPerIp open connections per IP, checked at accept (removes itself)
 *  [idle]            IdleStateHandler: no inbound bytes for idleTimeoutSeconds -&gt; close 1001 (on plain HTTP:
 *                    closed; this alone bounds a keep-alive connection idle between requests)
 *  [requestStart]    tells [requestTimeout] that bytes were read, before the decoder holds them
 *  [httpDecoder]     HttpRequestDecoder; replaced in place by the WebSocket frame decoder at the upgrade, which
 *                    gets the bytes that followed the upgrade request's head
 *  [httpEncoder]     HttpResponseEncoder (removed at the upgrade)
 *  [httpFlow]        HTTP back-pressure: no reading while unwritable, close past outboundBufferBytes unsent
 *  [requestTimeout]  each HTTP request complete within requestTimeoutSeconds of the connection's opening, of the
 *                    previous request's end while its answer is owed, or of its first byte after an idle moment,
 *                    else 408 and close; stopped while the connection is idle (every request answered and written)
 *  [httpAggregator]  HttpObjectAggregator, bounded to {@link #MAX_HTTP_REQUEST_BYTES} (removed at the upgrade);
 *                    an oversized Binance REST request gets Binance's JSON 413
 *  [binance]         the Binance-compatible front door (§11; absent when binance.enabled is false): REST under
 *                    /papi /fapi /dapi /api /sapi answered here; upgrades to /pm/ws/&lt;key&gt;, /pm/stream,
 *                    /ws/&lt;stream&gt;, /stream checked, jsonCodec and sessionBridge swapped for [pmBridge], then passed on
 *  [httpRoutes]      GET / (dashboard), /healthz, /metrics; 400/505 for undecodable requests; upgrades on the
 *                    decoded path: well-formed, then 503 over maxConnections, 429 over the per-IP connection rate
 *  [wsControl]       control frames: pings/pongs charged to the message rate, pong only while writable, close
 *                    codes checked (1002)
 *  [wsProtocol]      WebSocketServerProtocolHandler: handshake, close, maxFrameBytes (1009), UTF-8 of text
 *                    frames (1007)
 *  [wsFragments]     a fragmented message complete within requestTimeoutSeconds, else 1008
 *  [wsAggregator]    WebSocketFrameAggregator: fragments reassembled up to maxFrameBytes
 *  [wsFrames]        frame policy: binary -&gt; 1003, reassembled message too large -&gt; 1009
 *  [jsonCodec]       text frame -&gt; Request (or RequestException for a malformed one)
 *  [sessionBridge]   the only handler that calls application code: Session (limits, auth, dispatch, outbox)
 *                    (on a Binance stream connection jsonCodec is absent and [pmBridge] stands here: text frames
 *                    go to the session layer's PmStreams)
 *  [lastResort]      logs an unhandled exception once with the channel id and peer address, then closes
 * </pre>
 *
 * {@code requestStart}, {@code httpFlow}, {@code requestTimeout}, {@code binance} and {@code httpRoutes} are removed
 * when the handshake completes. The per-connection message-rate limit ("connection limits") lives in the session,
 * after the JSON codec, because its 429 answer must echo the request's id and keep the session's response order.
 */
public final class NettyPipeline {
    public static final String IP_CAP = "ipCap";
    public static final String IDLE = "idle";
    public static final String REQUEST_START = "requestStart";
    public static final String HTTP_DECODER = "httpDecoder";
    public static final String HTTP_ENCODER = "httpEncoder";
    public static final String HTTP_FLOW = "httpFlow";
    public static final String REQUEST_TIMEOUT = "requestTimeout";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    public static final String BINANCE = "binance";
    public static final String HTTP_ROUTES = "httpRoutes";
    public static final String WS_CONTROL = "wsControl";
    public static final String WS_PROTOCOL = "wsProtocol";
    public static final String WS_FRAGMENTS = "wsFragments";
    public static final String WS_AGGREGATOR = "wsAggregator";
    public static final String WS_FRAMES = "wsFrames";
    public static final String JSON_CODEC = "jsonCodec";
    public static final String SESSION_BRIDGE = "sessionBridge";
    public static final String PM_BRIDGE = "pmBridge";
    public static final String LAST_RESORT = "lastResort";

    /** Largest plain HTTP request (headers aside) accepted: the routes take no body. */
    public static final int MAX_HTTP_REQUEST_BYTES = 8192;
    /** The WebSocket endpoint. */
    public static final String WS_PATH = "/ws";
    /** The decoded paths that take WebSocket upgrades (a query string is allowed on each). */
    private static final Set<String> WS_PATHS = Set.of(WS_PATH);

    private NettyPipeline() {}

    /** Whether a decoded request path (no query, no fragment, %-escapes decoded) takes WebSocket upgrades. */
    static boolean isWebSocketPath(String decodedPath) {
        return WS_PATHS.contains(decodedPath);
    }
}
