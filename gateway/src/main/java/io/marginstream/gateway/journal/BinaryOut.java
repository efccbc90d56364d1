package io.marginstream.gateway.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact binary writer for the journal codecs, over {@link DataOutputStream}.
 *
 * <p>Encodings: unsigned varints (LEB128) for lengths, zig-zag varints for signed {@code long}/{@code int} values;
 * nullable values carry a "length + 1" prefix where 0 means {@code null}: strings as UTF-8, {@code BigDecimal} as
 * the two's-complement bytes of its unscaled value followed by its scale (zig-zag varint), so scale and value
 * survive exactly. Maps are written in ascending key order, so equal maps always give equal bytes.
 */
final class BinaryOut {
    /** Writes one element of a list or one value of a map. */
    @FunctionalInterface
    interface Writer<T> {
        void write(BinaryOut out, T value) throws IOException;
    }

    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    BinaryOut(int initialBytes) {
        bytes = new ByteArrayOutputStream(initialBytes);
        out = new DataOutputStream(bytes);
    }

    byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    BinaryOut tag(int tag) throws IOException {
        out.writeByte(tag);
        return this;
    }

    BinaryOut bool(boolean v) throws IOException {
        out.writeBoolean(v);
        return this;
    }

    BinaryOut uvarint(long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
        return this;
    }

    BinaryOut varlong(long v) throws IOException {
        return uvarint((v << 1) ^ (v >> 63));
    }

    BinaryOut varint(int v) throws IOException {
        return varlong(v);
    }

    BinaryOut nullableLong(Long v) throws IOException {
        out.writeBoolean(v != null);
        return v != null ? varlong(v) : this;
    }

    BinaryOut nullableInt(Integer v) throws IOException {
        out.writeBoolean(v != null);
        return v != null ? varint(v) : this;
    }

    BinaryOut string(String s) throws IOException {
        if (s == null) {
            return uvarint(0);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uvarint(b.length + 1L);
        out.write(b);
        return this;
    }

    BinaryOut decimal(BigDecimal d) throws IOException {
        if (d == null) {
            return uvarint(0);
        }
        byte[] unscaled = d.unscaledValue().toByteArray();
        uvarint(unscaled.length + 1L);
        out.write(unscaled);
        return varint(d.scale());
    }

    <T> BinaryOut list(List<T> list, Writer<? super T> element) throws IOException {
        if (list == null) {
            return uvarint(0);
        }
        uvarint(list.size() + 1L);
        for (T t : list) {
            element.write(this, t);
        }
        return this;
    }

    <V> BinaryOut map(Map<String, V> map, Writer<? super V> value) throws IOException {
        if (map == null) {
            return uvarint(0);
        }
        uvarint(map.size() + 1L);
        for (Map.Entry<String, V> e : new TreeMap<>(map).entrySet()) {
            string(e.getKey());
            value.write(this, e.getValue());
        }
        return this;
    }
}
