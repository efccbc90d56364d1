package io.marginstream.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.auth.SignaturePayload;

import java.util.Map;
import java.util.TreeMap;

/** Builds signed {@code session.logon} params (PROTOCOL.md §3). Shared by {@link GatewayClient} and the load tester. */
public final class Logon {
    /** The recvWindow the clients send unless told otherwise, in ms. */
    public static final long DEFAULT_RECV_WINDOW_MS = 5000;

    private Logon() {}

    /** {@code apiKey}, {@code timestamp}, {@code recvWindow} and the {@code signature} over the first three. */
    public static ObjectNode params(Credentials credentials, long timestampMs, long recvWindowMs) {
        Map<String, String> p = new TreeMap<>();
        p.put("apiKey", credentials.apiKey());
        p.put("recvWindow", Long.toString(recvWindowMs));
        p.put("timestamp", Long.toString(timestampMs));
        String signature = credentials.sign(SignaturePayload.of(p));
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put("apiKey", credentials.apiKey());
        params.put("recvWindow", recvWindowMs);
        params.put("timestamp", timestampMs);
        params.put("signature", signature);
        return params;
    }
}
