package io.marginstream.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare-socket WebSocket client for what well-behaved clients cannot do: send invalid UTF-8, send raw frames,
 * stop reading with a tiny receive buffer. Blocking; one thread.
 */
final class RawWs implements AutoCloseable {
    /** One received frame: opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWs(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes the handshake; {@code receiveBuffer} > 0 shrinks the socket's receive buffer. */
    static RawWs connect(int port, int receiveBuffer) throws IOException {
        return connect(port, "/ws", receiveBuffer, new byte[0]);
    }

    /** As {@link #connect(int, int)}, on another WebSocket path (the Binance streams). */
    static RawWs connect(int port, String path, int receiveBuffer) throws IOException {
        return connect(port, path, receiveBuffer, new byte[0]);
    }

    /**
     * Connects to {@code target} and completes the handshake; {@code after} goes out in the same write as the
     * upgrade request (frames coalesced with it in one TCP segment).
     */
    static RawWs connect(int port, String target, int receiveBuffer, byte[] after) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.setSoTimeout(10_000);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        RawWs ws = new RawWs(s);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(req.getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(after);
        ws.out.write(all.toByteArray());
        ws.out.flush();
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
        return ws;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("EOF in handshake");
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    void sendText(String text) throws IOException {
        sendFrame(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one masked frame. */
    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write(encode(fin, opcode, payload));
        out.flush();
    }

    static byte[] encode(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | opcode);
        int len = payload.length;
        if (len < 126) {
            f.write(0x80 | len);
        } else if (len < 65536) {
            f.write(0x80 | 126);
            f.write(len >> 8);
            f.write(len);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) len >> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask, 0, 4);
        for (int i = 0; i < len; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    /** Writes bytes as they are (several frames at once). */
    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one frame, skipping the server's heartbeat pings (the sweep may ping a session in its first second, so a
     * ping can come before any answer); throws on EOF or timeout.
     */
    Frame read() throws IOException {
        while (true) {
            Frame f = readAny();
            if (f.opcode() != 0x9) {
                return f;
            }
        }
    }

    /** Reads one frame of any kind, pings included; throws on EOF or timeout. */
    Frame readAny() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, payload);
    }

    /** Reads frames until a close frame; returns its code, or -1 if the connection ended without one. */
    int readUntilClose() throws IOException {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == 0x8) {
                    return f.closeCode();
                }
            }
        } catch (java.io.EOFException e) {
            return -1;
        }
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
