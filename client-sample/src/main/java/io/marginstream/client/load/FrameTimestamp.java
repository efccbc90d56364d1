package io.marginstream.client.load;

import io.marginstream.client.UsageException;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Where the publish time (epoch milliseconds) is in each frame of a stream, read straight from the frame's bytes
 * (no decoding into a {@code String}, no JSON parse): the subscribe-only load tester must cost far less per frame
 * than the servers it measures.
 *
 * <ul>
 *   <li>{@code json:NAME} — the first number after {@code "NAME":} (MarginStream's and Binance's {@code E});</li>
 *   <li>{@code split:SEP:INDEX} — the INDEX-th (from 0) field of the frame split at the one-character separator
 *       SEP (e.g. {@code split:,:1}).</li>
 * </ul>
 *
 * Immutable; used from every event loop.
 */
public final class FrameTimestamp {
    /** No timestamp in the frame. */
    public static final long NONE = -1;

    private final String spec;
    private final byte[] needle;
    private final byte separator;
    private final int index;

    private FrameTimestamp(String spec, byte[] needle, byte separator, int index) {
        this.spec = spec;
        this.needle = needle;
        this.separator = separator;
        this.index = index;
    }

    /** Parses {@code json:NAME} or {@code split:SEP:INDEX}; a usage error names what is wrong. */
    public static FrameTimestamp parse(String spec) {
        if (spec.startsWith("json:") && spec.length() > 5) {
            String name = spec.substring(5);
            if (name.indexOf('"') >= 0 || name.indexOf('\\') >= 0) {
                throw new UsageException("--timestamp json:NAME: NAME must not contain quotes or backslashes");
            }
            return new FrameTimestamp(spec, ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8), (byte) 0, 0);
        }
        if (spec.startsWith("split:") && spec.length() >= 9 && spec.charAt(7) == ':' && spec.charAt(6) < 128) {
            int index;
            try {
                index = Integer.parseInt(spec.substring(8));
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0) {
                throw new UsageException("--timestamp split:SEP:INDEX: INDEX must be a number ≥ 0, got '"
                        + spec.substring(8) + "'");
            }
            return new FrameTimestamp(spec, null, (byte) spec.charAt(6), index);
        }
        throw new UsageException("--timestamp must be json:NAME (e.g. json:E) or split:SEP:INDEX (e.g. split:,:1), got '"
                + spec + "'");
    }

    /** The epoch-millisecond timestamp in the readable bytes of {@code frame}, or {@link #NONE}. */
    public long read(ByteBuf frame) {
        return read(frame, frame.readerIndex(), frame.writerIndex());
    }

    /** The epoch-millisecond timestamp in bytes [{@code from}, {@code end}) of {@code b}, or {@link #NONE}. */
    public long read(ByteBuf b, int from, int end) {
        int at = needle != null ? after(b, from, end) : field(b, from, end);
        return at < 0 ? NONE : number(b, at, end);
    }

    /** Where the value after {@code "NAME":} starts (blanks skipped), or -1. */
    private int after(ByteBuf b, int from, int end) {
        int last = end - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (b.getByte(i) != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (b.getByte(i + k) != needle[k]) {
                    continue outer;
                }
            }
            int p = i + needle.length;
            while (p < end && b.getByte(p) == ' ') {
                p++;
            }
            return p;
        }
        return -1;
    }

    /** Where field {@code index} starts, or -1. */
    private int field(ByteBuf b, int from, int end) {
        int p = from;
        for (int n = 0; n < index; n++) {
            while (p < end && b.getByte(p) != separator) {
                p++;
            }
            if (p >= end) {
                return -1;
            }
            p++;
        }
        return p;
    }

    /** A non-negative decimal of 1–18 digits at {@code p} (a JSON string's opening quote is skipped), or NONE. */
    private static long number(ByteBuf b, int p, int end) {
        if (p < end && b.getByte(p) == '"') {
            p++;
        }
        long v = 0;
        int digits = 0;
        while (p < end && digits < 19) {
            int c = b.getByte(p) - '0';
            if (c < 0 || c > 9) {
                break;
            }
            v = v * 10 + c;
            digits++;
            p++;
        }
        return digits == 0 || digits > 18 ? NONE : v;
    }

    @Override
    public String toString() {
        return spec;
    }
}
