package io.marginstream.protocol;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;

/**
 * A JSON number with a fraction or exponent, keeping the text it was sent as: the signature payload signs that
 * text, and a decimal parameter sent in exponent form is rejected. Built only by {@link ProtocolJson#parseRequest}.
 * Immutable.
 */
final class RawNumberNode extends DecimalNode {
    private static final long serialVersionUID = 1L;
    private final String raw;

    RawNumberNode(BigDecimal value, String raw) {
        super(value);
        this.raw = raw;
    }

    /** The number's text exactly as sent. */
    String raw() {
        return raw;
    }

    /** Whether the number was sent in exponent form ({@code 1e-3}, {@code 2E5}). */
    boolean hasExponent() {
        return raw.indexOf('e') >= 0 || raw.indexOf('E') >= 0;
    }

    @Override
    public String asText() {
        return raw;
    }
}
