package io.marginstream.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare-socket HTTP/1.1 client for what well-behaved clients never send: malformed request lines and headers,
 * pipelined requests, heads trickled byte by byte, upgrades to odd URIs. Blocking; one thread. Every read is bounded
 * by the socket timeout.
 */
final class RawHttp implements AutoCloseable {
    /** One response: status code, headers (names lower-cased) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
    }

    static RawHttp connect(int port) throws IOException {
        return connect(port, 0, 10_000);
    }

    /** Connects; {@code receiveBuffer} > 0 shrinks the socket's receive buffer; reads time out after the timeout. */
    static RawHttp connect(int port, int receiveBuffer, int readTimeoutMs) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.setSoTimeout(readTimeoutMs);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new RawHttp(s);
    }

    /** A WebSocket upgrade request for {@code target} with a fresh random key. */
    static String upgrade(String target, int port) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return upgrade(target, port, Base64.getEncoder().encodeToString(nonce));
    }

    /** A WebSocket upgrade request for {@code target} with the given {@code Sec-WebSocket-Key}. */
    static String upgrade(String target, int port, String key) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    InputStream input() {
        return in;
    }

    /** Reads one response: head, then a body of {@code Content-Length} bytes (none for 101). */
    Response read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int code = Integer.parseInt(status[1]);
        String length = headers.get("content-length");
        byte[] body = new byte[code == 101 || length == null ? 0 : Integer.parseInt(length)];
        int n = 0;
        while (n < body.length) {
            int r = in.read(body, n, body.length - n);
            if (r < 0) {
                throw new EOFException("EOF in body");
            }
            n += r;
        }
        return new Response(code, headers, body);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("EOF in response head after " + b.size() + " bytes");
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads and discards until the server ends the connection (EOF or reset); true if it did, false if the read
     * timed out first.
     */
    boolean awaitEnd() throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** One sample of {@code /metrics} (e.g. {@code marginstream_closes_total{code="1008"}}), 0 if absent. */
    static long metric(int port, String sample) throws IOException {
        try (RawHttp h = connect(port)) {
            h.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            for (String line : h.read().text().split("\n")) {
                if (line.startsWith(sample + " ")) {
                    return (long) Double.parseDouble(line.substring(sample.length() + 1).trim());
                }
            }
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
