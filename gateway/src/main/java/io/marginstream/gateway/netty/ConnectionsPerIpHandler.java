package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cap on concurrent TCP connections per IP ({@code limits.connectionsPerIp}), checked at accept before anything
 * else is read or allocated: a connection over it is closed at once, so one address cannot take every file
 * descriptor. {@code trustedNetworks} are exempt. The count of an IP leaves the map when its last connection
 * closes, so the map holds only addresses with open connections. Removes itself once the connection is counted.
 * Stateless but for the shared counts; shared by all connections (thread-safe).
 */
@ChannelHandler.Sharable
final class ConnectionsPerIpHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerIpHandler.class);

    private final int max;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerIpHandler(int max, RateLimiter limiter, GatewayMetrics metrics) {
        this.max = max;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.pipeline().remove(this);
        InetAddress ip = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (!limiter.trusted(ip)) {
            int n = open.merge(ip, 1, Integer::sum);
            ctx.channel().closeFuture().addListener(f -> release(ip));
            if (n > max) {
                log.debug("connection {} from {}: {} open connections from this IP, closing", ctx.channel().id()
                        .asShortText(), ip.getHostAddress(), n);
                metrics.connectionRefused();
                ctx.close();
                return;
            }
        }
        ctx.fireChannelActive();
    }

    private void release(InetAddress ip) {
        open.computeIfPresent(ip, (k, count) -> count == 1 ? null : count - 1);
    }
}
