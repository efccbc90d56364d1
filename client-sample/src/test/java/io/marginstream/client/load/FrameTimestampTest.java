package io.marginstream.client.load;

import io.marginstream.client.UsageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the subscribe-only tester finds the publish time: a JSON field's number, or a separated field. */
class FrameTimestampTest {
    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void jsonField_readsTheNumberAfterTheName_caseSensitive() {
        FrameTimestamp e = FrameTimestamp.parse("json:E");
        String frame = "{\"stream\":\"markPrice@BTCUSDT\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1764576000123,"
                + "\"s\":\"BTCUSDT\",\"p\":\"60000.1\"}}";
        assertEquals(1764576000123L, e.read(bytes(frame)));
        assertEquals(42, e.read(bytes("{\"E\": 42}")));
        assertEquals(7, e.read(bytes("{\"E\":\"7\"}")), "a number in a string");
        assertEquals(FrameTimestamp.NONE, e.read(bytes("{\"id\":1,\"status\":200,\"result\":null}")));
        assertEquals(FrameTimestamp.NONE, e.read(bytes("{\"E\":null}")));
        assertEquals(FrameTimestamp.NONE, e.read(bytes("{\"E\":")), "cut off");
    }

    @Test
    void jsonField_withinARange_ignoresBytesOutsideIt() {
        ByteBuf b = bytes("xx{\"E\":5}{\"E\":6}");
        assertEquals(5, FrameTimestamp.parse("json:E").read(b, 2, 9));
        assertEquals(6, FrameTimestamp.parse("json:E").read(b, 9, b.writerIndex()));
        assertEquals(FrameTimestamp.NONE, FrameTimestamp.parse("json:E").read(b, 2, 7));
    }

    @Test
    void split_readsTheIndexedField() {
        FrameTimestamp t = FrameTimestamp.parse("split:::1");
        assertEquals(1764576000123L, t.read(bytes("p17:1764576000123:60000.12345678")));
        assertEquals(99, FrameTimestamp.parse("split:,:0").read(bytes("99,x")));
        assertEquals(FrameTimestamp.NONE, FrameTimestamp.parse("split:,:3").read(bytes("1,2")));
        assertEquals(FrameTimestamp.NONE, t.read(bytes("p17:abc")));
    }

    @Test
    void badSpecs_areUsageErrorsNamingTheForm() {
        for (String bad : new String[] {"E", "json:", "split:,", "split:,:x", "split:,:-1", "json:a\"b"}) {
            UsageException e = assertThrows(UsageException.class, () -> FrameTimestamp.parse(bad), bad);
            assertTrue(e.getMessage().contains("--timestamp"), e.getMessage());
        }
    }
}
