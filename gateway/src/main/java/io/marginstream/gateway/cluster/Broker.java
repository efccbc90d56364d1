package io.marginstream.gateway.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * How every cluster process connects to NATS: reconnect forever (250 ms apart), also when the broker is not up yet
 * at start (start-up then waits for it); a reconnect buffer and an outgoing queue large enough for bursts, which drop rather than block when
 * full (an engine thread that publishes must never block; a lost event shows as a {@code U} gap the client detects);
 * each connection change logged once. Stateless.
 */
final class Broker {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    static final Duration RECONNECT_WAIT = Duration.ofMillis(250);

    private Broker() {}

    /**
     * Connects to {@code natsUrls} (comma-separated) as {@code name}. When the broker is not reachable yet this
     * waits, trying every {@link #RECONNECT_WAIT} (each attempt logged), until it is: a node does not start serving
     * before it has its broker. Once connected, a lost connection reconnects by itself.
     */
    static Connection connect(String natsUrls, String name, ConnectionListener onChange)
            throws IOException, InterruptedException {
        Options options = Options.builder()
                .servers(natsUrls.split(","))
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .reconnectJitter(Duration.ofMillis(50))
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(2))
                .maxPingsOut(2)
                .reconnectBufferSize(64L * 1024 * 1024)
                .maxMessagesInOutgoingQueue(1_000_000)
                .discardMessagesWhenOutgoingQueueFull()
                .connectionListener((conn, event) -> {
                    if (event.isConnectionEvent()) {
                        log.info("{}: NATS {}", name, event.getEvent());
                    }
                    onChange.connectionEvent(conn, event);
                })
                .build();
        return Nats.connectReconnectOnConnect(options);
    }

    static boolean connected(Connection nc) {
        return nc != null && nc.getStatus() == Connection.Status.CONNECTED;
    }
}
