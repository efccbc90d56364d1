package io.marginstream.client.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes the stream's messages itself, for servers that are fed over HTTP (nchan's publisher location): one
 * {@code POST} every {@code 1/rate} s on one keep-alive connection, each body a {@code markPrice}-shaped JSON frame
 * of the same size as MarginStream's, stamped {@code "E":<epoch ms>} just before its bytes are written to the
 * socket (a plain blocking socket and a hand-written HTTP/1.1 request: no client library's queueing between the
 * stamp and the write). So both servers carry the same bytes and are timed by the same {@code json:E}.
 *
 * <p>Threads: one scheduler thread sends each request and reads its response.
 */
final class StreamPublisher implements AutoCloseable {
    private final URI url;
    private final ScheduledExecutorService timer;
    private Socket socket;
    private long seq;
    final LongAdder failed = new LongAdder();
    /** The {@code E} of every message the server accepted. */
    private final Set<Long> accepted = ConcurrentHashMap.newKeySet();

    StreamPublisher(URI url) {
        this.url = url;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    /** A frame like MarginStream's {@code markPrice@BTCUSDT}, for message {@code seq} published at {@code nowMs}. */
    static String body(long nowMs, long seq) {
        return "{\"stream\":\"markPrice@BTCUSDT\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":" + nowMs
                + ",\"s\":\"BTCUSDT\",\"p\":\"" + (60000 + seq % 1000) + ".12345678\"}}";
    }

    /** Starts publishing {@code rate} messages per second. */
    void start(double rate) {
        long periodMicros = Math.max(1000, Math.round(1_000_000 / rate));
        timer.scheduleAtFixedRate(this::publishOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void publishOne() {
        try {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
                socket.setSoTimeout(5000);
            }
            long now = System.currentTimeMillis();
            byte[] body = body(now, seq++).getBytes(StandardCharsets.US_ASCII);
            String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] req = new byte[h.length + body.length];
            System.arraycopy(h, 0, req, 0, h.length);
            System.arraycopy(body, 0, req, h.length, body.length);
            out.write(req);
            out.flush();
            if (readStatus(socket.getInputStream()) / 100 == 2) {
                accepted.add(now);
            } else {
                failed.increment();
            }
        } catch (IOException e) {
            failed.increment();
            closeSocket();
        }
    }

    /** Reads one response (status line, headers, a Content-Length body) and returns its status code. */
    private int readStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by the publisher endpoint");
            }
            head.append((char) c);
        }
        String text = head.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return status;
    }

    /** Messages accepted by the server whose {@code E} lies in [{@code fromMs}, {@code toMs}). */
    long acceptedIn(long fromMs, long toMs) {
        return accepted.stream().filter(t -> t >= fromMs && t < toMs).count();
    }

    private void closeSocket() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a failed connection: nothing more to do
        }
        socket = null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
    }
}
