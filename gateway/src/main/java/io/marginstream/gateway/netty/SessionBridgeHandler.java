package io.marginstream.gateway.netty;

import io.marginstream.gateway.session.Session;
import io.marginstream.gateway.session.SessionRegistry;
import io.marginstream.protocol.Request;
import io.marginstream.protocol.RequestException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

import java.util.List;

/**
 * The one handler of {@code /ws} that calls application code: creates the {@link Session} when the handshake
 * completes and hands it requests (and malformed requests), writability changes, idleness and the end of the
 * connection ({@link SessionBridge}). Requests decoded from frames that came in the same read as the upgrade request
 * reach this handler before the handshake completes; they are held and handed to the session once it exists, in
 * order. One per connection; runs on its event loop.
 */
final class SessionBridgeHandler extends SessionBridge<Object> {
    /**
     * The handlers of the plain-HTTP phase that the upgrade leaves behind ({@code binance} is absent when the Binance
     * front door is off).
     */
    private static final List<String> HTTP_PHASE = List.of(NettyPipeline.BINANCE, NettyPipeline.HTTP_ROUTES,
            NettyPipeline.REQUEST_TIMEOUT, NettyPipeline.REQUEST_START, NettyPipeline.HTTP_FLOW);

    private final SessionRegistry registry;

    SessionBridgeHandler(SessionRegistry registry) {
        super(HTTP_PHASE);
        this.registry = registry;
    }

    @Override
    protected Session open(ChannelTransport transport) {
        return registry.open(transport);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session != null) {
            deliver(ctx, msg);
        } else if (!(msg instanceof Request || msg instanceof RequestException) || !hold(ctx, msg)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    protected void deliver(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Request r) {
            session.onRequest(r);
        } else if (msg instanceof RequestException e) {
            session.onMalformed(e);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Closes a WebSocket connection with a close frame; the metric counts it. */
    static void closeWith(Channel ch, int code, String reason) {
        ChannelTransport.close(ch, code, reason);
    }
}
