package io.marginstream.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-written JSON writer straight into UTF-8 bytes, for the hot frames and responses that would otherwise go
 * through the shared mapper's databind. Each value is written byte for byte as {@link ProtocolJson}'s mapper writes
 * it: strings escaped as Jackson's UTF-8 generator escapes them by default ({@code \"}, {@code \\}, {@code \b},
 * {@code \t}, {@code \n}, {@code \f}, {@code \r}, <code>&#92;u00XX</code> for the other control characters,
 * <code>&#92;u</code> and four hex digits for each UTF-16 surrogate, so an emoji is two escapes; the rest as raw UTF-8, {@code /}
 * and DEL not escaped), {@link BigDecimal} as {@link Decimals#format} in quotes, enums by {@code name()}, a null
 * object as {@code null}. Field names and punctuation come from the caller as pre-encoded ASCII ({@link #ascii}).
 *
 * <p>One writer per thread, reused: {@link #open()} takes the calling thread's writer (a fresh one if it is in use,
 * e.g. by a failed encoding), the caller writes one message, and {@link #toBytes()} returns a copy of exactly its
 * length and gives the writer back. Not thread-safe: a writer never leaves the thread that opened it.
 */
public final class JsonBytes {
    /** A writer whose buffer grew past this for a large message is not kept. */
    static final int KEEP_BYTES = 16 * 1024;
    private static final ThreadLocal<JsonBytes> FREE = new ThreadLocal<>();
    private static final byte[] HEX = ascii("0123456789ABCDEF");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] OK_ID = ascii("{\"id\":");
    private static final byte[] OK_RESULT = ascii(",\"status\":200,\"result\":");
    private static final byte[] RATE_LIMITS = ascii(",\"rateLimits\":[");
    private static final byte[] RL_TYPE = ascii("{\"rateLimitType\":");
    private static final byte[] RL_INTERVAL = field("interval");
    private static final byte[] RL_NUM = field("intervalNum");
    private static final byte[] RL_LIMIT = field("limit");
    private static final byte[] RL_COUNT = field("count");
    private static final long E8 = 100_000_000L;
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L};

    private byte[] buf = new byte[1024];
    private int len;

    private JsonBytes() {
    }

    /** The calling thread's writer, empty. */
    public static JsonBytes open() {
        JsonBytes w = FREE.get();
        if (w == null) {
            return new JsonBytes();
        }
        FREE.set(null);
        w.len = 0;
        return w;
    }

    /** The message written, as an array of exactly its length; gives the writer back to its thread. */
    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(buf, len);
        if (buf.length <= KEEP_BYTES) {
            FREE.set(this);
        }
        return out;
    }

    /** The bytes of ASCII text (a field name with its quotes, colon and comma, or punctuation), for constants. */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes of {@code ,"name":}, the lead-in of every field after an object's first, for constants. */
    public static byte[] field(String name) {
        return ascii(",\"" + name + "\":");
    }

    /** Pre-encoded ASCII, as is. */
    public JsonBytes raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
        return this;
    }

    /** One ASCII character, as is (a bracket, a comma). */
    public JsonBytes raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** A JSON number, without {@code Long.toString}. */
    public JsonBytes number(long v) {
        ensure(20);
        len = putLong(buf, len, v);
        return this;
    }

    /** {@code true} or {@code false}. */
    public JsonBytes bool(boolean v) {
        return raw(v ? TRUE : FALSE);
    }

    /** A quoted, escaped JSON string, as the mapper writes it into bytes; {@code null} for null. */
    public JsonBytes string(String s) {
        return string(s, true);
    }

    /**
     * A quoted, escaped JSON string as the mapper writes it into text ({@link ProtocolJson#toJson}) that is then
     * encoded to UTF-8: the same escapes below 0x80, but a surrogate pair as its 4-byte UTF-8 and a lone surrogate
     * as {@code ?} (what {@code String.getBytes(UTF_8)} makes of them); {@code null} for null.
     */
    public JsonBytes stringAsText(String s) {
        return string(s, false);
    }

    private JsonBytes string(String s, boolean escapeSurrogates) {
        if (s == null) {
            return raw(NULL);
        }
        int n = s.length();
        ensure(n * 6 + 2);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    p = escapeAscii(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (escapeSurrogates) {
                p = unicodeEscape(b, p, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = '?';
            }
        }
        b[p++] = '"';
        len = p;
        return this;
    }

    /** An enum constant's {@code name()} as a JSON string; {@code null} for null. */
    public JsonBytes name(Enum<?> e) {
        return e == null ? raw(NULL) : string(e.name());
    }

    /** {@code null}. */
    public JsonBytes nullValue() {
        return raw(NULL);
    }

    /**
     * An amount scaled by 10^8, in quotes as {@link Decimals#format} writes it: a plain decimal with exactly 8
     * places ({@code "-0.50000000"}).
     */
    public JsonBytes e8(long e8) {
        ensure(32);
        buf[len++] = '"';
        len = putE8(buf, len, e8);
        buf[len++] = '"';
        return this;
    }

    /**
     * An amount as {@link Decimals#format} writes it, in quotes (a plain decimal with exactly 8 places, rounded
     * half-up); {@code null} for null. An amount with at most 8 places and 18 digits at 8 places is written from
     * its unscaled long, without the decimal text's strings.
     */
    public JsonBytes decimal(BigDecimal v) {
        if (v == null) {
            return raw(NULL);
        }
        int scale = v.scale();
        if (scale < 0 || scale > Decimals.SCALE) {
            v = Decimals.scale8(v);
            scale = Decimals.SCALE;
        }
        int shift = Decimals.SCALE - scale;
        if (v.precision() + shift <= 18) {
            return e8(v.scaleByPowerOfTen(scale).longValueExact() * POW10[shift]);
        }
        String text = Decimals.format(v);
        ensure(text.length() + 2);
        buf[len++] = '"';
        for (int i = 0; i < text.length(); i++) {
            buf[len++] = (byte) text.charAt(i);
        }
        buf[len++] = '"';
        return this;
    }

    /**
     * Whether {@link #okHead} can write this request id: a {@link Long} or {@link Integer} (a JSON number), a
     * {@link String}, or null — the ids {@link ProtocolJson#parseRequest} gives.
     */
    public static boolean plainId(Object id) {
        return id == null || id instanceof Long || id instanceof Integer || id instanceof String;
    }

    /**
     * {@code {"id":..,"status":200,"result":} of {@link ProtocolJson#okResponseBytes}; the result follows, then
     * {@link #rateLimitsAndEnd}.
     *
     * @param id a {@link #plainId}
     */
    public JsonBytes okHead(Object id) {
        raw(OK_ID);
        if (id instanceof String s) {
            string(s);
        } else if (id instanceof Number n) {
            number(n.longValue());
        } else if (id == null) {
            raw(NULL);
        } else {
            throw new IllegalArgumentException("not a plain request id: " + id.getClass().getName());
        }
        return raw(OK_RESULT);
    }

    /** {@code ,"rateLimits":[..]} when the list is not null, then the response's closing brace. */
    public JsonBytes rateLimitsAndEnd(List<RateLimit> rateLimits) {
        if (rateLimits != null) {
            raw(RATE_LIMITS);
            for (int i = 0; i < rateLimits.size(); i++) {
                RateLimit r = rateLimits.get(i);
                if (i > 0) {
                    raw(',');
                }
                raw(RL_TYPE).string(r.rateLimitType()).raw(RL_INTERVAL).string(r.interval())
                        .raw(RL_NUM).number(r.intervalNum()).raw(RL_LIMIT).number(r.limit())
                        .raw(RL_COUNT).number(r.count()).raw('}');
            }
            raw(']');
        }
        return raw('}');
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /**
     * {@code c} (below 0x80) escaped as Jackson escapes it: a short form where JSON has one, else
     * <code>&#92;u00XX</code>.
     */
    private static int escapeAscii(byte[] b, int p, char c) {
        char shortForm;
        switch (c) {
            case '"':
                shortForm = '"';
                break;
            case '\\':
                shortForm = '\\';
                break;
            case '\b':
                shortForm = 'b';
                break;
            case '\t':
                shortForm = 't';
                break;
            case '\n':
                shortForm = 'n';
                break;
            case '\f':
                shortForm = 'f';
                break;
            case '\r':
                shortForm = 'r';
                break;
            default:
                return unicodeEscape(b, p, c);
        }
        b[p++] = '\\';
        b[p++] = (byte) shortForm;
        return p;
    }

    /** <code>&#92;u</code> and four upper-case hex digits. */
    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** A long in decimal at {@code p}; returns the position after it. {@code b} must have 20 bytes free. */
    private static int putLong(byte[] b, int p, long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = ascii(Long.toString(v));
            System.arraycopy(min, 0, b, p, min.length);
            return p + min.length;
        }
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            b[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return end;
    }

    /**
     * A value scaled by 10^8 as a plain decimal with exactly 8 places ({@code -0.50000000}) at {@code p}; returns the
     * position after it. {@code b} must have 30 bytes free.
     */
    private static int putE8(byte[] b, int p, long e8) {
        if (e8 == Long.MIN_VALUE) {
            byte[] min = ascii(BigDecimal.valueOf(e8, Decimals.SCALE).toPlainString());
            System.arraycopy(min, 0, b, p, min.length);
            return p + min.length;
        }
        if (e8 < 0) {
            b[p++] = '-';
            e8 = -e8;
        }
        p = putLong(b, p, e8 / E8);
        b[p++] = '.';
        long frac = e8 % E8;
        for (int i = p + 7; i >= p; i--) {
            b[i] = (byte) ('0' + (frac % 10));
            frac /= 10;
        }
        return p + 8;
    }
}
