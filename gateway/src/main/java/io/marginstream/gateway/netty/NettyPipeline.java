package io.marginstream.gateway.netty;

/**
 * Names of the handlers of a connection's pipeline, in order:
 *
 * <pre>
 *  socket
 *    |
 *  [idle]            IdleStateHandler: no inbound bytes for idleTimeoutSeconds -&gt; close 1001
 *  [httpCodec]       HttpServerCodec (replaced by the WebSocket frame codec at the upgrade)
 *  [httpAggregator]  HttpObjectAggregator, bounded to {@link #MAX_HTTP_REQUEST_BYTES} (removed at the upgrade);
 *                    an oversized Binance REST request gets Binance's JSON 413
 *  [binance]         the Binance-compatible front door (§11; absent when binance.enabled is false): REST under
 *                    /papi /fapi /dapi /api /sapi answered here; upgrades to /pm/ws/&lt;key&gt;, /pm/stream, /ws/&lt;stream&gt;,
 *                    /stream checked, then the pipeline switched to [wsProtocol on that path] ... [pmBridge]
 *  [httpRoutes]      GET / (dashboard), /healthz, /metrics; /ws admission: 503 over maxConnections, 429 over
 *                    the per-IP connection rate, before anything is allocated (removed at the upgrade)
 *  [wsProtocol]      WebSocketServerProtocolHandler on /ws: handshake, ping/pong, close, maxFrameBytes (1009),
 *                    UTF-8 validation of text frames (1007)
 *  [wsAggregator]    WebSocketFrameAggregator: fragments reassembled up to maxFrameBytes
 *  [wsFrames]        frame policy: binary -&gt; 1003, reassembled message too large -&gt; 1009
 *  [jsonCodec]       text frame -&gt; Request (or RequestException for a malformed one)
 *  [sessionBridge]   the only handler that calls application code: Session (limits, auth, dispatch, outbox)
 *                    (on a Binance stream connection jsonCodec is absent and [pmBridge] stands here: text frames
 *                    go to the session layer's PmStreams)
 *  [lastResort]      logs an unhandled exception once with the channel id and peer address, then closes
 * </pre>
 *
 * The per-connection message-rate limit ("connection limits") lives in the session, after the JSON codec, because
 * its 429 answer must echo the request's id and keep the session's response order.
 */
public final class NettyPipeline {
    public static final String IDLE = "idle";
    public static final String HTTP_CODEC = "httpCodec";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    public static final String BINANCE = "binance";
    public static final String HTTP_ROUTES = "httpRoutes";
    public static final String WS_PROTOCOL = "wsProtocol";
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

    private NettyPipeline() {}
}
