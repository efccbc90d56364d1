package io.marginstream.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, validating access to one request's params (PROTOCOL.md §2 "Names" and "Numbers"). Errors:
 * {@code -1104} for a name the method does not know, {@code -1102} for a required param that is missing, null or
 * empty, {@code -1130} for a value of the wrong kind or out of range, {@code -1111} for more than 8 decimal
 * places; every message names the parameter.
 *
 * <p>Lenient on input where the wire allows it: a decimal may be a JSON string or number; an integer may be a JSON
 * integer or a string of digits; a boolean may be {@code true}/{@code false} or the strings {@code "true"}/
 * {@code "false"}. A JSON {@code null} counts as absent. An optional string sent empty is {@code -1130}.
 *
 * <p>A thin view over the params object; use it on the thread that handles the request.
 */
public final class Params {
    /** Always allowed: {@code false} leaves {@code rateLimits} out of the response. */
    public static final String RETURN_RATE_LIMITS = "returnRateLimits";

    private final ObjectNode params;
    private final boolean returnRateLimits;

    private Params(ObjectNode params, boolean returnRateLimits) {
        this.params = params;
        this.returnRateLimits = returnRateLimits;
    }

    /**
     * Checks the names against the method's allowed set ({@code returnRateLimits} is always allowed; signing
     * params such as {@code timestamp} only where the set lists them) and {@code returnRateLimits} is a boolean.
     *
     * @throws ApiException {@code -1104} naming the first unknown param; {@code -1130} for a bad
     *                      {@code returnRateLimits}
     */
    public static Params of(ObjectNode params, Set<String> allowed) {
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(RETURN_RATE_LIMITS) && !allowed.contains(name)) {
                throw new ApiException(ErrorCode.UNKNOWN_PARAM,
                        "Parameter '" + printable(name) + "' is not known for this method.");
            }
        }
        Params p = new Params(params, true);
        Boolean rrl = p.optBoolean(RETURN_RATE_LIMITS);
        return rrl == null || rrl ? p : new Params(params, false);
    }

    /**
     * Whether a response to these raw params should carry {@code rateLimits}: true unless {@code returnRateLimits}
     * is exactly {@code false} (or {@code "false"}). Never throws; for error responses built before {@link #of}.
     */
    public static boolean returnRateLimits(ObjectNode params) {
        JsonNode n = params == null ? null : params.get(RETURN_RATE_LIMITS);
        return n == null || !((n.isBoolean() && !n.booleanValue()) || (n.isTextual() && n.textValue().equals("false")));
    }

    /** The raw params object. */
    public ObjectNode node() {
        return params;
    }

    /** Whether the param is present and not JSON {@code null}. */
    public boolean has(String name) {
        JsonNode n = params.get(name);
        return n != null && !n.isNull();
    }

    /** {@code returnRateLimits}, default {@code true}. */
    public boolean returnRateLimits() {
        return returnRateLimits;
    }

    public String requireString(String name) {
        return string(require(name), name);
    }

    /** The string, or {@code null} when absent. */
    public String optString(String name) {
        JsonNode n = opt(name);
        return n == null ? null : string(n, name);
    }

    /** A decimal sent as a JSON string or number, parsed exactly; never exponent form, at most 8 places. */
    public BigDecimal requireDecimal(String name) {
        return decimal(require(name), name);
    }

    public BigDecimal optDecimal(String name) {
        JsonNode n = opt(name);
        return n == null ? null : decimal(n, name);
    }

    /** A 64-bit integer sent as a JSON integer or a string of digits. */
    public long requireLong(String name) {
        return integer(require(name), name);
    }

    public Long optLong(String name) {
        JsonNode n = opt(name);
        return n == null ? null : integer(n, name);
    }

    public boolean requireBoolean(String name) {
        return bool(require(name), name);
    }

    public Boolean optBoolean(String name) {
        JsonNode n = opt(name);
        return n == null ? null : bool(n, name);
    }

    /** A non-empty array of non-empty strings. */
    public List<String> requireStringList(String name) {
        JsonNode n = require(name);
        if (!n.isArray()) {
            throw badValue(name, "must be an array of strings");
        }
        if (n.isEmpty()) {
            throw missing(name);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual() || e.textValue().isEmpty()) {
                throw badValue(name, "must be an array of non-empty strings");
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }

    /** An upper-case enum value, by its constant name. */
    public <E extends Enum<E>> E requireEnum(String name, Class<E> type) {
        return enumValue(require(name), name, type);
    }

    public <E extends Enum<E>> E optEnum(String name, Class<E> type) {
        JsonNode n = opt(name);
        return n == null ? null : enumValue(n, name, type);
    }

    /** The raw value, or {@code null} when absent or JSON {@code null}. */
    public JsonNode optNode(String name) {
        return opt(name);
    }

    // ---- value rules, also for nested values (e.g. the maps of account.riskSettings.update) ----

    /**
     * A decimal from a JSON string or number node, exactly. Numbers keep the text they were sent as when the node
     * came from {@link ProtocolJson#parseRequest}; exponent form is {@code -1130}, more than 8 places {@code -1111}.
     */
    public static BigDecimal decimal(JsonNode n, String name) {
        if (n.isTextual()) {
            if (n.textValue().isEmpty()) {
                throw missing(name);
            }
            return Decimals.parse(n.textValue(), name);
        }
        if (n instanceof RawNumberNode) {
            RawNumberNode raw = (RawNumberNode) n;
            if (raw.hasExponent()) {
                throw badValue(name, "must be a plain decimal number, not exponent form");
            }
            return Decimals.parse(raw.raw(), name);
        }
        if (n.isIntegralNumber()) {
            return new BigDecimal(n.bigIntegerValue());
        }
        if (n.isBigDecimal()) {
            BigDecimal v = n.decimalValue();
            if (v.scale() < 0) {
                throw badValue(name, "must be a plain decimal number, not exponent form");
            }
            return Decimals.checkScale(v, name);
        }
        throw badValue(name, "must be a decimal number");
    }

    /** A 64-bit integer from a JSON integer node or a string of digits. */
    public static long integer(JsonNode n, String name) {
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw badValue(name, "is out of range");
            }
            return n.longValue();
        }
        if (n.isTextual()) {
            String s = n.textValue();
            if (s.isEmpty()) {
                throw missing(name);
            }
            if (isInteger(s)) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw badValue(name, "is out of range");
                }
            }
        }
        throw badValue(name, "must be an integer");
    }

    private static boolean isInteger(String s) {
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length() || s.length() > 21) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String string(JsonNode n, String name) {
        if (!n.isTextual()) {
            throw badValue(name, "must be a string");
        }
        if (n.textValue().isEmpty()) {
            throw badValue(name, "must not be empty");
        }
        return n.textValue();
    }

    private static boolean bool(JsonNode n, String name) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && (n.textValue().equals("true") || n.textValue().equals("false"))) {
            return n.textValue().equals("true");
        }
        throw badValue(name, "must be true or false");
    }

    private static <E extends Enum<E>> E enumValue(JsonNode n, String name, Class<E> type) {
        if (n.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(n.textValue())) {
                    return e;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name());
        }
        throw badValue(name, "must be one of " + allowed);
    }

    private JsonNode require(String name) {
        JsonNode n = params.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isEmpty())) {
            throw missing(name);
        }
        return n;
    }

    private JsonNode opt(String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? null : n;
    }

    /** {@code -1102}: mandatory parameter missing, null or empty. */
    public static ApiException missing(String name) {
        return new ApiException(ErrorCode.MANDATORY_PARAM_MISSING,
                "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    /** {@code -1130}: {@code "Parameter 'name' <reason>."}. */
    public static ApiException badValue(String name, String reason) {
        return new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + name + "' " + reason + ".");
    }

    private static String printable(String name) {
        String s = name.length() <= 64 ? name : name.substring(0, 64) + "...";
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
