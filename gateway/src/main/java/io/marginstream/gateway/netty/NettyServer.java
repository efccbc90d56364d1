package io.marginstream.gateway.netty;

import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Netty bootstrap: epoll when available, NIO otherwise; one acceptor thread and one worker loop per core; the
 * heartbeat sweep (once a second); and a graceful stop (serverShutdown to every session, close 1001, bounded wait, loud failure).
 *
 * <p>Lifecycle: NEW → {@link #start} → RUNNING → {@link #stop} → STOPPED. Not reusable.
 */
public final class NettyServer {
    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);
    static final AttributeKey<ChannelTransport> TRANSPORT = AttributeKey.valueOf("marginstream.transport");
    static final AttributeKey<Long> BANNED_UNTIL = AttributeKey.valueOf("marginstream.bannedUntil");
    /** Output buffered per connection before it stops being writable (then the outbox holds or conflates). */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final ServerServices services;
    private final boolean epoll;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;
    private ScheduledFuture<?> heartbeat;

    public NettyServer(ServerServices services) {
        this.services = services;
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
    }

    /** Binds {@code host:port} (0 = any free port) and returns the bound port. */
    public int start(String host, int port) throws InterruptedException {
        GatewayInitializer init = new GatewayInitializer(services);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(init);
                    }
                });
        serverChannel = b.bind(host, port).sync().channel();
        bindMetrics();
        heartbeat = workers.next().scheduleAtFixedRate(services.sessions()::sweep, 1, 1, TimeUnit.SECONDS);
        int bound = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("listening on {}:{} ({})", host, bound, epoll ? "epoll" : "nio");
        return bound;
    }

    /** The allocator's memory and the event loops' pending tasks, on the gateway's registry. */
    private void bindMetrics() {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            new NettyAllocatorMetrics(provider).bindTo(services.metrics().systemRegistry());
        }
        new NettyEventExecutorMetrics(workers).bindTo(services.metrics().systemRegistry());
    }

    /** Whether the native epoll transport is in use. */
    public boolean epoll() {
        return epoll;
    }

    /**
     * Stops accepting, sends {@code serverShutdown} and close 1001 to every session, waits up to {@code timeout}
     * for connections to end, then stops the event loops.
     *
     * @throws IllegalStateException if the event loops did not stop within the timeout
     */
    public void stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(timeout.toMillis());
        }
        services.sessions().shutdownAll();
        while (services.sessions().size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.close().awaitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        long left = Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
        boolean stopped = boss.terminationFuture().awaitUninterruptibly(left)
                && workers.terminationFuture().awaitUninterruptibly(left);
        if (!stopped) {
            throw new IllegalStateException("Netty event loops did not stop within " + timeout);
        }
    }
}
