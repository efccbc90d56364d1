package io.marginstream.gateway.binance;

import java.net.InetAddress;
import java.util.concurrent.Executor;

/**
 * One REST request as the front door sees it: method, decoded path, the raw query (without {@code ?}) and raw body
 * exactly as received (the signature covers those bytes), the body's content type, the {@code X-MBX-APIKEY} header,
 * the peer address, and the connection's event loop (where results are shaped). Immutable.
 */
public record RestRequest(String method, String path, String rawQuery, String rawBody, String contentType,
                          String apiKey, InetAddress remoteAddress, Executor executor) {
}
