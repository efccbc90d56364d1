package io.marginstream.gateway.netty;

import io.marginstream.gateway.session.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Transport} over a Netty channel. Frames wrap the shared bytes without copying them; writes skip the
 * promise allocation. Owned by the channel's event loop.
 */
final class ChannelTransport implements Transport {
    /** How long a close frame may take to leave before the connection is cut. */
    static final long CLOSE_TIMEOUT_MS = 3000;

    private final Channel channel;
    private final InetAddress address;
    private boolean closing;

    ChannelTransport(Channel channel) {
        this.channel = channel;
        this.address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
    }

    @Override
    public String id() {
        return channel.id().asShortText();
    }

    @Override
    public InetAddress remoteAddress() {
        return address;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public boolean inExecutor() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public void write(byte[] utf8Json) {
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8Json)), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    @Override
    public void schedule(Runnable task, long delayMs) {
        channel.eventLoop().schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void ping() {
        if (channel.isActive() && !closing) {
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    @Override
    public void close(int code, String reason) {
        close(channel, code, reason);
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && !closing;
    }

    /** Sends a close frame and closes the channel once it is written, or after {@link #CLOSE_TIMEOUT_MS}. */
    static void close(Channel channel, int code, String reason) {
        ChannelTransport t = channel.attr(NettyServer.TRANSPORT).get();
        if (t != null) {
            if (t.closing) {
                return;
            }
            t.closing = true;
        }
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
}
