package io.marginstream.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.session.ListenKeys;
import io.marginstream.gateway.session.PmStreams;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The listenKeys of the Binance-compatible streams shared by a cluster's gateway nodes (docs/CLUSTER.md
 * "listenKeys"): each node broadcasts every open, keep-alive, close and revoke on {@code ms.lk}, and applies the other
 * nodes' (a closed or replaced key's sockets on this node close too). So a key opened through node A's REST serves a
 * {@code /pm/ws/<listenKey>} socket on node B, and a keep-alive on either node keeps it alive on both. A node that
 * starts later learns a key at its next keep-alive (Binance clients send one every 30–60 minutes) or open. Thread-safe:
 * changes are published from REST threads, remote ones applied on the NATS dispatcher thread.
 */
final class ListenKeyReplica implements ListenKeys.Replication {
    static final String SUBJECT = "ms.lk";
    private static final Logger log = LoggerFactory.getLogger(ListenKeyReplica.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final ListenKeys keys;
    private final PmStreams streams;
    private volatile Connection nc;

    ListenKeyReplica(String node, ListenKeys keys, PmStreams streams) {
        this.node = node;
        this.keys = keys;
        this.streams = streams;
    }

    /** Starts publishing on {@code c} (its dispatcher calls {@link #onMessage}). */
    void attach(Connection c) {
        this.nc = c;
    }

    @Override
    public void changed(ListenKeys.Key key) {
        publish("changed", key);
    }

    @Override
    public void ended(ListenKeys.Key key) {
        publish("ended", key);
    }

    private void publish(String op, ListenKeys.Key k) {
        Connection c = nc;
        if (c == null) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("node", node).put("op", op).put("listenKey", k.listenKey()).put("apiKey", k.apiKey())
                .put("accountId", k.accountId()).put("expiresAt", k.expiresAt());
        try {
            c.publish(SUBJECT, JSON.writeValueAsBytes(n));
        } catch (IOException | RuntimeException e) {
            log.warn("listenKey change not shared with the other nodes ({}): {}", op, e.toString());
        }
    }

    void onMessage(Message m) {
        try {
            JsonNode n = JSON.readTree(m.getData());
            if (node.equals(n.path("node").asText())) {
                return;
            }
            String listenKey = n.path("listenKey").asText();
            if ("ended".equals(n.path("op").asText())) {
                ListenKeys.Key gone = keys.endRemote(listenKey);
                if (gone != null) {
                    streams.closed(gone);
                }
            } else {
                ListenKeys.Key replaced = keys.applyRemote(new ListenKeys.Key(listenKey, n.path("apiKey").asText(),
                        n.path("accountId").asText(), n.path("expiresAt").asLong()));
                if (replaced != null) {
                    streams.closed(replaced);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring a bad listenKey message: {}", e.toString());
        }
    }
}
