package io.marginstream.protocol.binance;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The params of one Binance-style REST request (PROTOCOL.md §11): the query string and an
 * {@code application/x-www-form-urlencoded} body, both read on any method, plus the signing payload — the raw query
 * concatenated with the raw body (no {@code &} between), the {@code signature} pair removed, exactly as received.
 *
 * <p>Errors are Binance's: a parameter sent twice (query and body count together) is {@code -1101}; bad percent
 * encoding or characters a number cannot hold are {@code -1100}; a missing or empty required one is {@code -1102};
 * more than 8 decimal places is {@code -1111}; a value out of its range or set is {@code -1130}. Names a route does
 * not read are ignored (clients send stray ones). Every message names the parameter. Immutable.
 */
public final class RestParams {
    /** The parameter that carries the signature; never part of the signed payload. */
    public static final String SIGNATURE = "signature";

    private final Map<String, String> values;
    private final String payload;
    private final String signature;

    private RestParams(Map<String, String> values, String payload, String signature) {
        this.values = values;
        this.payload = payload;
        this.signature = signature;
    }

    /**
     * Reads the raw query string (without {@code ?}; {@code ""} when none) and the raw form body ({@code ""} when
     * none).
     *
     * @throws ApiException {@code -1101} for a parameter sent twice, {@code -1100} for bad percent encoding
     */
    public static RestParams parse(String rawQuery, String rawBody) {
        Map<String, String> values = new LinkedHashMap<>();
        String q = read(rawQuery, values);
        String b = read(rawBody, values);
        String signature = values.remove(SIGNATURE);
        return new RestParams(Collections.unmodifiableMap(values), q + b, signature);
    }

    /** Adds the pairs of {@code raw} to {@code into}; returns {@code raw} without its {@code signature} pairs. */
    private static String read(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder unsigned = new StringBuilder(raw.length());
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            String pair = raw.substring(start, end);
            start = end + 1;
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, "name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (into.containsKey(name)) {
                throw new ApiException(ErrorCode.DUPLICATE_PARAM, "Duplicate values for parameter '"
                        + printable(name) + "'.");
            }
            into.put(name, value);
            if (!name.equals(SIGNATURE)) {
                if (unsigned.length() > 0) {
                    unsigned.append('&');
                }
                unsigned.append(pair);
            }
        }
        return unsigned.toString();
    }

    /** Form decoding: {@code +} is a space, {@code %XX} a byte, bytes read as UTF-8. */
    private static String decode(String s, String name) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new ApiException(ErrorCode.ILLEGAL_CHARS, "Illegal characters found in parameter '"
                            + printable(name) + "': bad percent-encoding.");
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the signature signs: raw query + raw body, the {@code signature} pair removed. */
    public String signaturePayload() {
        return payload;
    }

    /** The {@code signature} value (percent-decoded), or {@code null} when none was sent. */
    public String signature() {
        return signature;
    }

    /** Whether the parameter was sent (possibly empty). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The decoded parameters in the order received, without {@code signature}. */
    public Map<String, String> values() {
        return values;
    }

    /** A required non-empty string. */
    public String requireString(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw missing(name);
        }
        return v;
    }

    /** The string, or {@code null} when absent; sent empty is {@code -1102}. */
    public String optString(String name) {
        String v = values.get(name);
        if (v != null && v.isEmpty()) {
            throw missing(name);
        }
        return v;
    }

    /** A plain decimal ({@code 12}, {@code 0.5}); at most 8 decimal places. */
    public BigDecimal requireDecimal(String name) {
        return decimal(requireString(name), name);
    }

    public BigDecimal optDecimal(String name) {
        String v = optString(name);
        return v == null ? null : decimal(v, name);
    }

    /** A non-negative 64-bit integer of digits. */
    public long requireLong(String name) {
        return integer(requireString(name), name);
    }

    public Long optLong(String name) {
        String v = optString(name);
        return v == null ? null : integer(v, name);
    }

    /** {@code true} or {@code false}, or {@code null} when absent. */
    public Boolean optBoolean(String name) {
        String v = optString(name);
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw badValue(name, "must be true or false");
    }

    /** An upper-case enum value by its constant name; another value is {@code code} (e.g. {@code -1117}). */
    public <E extends Enum<E>> E requireEnum(String name, Class<E> type, ErrorCode code) {
        return enumValue(requireString(name), name, type, code);
    }

    public <E extends Enum<E>> E optEnum(String name, Class<E> type, ErrorCode code) {
        String v = optString(name);
        return v == null ? null : enumValue(v, name, type, code);
    }

    private static <E extends Enum<E>> E enumValue(String v, String name, Class<E> type, ErrorCode code) {
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name());
        }
        String msg = "Parameter '" + name + "' must be one of " + allowed + "; got '" + printable(v) + "'.";
        throw new ApiException(code, msg);
    }

    static BigDecimal decimal(String v, String name) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(c == '-' && i == 0)) {
                throw new ApiException(ErrorCode.ILLEGAL_CHARS, "Illegal characters found in parameter '" + name
                        + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
            }
        }
        if (!Decimals.isPlainDecimal(v)) {
            throw new ApiException(ErrorCode.ILLEGAL_CHARS, "Illegal characters found in parameter '" + name
                    + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
        return Decimals.checkScale(new BigDecimal(v), name);
    }

    static long integer(String v, String name) {
        if (v.length() > 19) {
            throw badValue(name, "is out of range");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new ApiException(ErrorCode.MANDATORY_PARAM_MISSING, "Mandatory parameter '" + name
                        + "' was not sent, was empty/null, or malformed.");
            }
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw badValue(name, "is out of range");
        }
    }

    /** {@code -1102} naming the parameter. */
    public static ApiException missing(String name) {
        return new ApiException(ErrorCode.MANDATORY_PARAM_MISSING,
                "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    /** {@code -1130}: {@code "Parameter 'name' <reason>."}. */
    public static ApiException badValue(String name, String reason) {
        return new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + name + "' " + reason + ".");
    }

    static String printable(String s) {
        String t = s.length() <= 64 ? s : s.substring(0, 64) + "...";
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
