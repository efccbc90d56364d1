package io.marginstream.gateway.journal;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for what {@link BinaryOut} writes, over a heap {@link ByteBuffer}. Every length is checked against the
 * bytes left, so a damaged input fails with an {@link IOException} instead of a huge allocation or a runtime
 * exception.
 */
final class BinaryIn {
    /** Reads one element of a list or one value of a map. */
    @FunctionalInterface
    interface Reader<T> {
        T read(BinaryIn in) throws IOException;
    }

    private final ByteBuffer in;

    BinaryIn(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    int tag() throws IOException {
        return readUnsignedByte();
    }

    boolean bool() throws IOException {
        int b = readUnsignedByte();
        if (b > 1) {
            throw new IOException("invalid boolean byte " + b);
        }
        return b == 1;
    }

    long uvarint() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }

    long varlong() throws IOException {
        long u = uvarint();
        return (u >>> 1) ^ -(u & 1);
    }

    int varint() throws IOException {
        long v = varlong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IOException("int value out of range: " + v);
        }
        return (int) v;
    }

    Long nullableLong() throws IOException {
        return bool() ? varlong() : null;
    }

    Integer nullableInt() throws IOException {
        return bool() ? varint() : null;
    }

    String string() throws IOException {
        int n = count();
        if (n < 0) {
            return null;
        }
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    BigDecimal decimal() throws IOException {
        int n = count();
        if (n < 0) {
            return null;
        }
        if (n == 0) {
            throw new IOException("empty unscaled value of a decimal");
        }
        BigInteger unscaled = new BigInteger(bytes(n));
        return new BigDecimal(unscaled, varint());
    }

    /** An enum constant written by {@link BinaryOut#name}, or {@code null}; a name {@code type} lacks is damage. */
    <E extends Enum<E>> E name(Class<E> type) throws IOException {
        return constant(type, string());
    }

    /** The constant of {@code type} named {@code s} ({@code null} for {@code null}), or an {@link IOException}. */
    static <E extends Enum<E>> E constant(Class<E> type, String s) throws IOException {
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown " + type.getSimpleName() + " '" + s + "'");
        }
    }

    <T> List<T> list(Reader<T> element) throws IOException {
        int n = count();
        if (n < 0) {
            return null;
        }
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(element.read(this));
        }
        return Collections.unmodifiableList(out);
    }

    <V> Map<String, V> map(Reader<V> value) throws IOException {
        int n = count();
        if (n < 0) {
            return null;
        }
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String key = string();
            if (key == null) {
                throw new IOException("null map key");
            }
            out.put(key, value.read(this));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Fails unless every byte was consumed: trailing bytes mean a format mismatch. */
    void expectEnd() throws IOException {
        if (in.hasRemaining()) {
            throw new IOException(in.remaining() + " unexpected trailing bytes");
        }
    }

    /** Reads a "length + 1" prefix: -1 for null, else a length that fits in the remaining bytes. */
    private int count() throws IOException {
        long v = uvarint();
        if (v == 0) {
            return -1;
        }
        long n = v - 1;
        if (n > in.remaining()) {
            throw new IOException("length " + n + " exceeds the " + in.remaining() + " bytes left of "
                    + in.capacity());
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private int readUnsignedByte() throws EOFException {
        if (!in.hasRemaining()) {
            throw new EOFException("truncated input at byte " + in.position());
        }
        return in.get() & 0xFF;
    }
}
