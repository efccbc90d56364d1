package io.marginstream.gateway.journal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compact binary writer for the journal codecs, into a growable byte array (not thread-safe: one per encoding).
 *
 * <p>Encodings: unsigned varints (LEB128) for lengths, zig-zag varints for signed {@code long}/{@code int} values;
 * nullable values carry a "length + 1" prefix where 0 means {@code null}: strings as UTF-8, {@code BigDecimal} as
 * the two's-complement bytes of its unscaled value followed by its scale (zig-zag varint), so scale and value
 * survive exactly; an enum constant as the string of its name. Maps are written in ascending key order, so equal
 * maps always give equal bytes.
 */
final class BinaryOut {
    /** Writes one element of a list or one value of a map. */
    @FunctionalInterface
    interface Writer<T> {
        void write(BinaryOut out, T value);
    }

    private byte[] buf;
    private int size;

    BinaryOut(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    BinaryOut tag(int tag) {
        writeByte(tag);
        return this;
    }

    BinaryOut bool(boolean v) {
        writeByte(v ? 1 : 0);
        return this;
    }

    BinaryOut uvarint(long v) {
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
        return this;
    }

    BinaryOut varlong(long v) {
        return uvarint((v << 1) ^ (v >> 63));
    }

    BinaryOut varint(int v) {
        return varlong(v);
    }

    BinaryOut nullableLong(Long v) {
        bool(v != null);
        return v != null ? varlong(v) : this;
    }

    BinaryOut nullableInt(Integer v) {
        bool(v != null);
        return v != null ? varint(v) : this;
    }

    BinaryOut string(String s) {
        if (s == null) {
            return uvarint(0);
        }
        int n = s.length();
        int ascii = 0;
        while (ascii < n && s.charAt(ascii) < 0x80) {
            ascii++;
        }
        if (ascii == n) { // nearly every string (ids, assets, symbols, enum names): its UTF-8 is its chars
            uvarint(n + 1L);
            if (size + n > buf.length) {
                grow(n);
            }
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
            return this;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uvarint(b.length + 1L);
        write(b);
        return this;
    }

    /** An enum constant as its name, so the bytes do not depend on the constants' order ({@code null} kept). */
    BinaryOut name(Enum<?> e) {
        return string(e == null ? null : e.name());
    }

    BinaryOut decimal(BigDecimal d) {
        if (d == null) {
            return uvarint(0);
        }
        byte[] unscaled = d.unscaledValue().toByteArray();
        uvarint(unscaled.length + 1L);
        write(unscaled);
        return varint(d.scale());
    }

    <T> BinaryOut list(List<T> list, Writer<? super T> element) {
        if (list == null) {
            return uvarint(0);
        }
        uvarint(list.size() + 1L);
        for (T t : list) {
            element.write(this, t);
        }
        return this;
    }

    <V> BinaryOut map(Map<String, V> map, Writer<? super V> value) {
        if (map == null) {
            return uvarint(0);
        }
        uvarint(map.size() + 1L);
        String[] keys = map.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        for (String k : keys) {
            string(k);
            value.write(this, map.get(k));
        }
        return this;
    }

    private void writeByte(int b) {
        if (size == buf.length) {
            grow(1);
        }
        buf[size++] = (byte) b;
    }

    private void write(byte[] b) {
        if (size + b.length > buf.length) {
            grow(b.length);
        }
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void grow(int more) {
        long wanted = Math.max((long) buf.length * 2, (long) size + more);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("encoding larger than 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) wanted);
    }
}
