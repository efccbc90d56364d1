package io.marginstream.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    @Test
    void format_isPlainWithEightPlaces() {
        assertEquals("-12.30000000", Decimals.format(new BigDecimal("-12.3")));
        assertEquals("1000.00000000", Decimals.format(new BigDecimal("1E+3")));
        assertEquals("0.00000001", Decimals.format(new BigDecimal("0.000000005")));
        assertEquals("0.00000000", Decimals.format(new BigDecimal("-0.000000001")));
    }

    @Test
    void parse_nineDecimalPlacesEvenZeros_rejectedWithPrecisionError() {
        ApiException e = assertThrows(ApiException.class, () -> Decimals.parse("1.000000000", "amount"));
        assertEquals(ErrorCode.BAD_PRECISION, e.code());
    }

    @Test
    void parse_plainDecimals_exactly() {
        assertEquals(new BigDecimal("52000.00"), Decimals.parse("52000.00", "price"));
        assertEquals(new BigDecimal("-0.5"), Decimals.parse("-0.5", "amount"));
        assertEquals(new BigDecimal("0.12345678"), Decimals.parse("0.12345678", "amount"));
        assertEquals(new BigDecimal("123456789012345678901234567890"),
                Decimals.parse("123456789012345678901234567890", "amount"));
    }

    @Test
    void parse_nineDecimals_isBadPrecision() {
        ApiException e = assertThrows(ApiException.class, () -> Decimals.parse("0.123456789", "amount"));
        assertEquals(ErrorCode.BAD_PRECISION, e.code());
        assertEquals(-1111, e.code().code());
        assertEquals(true, e.getMessage().contains("'amount'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " 1", "1 ", "1e5", "1E-2", "1.5e3", "NaN", "Infinity", "-Infinity", "0x1A",
            "+1", "1.", ".5", "1,5", "--1", "-", "1.2.3", "١"})
    void parse_nonPlainText_isBadValue(String text) {
        ApiException e = assertThrows(ApiException.class, () -> Decimals.parse(text, "amount"));
        assertEquals(ErrorCode.BAD_PARAM_VALUE, e.code());
        assertEquals(true, e.getMessage().contains("'amount'"));
    }
}
