package io.marginstream.gateway.netty;

import io.marginstream.gateway.session.Session;
import io.marginstream.gateway.session.SessionRegistry;
import io.marginstream.protocol.Request;
import io.marginstream.protocol.RequestException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The one handler that calls application code: creates the {@link Session} when the handshake completes, hands it
 * requests, writability changes, idleness and the end of the connection. Requests decoded from frames that came in
 * the same read as the upgrade request reach this handler before the handshake completes; they are held (at most
 * {@link #MAX_EARLY_MESSAGES}) and handed to the session once it exists, in order. One per connection; runs on its
 * event loop.
 */
final class SessionBridgeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SessionBridgeHandler.class);

    /**
     * Most messages held before the handshake completes; more close the connection without a close frame (the 101
     * has not been written yet).
     */
    static final int MAX_EARLY_MESSAGES = 64;

    /** The handlers of the plain-HTTP phase that the upgrade leaves behind. */
    private static final List<String> HTTP_PHASE =
            List.of(NettyPipeline.HTTP_ROUTES, NettyPipeline.REQUEST_TIMEOUT, NettyPipeline.HTTP_FLOW);

    private final SessionRegistry registry;
    private Session session;
    private List<Object> early;
    private boolean handshakeDone;

    SessionBridgeHandler(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            handshakeDone = true;
            Channel ch = ctx.channel();
            for (String http : HTTP_PHASE) {
                if (ch.pipeline().get(http) != null) {
                    ch.pipeline().remove(http);
                }
            }
            Long bannedUntil = ch.attr(NettyServer.BANNED_UNTIL).get();
            if (bannedUntil != null) {
                log.info("connection {} from {}: IP banned until {}, closing 1008", ch.id().asShortText(),
                        ch.remoteAddress(), bannedUntil);
                closeWith(ch, 1008, "IP banned until " + bannedUntil + ".");
                return;
            }
            ChannelTransport transport = new ChannelTransport(ch);
            ch.attr(NettyServer.TRANSPORT).set(transport);
            session = registry.open(transport);
            List<Object> held = early;
            early = null;
            if (held != null) {
                held.forEach(m -> channelRead(ctx, m));
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            log.debug("connection {}: idle, closing", ctx.channel().id().asShortText());
            if (session != null) {
                session.onIdle();
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null) {
            hold(ctx, msg);
            return;
        }
        if (msg instanceof Request r) {
            session.onRequest(r);
        } else if (msg instanceof RequestException e) {
            session.onMalformed(e);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void hold(ChannelHandlerContext ctx, Object msg) {
        if (handshakeDone || !(msg instanceof Request || msg instanceof RequestException)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (early == null) {
            early = new ArrayList<>();
        }
        if (early.size() == MAX_EARLY_MESSAGES) {
            log.debug("connection {} from {}: more than {} messages before the handshake completed, closing",
                    ctx.channel().id().asShortText(), ctx.channel().remoteAddress(), MAX_EARLY_MESSAGES);
            ctx.close();
            return;
        }
        early.add(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (session != null && ctx.channel().isWritable()) {
            session.onWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.onClosed();
        }
        super.channelInactive(ctx);
    }

    /** Closes a WebSocket connection with a close frame; the metric counts it. */
    static void closeWith(Channel ch, int code, String reason) {
        ChannelTransport.close(ch, code, reason);
    }
}
