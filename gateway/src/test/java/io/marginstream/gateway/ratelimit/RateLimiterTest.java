package io.marginstream.gateway.ratelimit;

import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.gateway.ratelimit.RateLimiter.Admission;
import io.marginstream.gateway.ratelimit.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    static final long T0 = 1_700_000_040_000L;
    final AtomicLong clock = new AtomicLong(T0);

    RateLimiter limiter(Integer weight, Integer connections, Integer failures, Integer banAfter, List<String> trusted) {
        return new RateLimiter(new LimitsConfig(weight, 3, null, null, connections, failures, banAfter, null, null,
                trusted, null, null), clock::get);
    }

    @Test
    void perSubjectState_isBounded_however_manyAddressesAClientRotatesThrough() throws Exception {
        RateLimiter l = limiter(10, 10, 10, 100, null);
        byte[] v6 = InetAddress.getByName("2001:db8::").getAddress();
        int n = (int) RateLimiter.MAX_SUBJECTS + 20_000;
        for (int i = 0; i < n; i++) {
            v6[12] = (byte) (i >> 24);
            v6[13] = (byte) (i >> 16);
            v6[14] = (byte) (i >> 8);
            v6[15] = (byte) i;
            InetAddress a = InetAddress.getByAddress(v6);
            l.chargeWeight("ip:" + a.getHostAddress(), 1);
            l.admitConnection(a);
            l.logonFailed(a);
        }
        assertTrue(l.largestCacheSize() <= RateLimiter.MAX_SUBJECTS, "held " + l.largestCacheSize());
    }

    @Test
    void weightWindows_areFixedAndAlignedToTheMinute() {
        RateLimiter l = limiter(10, null, null, 100, null);
        assertEquals(6, l.chargeWeight("ip:a", 6).count());
        Decision over = l.chargeWeight("ip:a", 5);
        assertFalse(over.allowed());
        assertEquals(6, over.count());
        assertEquals(T0 / 60_000 * 60_000 + 60_000, over.windowEndMs());
        clock.set(over.windowEndMs());
        assertEquals(5, l.chargeWeight("ip:a", 5).count());
        assertEquals(1, l.chargeWeight("ip:b", 1).count(), "subjects are independent");
    }

    @Test
    void banAfter429s_lastsTwoMinutes_andDoublesOnRepeat_capped() {
        RateLimiter l = limiter(1, null, null, 2, null);
        l.chargeWeight("key:k", 1);
        for (int i = 0; i < 2; i++) {
            assertFalse(l.chargeWeight("key:k", 1).banned());
        }
        Decision ban = l.chargeWeight("key:k", 1);
        assertTrue(ban.banned());
        assertEquals(clock.get() + 120_000, ban.bannedUntilMs());
        assertEquals(ban.bannedUntilMs(), l.bannedUntil("key:k"));
        clock.set(ban.bannedUntilMs());
        assertEquals(0, l.bannedUntil("key:k"));
        clock.set(clock.get() / 60_000 * 60_000 + 60_000);
        l.chargeWeight("key:k", 1);
        for (int i = 0; i < 2; i++) {
            l.chargeWeight("key:k", 1);
        }
        Decision second = l.chargeWeight("key:k", 1);
        assertEquals(clock.get() + 240_000, second.bannedUntilMs());
    }

    @Test
    void orders_perAccount() {
        RateLimiter l = limiter(null, null, null, null, null);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.chargeOrder("alice").allowed());
        }
        assertFalse(l.chargeOrder("alice").allowed());
        assertEquals(3, l.orderCount("alice"));
        assertTrue(l.chargeOrder("bob").allowed());
    }

    @Test
    void connections_perIpPerFiveMinutes_trustedNetworksSkipIt() throws Exception {
        RateLimiter l = limiter(null, 2, null, null, List.of("10.1.0.0/16"));
        InetAddress a = InetAddress.getByName("192.168.1.1");
        assertEquals(Admission.ADMITTED, l.admitConnection(a));
        assertEquals(Admission.ADMITTED, l.admitConnection(a));
        assertEquals(Admission.RATE_LIMITED, l.admitConnection(a));
        clock.addAndGet(300_000);
        assertEquals(Admission.ADMITTED, l.admitConnection(a));
        InetAddress trusted = InetAddress.getByName("10.1.2.3");
        for (int i = 0; i < 5; i++) {
            assertEquals(Admission.ADMITTED, l.admitConnection(trusted));
        }
    }

    @Test
    void failedLogons_banTheIp() throws Exception {
        RateLimiter l = limiter(null, null, 2, null, null);
        InetAddress a = InetAddress.getByName("192.168.1.2");
        assertEquals(0, l.logonFailed(a));
        assertEquals(0, l.logonFailed(a));
        long until = l.logonFailed(a);
        assertEquals(clock.get() + 120_000, until);
        assertEquals(Admission.BANNED, l.admitConnection(a));
    }
}
