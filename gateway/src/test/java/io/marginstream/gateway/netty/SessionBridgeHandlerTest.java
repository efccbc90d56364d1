package io.marginstream.gateway.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code /ws} bridge at the end of the handshake: every handler of the plain-HTTP phase leaves the pipeline, so a
 * held session carries none of them. The pipeline's other positions are plain pass-through handlers; the IP is
 * banned so the bridge closes instead of opening a session (the stripping comes first either way), and the socket
 * end holds the close frame unsent so the pipeline can be read after the event.
 */
class SessionBridgeHandlerTest {
    @ChannelHandler.Sharable
    private static final class PassThrough extends ChannelInboundHandlerAdapter {}

    /** A socket that never finishes a write: the close frame's listener (which closes) does not run. */
    private static final class NeverWrites extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Test
    void handshakeRemovesEveryPlainHttpHandlerIncludingBinance() {
        PassThrough pass = new PassThrough();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("socket", new NeverWrites());
        ch.pipeline().addLast(NettyPipeline.REQUEST_START, pass);
        ch.pipeline().addLast(NettyPipeline.HTTP_FLOW, pass);
        ch.pipeline().addLast(NettyPipeline.REQUEST_TIMEOUT, pass);
        ch.pipeline().addLast(NettyPipeline.BINANCE, pass);
        ch.pipeline().addLast(NettyPipeline.HTTP_ROUTES, pass);
        ch.pipeline().addLast(NettyPipeline.WS_FRAMES, pass);
        ch.pipeline().addLast(NettyPipeline.SESSION_BRIDGE, new SessionBridgeHandler(null));
        ch.attr(NettyServer.BANNED_UNTIL).set(Long.MAX_VALUE);

        ch.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/ws", new DefaultHttpHeaders(), null));

        List<String> names = ch.pipeline().names().stream().filter(n -> !n.startsWith("DefaultChannelPipeline"))
                .toList();
        assertEquals(List.of("socket", NettyPipeline.WS_FRAMES, NettyPipeline.SESSION_BRIDGE), names);
        ch.close();
    }
}
