package io.marginstream.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every value {@link JsonBytes} writes, byte for byte against the shared mapper's output for the same value. */
class JsonBytesTest {
    private static final ObjectMapper MAPPER = ProtocolJson.mapper();

    private static byte[] jackson(Object value) throws Exception {
        return MAPPER.writeValueAsBytes(value);
    }

    private static void assertSame(byte[] expected, byte[] actual, Object what) {
        assertArrayEquals(expected, actual, () -> "for " + what + ": expected "
                + new String(expected, StandardCharsets.UTF_8) + " but got "
                + new String(actual, StandardCharsets.UTF_8));
    }

    @Test
    void string_everyUtf16CodeUnitAloneAndBetweenLetters_asJackson() throws Exception {
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            assertSame(jackson(one), JsonBytes.open().string(one).toBytes(), "U+" + Integer.toHexString(c));
            String mixed = "a" + one + "b" + one;
            assertSame(jackson(mixed), JsonBytes.open().string(mixed).toBytes(), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void string_randomHostileText_emojiSurrogatesControlsQuotes_asJackson() throws Exception {
        Random r = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            String s = Strings.hostile(r, i < 50 ? i * 200 : r.nextInt(40));
            assertSame(jackson(s), JsonBytes.open().string(s).toBytes(), s);
        }
        assertSame(jackson(null), JsonBytes.open().string(null).toBytes(), "null");
        assertSame(jackson(""), JsonBytes.open().string("").toBytes(), "empty");
    }

    @Test
    void stringAsText_everyCodeUnitAndHostileText_asTheMappersTextInUtf8() throws Exception {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = "a" + (char) c + "b" + (char) c;
            assertSame(viaText(s), JsonBytes.open().stringAsText(s).toBytes(), "U+" + Integer.toHexString(c));
        }
        Random r = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            String s = Strings.hostile(r, i < 50 ? i * 200 : r.nextInt(40));
            assertSame(viaText(s), JsonBytes.open().stringAsText(s).toBytes(), s);
        }
        assertSame(viaText(null), JsonBytes.open().stringAsText(null).toBytes(), "null");
    }

    private static byte[] viaText(Object value) throws Exception {
        return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decimal_edgesAndRandomScalesAndSizes_asThePlainDecimalSerializer() throws Exception {
        List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0E-20"),
                new BigDecimal("0E+5"), new BigDecimal("-0.000000005"), new BigDecimal("0.000000005"),
                new BigDecimal("0.000000004999"), new BigDecimal("-0.000000015"), new BigDecimal("1E+30"),
                new BigDecimal("-1E+30"), new BigDecimal("9999999999.99999999"), new BigDecimal("9999999999.999999995"),
                new BigDecimal("99999999999.99999999"), new BigDecimal("-99999999999.99999999"),
                new BigDecimal("9999999999.9999999"), new BigDecimal("-99999999999.9999999"),
                new BigDecimal("9999999999"), new BigDecimal("99999999999"), new BigDecimal("-0.5"),
                new BigDecimal("123456789012345678901234567890.123456789"),
                BigDecimal.valueOf(Long.MAX_VALUE), BigDecimal.valueOf(Long.MIN_VALUE),
                BigDecimal.valueOf(Long.MAX_VALUE, 8), BigDecimal.valueOf(Long.MIN_VALUE, 8),
                BigDecimal.valueOf(Long.MAX_VALUE, 20), BigDecimal.valueOf(Long.MIN_VALUE, 20)));
        Random r = new Random(8);
        for (int i = 0; i < 50_000; i++) {
            values.add(Amounts.random(r));
        }
        for (BigDecimal v : values) {
            assertSame(jackson(v), JsonBytes.open().decimal(v).toBytes(), v);
        }
        assertSame(jackson(null), JsonBytes.open().decimal(null).toBytes(), "null");
    }

    @Test
    void numbersBooleansAndEnums_asJackson() throws Exception {
        Random r = new Random(3);
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L};
        for (long v : edges) {
            assertSame(jackson(v), JsonBytes.open().number(v).toBytes(), v);
        }
        for (int i = 0; i < 20_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertSame(jackson(v), JsonBytes.open().number(v).toBytes(), v);
        }
        assertSame(jackson(true), JsonBytes.open().bool(true).toBytes(), true);
        assertSame(jackson(false), JsonBytes.open().bool(false).toBytes(), false);
        List<Class<? extends Enum<?>>> enums = List.of(AccountStatus.class, ExecutionType.class, FuturesType.class,
                OrderStatus.class, OrderType.class, Side.class, TimeInForce.class, TransferStatus.class, Wallet.class,
                ErrorCode.class);
        for (Class<? extends Enum<?>> type : enums) {
            for (Enum<?> e : type.getEnumConstants()) {
                assertSame(jackson(e), JsonBytes.open().name(e).toBytes(), e);
            }
        }
        assertSame(jackson(null), JsonBytes.open().name(null).toBytes(), "null");
    }

    @Test
    void okHeadAndRateLimits_asOkResponseBytes() {
        Random r = new Random(5);
        List<Object> ids = new ArrayList<>(Arrays.asList(0L, -1L, (1L << 53) - 1, -(1L << 53) + 1, Long.MAX_VALUE,
                Long.MIN_VALUE, 7, Integer.MIN_VALUE, "a", "x".repeat(64), "\"\\\n\u0001é€\uD83D\uDE00", null));
        for (int i = 0; i < 2_000; i++) {
            ids.add(r.nextBoolean() ? (Object) r.nextLong() : Strings.hostile(r, 1 + r.nextInt(64)));
        }
        for (Object id : ids) {
            List<RateLimit> limits = rateLimits(r);
            byte[] expected = ProtocolJson.okResponseBytes(id, null, limits);
            byte[] actual = JsonBytes.open().okHead(id).raw('{').raw('}').rateLimitsAndEnd(limits).toBytes();
            assertSame(expected, actual, id + " " + limits);
        }
    }

    private static List<RateLimit> rateLimits(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return null;
            case 1:
                return List.of();
            default:
                List<RateLimit> out = new ArrayList<>();
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    out.add(new RateLimit(r.nextInt(8) == 0 ? null : r.nextBoolean() ? "REQUEST_WEIGHT" : "ORD\"ERS",
                            r.nextInt(8) == 0 ? null : "MINUTE", r.nextInt(), r.nextLong(), r.nextLong()));
                }
                return out;
        }
    }

    @Test
    void writerIsReusedAndGrowsForLargeMessages() {
        String big = "é".repeat(40_000);
        byte[] once = JsonBytes.open().string(big).toBytes();
        assertEquals(80_002, once.length);
        assertArrayEquals("\"x\"".getBytes(StandardCharsets.US_ASCII), JsonBytes.open().string("x").toBytes());
        JsonBytes first = JsonBytes.open();
        first.toBytes();
        assertEquals(first, JsonBytes.open());
    }

    /** Text that exercises every escaping rule. */
    static final class Strings {
        private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\b", "\t", "\n", "\f", "\r",
            "\u0000", "\u0001", "\u001F", "\u007F", "\u0080", "é", "ß", "\u07FF", "\u0800", "€", "中", "\u2028",
            "\uFEFF", "\uFFFF", "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD800", "\uDFFF", "lt-1-23", "\u00A0"};

        static String hostile(Random r, int pieces) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                sb.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x10000) : PIECES[r.nextInt(PIECES.length)]);
            }
            return sb.toString();
        }
    }

    /** Amounts of every sign, size and scale, with more than 8 places and in exponent form too. */
    static final class Amounts {
        static BigDecimal random(Random r) {
            BigInteger unscaled;
            switch (r.nextInt(4)) {
                case 0:
                    unscaled = BigInteger.valueOf(r.nextInt(2_000_001) - 1_000_000);
                    break;
                case 1:
                    unscaled = BigInteger.valueOf(r.nextLong());
                    break;
                case 2:
                    unscaled = new BigInteger(1 + r.nextInt(120), r);
                    break;
                default:
                    unscaled = BigInteger.valueOf(r.nextLong() >> r.nextInt(64));
                    break;
            }
            if (r.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            return new BigDecimal(unscaled, r.nextInt(30) - 6);
        }
    }
}
