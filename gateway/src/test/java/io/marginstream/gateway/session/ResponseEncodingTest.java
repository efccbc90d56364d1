package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.TransferResult;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.RateLimit;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.marginstream.gateway.session.UserDataEncodingTest.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written ok responses against {@link ProtocolJson#okResponseBytes}, byte for byte. */
class ResponseEncodingTest {

    @Test
    void transferResult_anyIdValuesAndRateLimits_sameBytesAsJackson() {
        RandomAccountEvents values = new RandomAccountEvents(4242L, true);
        Random r = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            Object id = switch (i % 4) {
                case 0 -> values.anyLong();
                case 1 -> r.nextInt();
                case 2 -> values.text();
                default -> "req-" + i;
            };
            Wallet[] wallets = Wallet.values();
            TransferResult t = new TransferResult(values.anyLong(), values.text(), values.amount(),
                    r.nextInt(6) == 0 ? null : wallets[i % wallets.length],
                    r.nextInt(6) == 0 ? null : wallets[(i / 4) % wallets.length],
                    r.nextInt(6) == 0 ? null : TransferStatus.CONFIRMED);
            List<RateLimit> limits = rateLimits(r, values);
            assertSameBytes(ProtocolJson.okResponseBytes(id, t, limits), ResponseEncoding.ok(id, t, limits),
                    id + " " + t + " " + limits);
        }
    }

    @Test
    void otherResultsAndIds_takeTheMapper() {
        TransferResult t = new TransferResult(5, "USDT", new BigDecimal("10"), Wallet.SPOT, Wallet.UM,
                TransferStatus.CONFIRMED);
        List<Object> results = List.of(Map.of("serverTime", 17L), t);
        for (Object id : List.of(BigInteger.TEN.pow(30), (short) 3, 1.5)) {
            for (Object result : results) {
                assertSameBytes(ProtocolJson.okResponseBytes(id, result, null), ResponseEncoding.ok(id, result, null),
                        id);
            }
        }
        assertEquals("{\"id\":7,\"status\":200,\"result\":{\"tranId\":5,\"asset\":\"USDT\",\"amount\":\"10.00000000\","
                + "\"from\":\"SPOT\",\"to\":\"UM\",\"status\":\"CONFIRMED\"},\"rateLimits\":[{\"rateLimitType\":"
                + "\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":70}]}",
                new String(ResponseEncoding.ok(7L, t, List.of(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000, 70))),
                        StandardCharsets.UTF_8));
    }

    private static List<RateLimit> rateLimits(Random r, RandomAccountEvents values) {
        int n = r.nextInt(4) - 1;
        if (n < 0) {
            return null;
        }
        List<RateLimit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RateLimit(i == 0 ? "REQUEST_WEIGHT" : values.text(), r.nextBoolean() ? "MINUTE" : values.text(),
                    r.nextInt(), values.anyLong(), values.anyLong()));
        }
        return out;
    }
}
