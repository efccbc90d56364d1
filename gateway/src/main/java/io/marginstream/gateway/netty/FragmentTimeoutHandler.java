package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a fragmented message may stay unfinished: its first fragment starts a timer of
 * {@code requestTimeoutSeconds}, its final continuation cancels it; when it fires, the connection is closed with
 * 1008. Without it, a client could hold up to {@code maxFrameBytes} in the aggregator forever while pinging to stay
 * clear of the idle timeout. One instance per connection; runs on its event loop.
 */
final class FragmentTimeoutHandler extends ChannelInboundHandlerAdapter {
    private final long timeoutMs;
    private final GatewayMetrics metrics;
    private ScheduledFuture<?> timer;

    FragmentTimeoutHandler(long timeoutMs, GatewayMetrics metrics) {
        this.timeoutMs = timeoutMs;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame f) {
            boolean continuation = f instanceof ContinuationWebSocketFrame;
            if (!continuation && !f.isFinalFragment() && timer == null) {
                timer = ctx.executor().schedule(() -> expire(ctx), timeoutMs, TimeUnit.MILLISECONDS);
            } else if (continuation && f.isFinalFragment()) {
                cancel();
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        int code = WebSocketCloseStatus.POLICY_VIOLATION.code();
        metrics.closed(code);
        ChannelTransport.close(ctx.channel(), code,
                "Fragmented message not completed within " + timeoutMs / 1000 + " s.");
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }
}
