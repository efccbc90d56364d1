package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The journal's string encoding is its UTF-8 bytes behind a "length + 1" varint, whichever way {@link BinaryOut}
 * writes it (the ASCII strings without an intermediate array, the others through {@code getBytes}), so journals and
 * snapshots written before and after read the same.
 */
class BinaryOutTest {
    @Test
    void string_isLengthPlusOneThenUtf8_forAsciiAndOtherText_andReadsBack() throws Exception {
        List<String> texts = new ArrayList<>(List.of("", "USDT", "load-00042", "x".repeat(200), "\u007f\u0000a",
                "é", "ab€", "rocket \ud83d\ude80", "日本語", "a\u0080"));
        Random random = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                b.append(random.nextInt(8) == 0 ? (char) (0x80 + random.nextInt(0x700)) : (char) random.nextInt(0x80));
            }
            texts.add(b.toString());
        }
        for (String s : texts) {
            BinaryOut out = new BinaryOut(16);
            out.string(s).string(null).string(s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int round = 0; round < 2; round++) {
                long v = utf8.length + 1L;
                while ((v & ~0x7FL) != 0) {
                    expected.write((int) ((v & 0x7F) | 0x80));
                    v >>>= 7;
                }
                expected.write((int) v);
                expected.write(utf8);
                if (round == 0) {
                    expected.write(0);
                }
            }
            byte[] bytes = out.toByteArray();
            assertArrayEquals(expected.toByteArray(), bytes, s);
            BinaryIn in = new BinaryIn(bytes);
            assertEquals(s, in.string());
            assertNull(in.string());
            assertEquals(s, in.string());
        }
    }
}
