package io.marginstream.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketAndCidrTest {

    @Test
    void bucket_allowsABurst_thenRefillsAtTheRate() {
        AtomicLong clock = new AtomicLong(1000);
        TokenBucket b = new TokenBucket(20, 50, clock::get);
        for (int i = 0; i < 50; i++) {
            assertTrue(b.tryTake());
        }
        assertFalse(b.tryTake());
        clock.addAndGet(50);
        assertTrue(b.tryTake(), "one token per 50 ms at 20/s");
        assertFalse(b.tryTake());
        clock.addAndGet(60_000);
        for (int i = 0; i < 50; i++) {
            assertTrue(b.tryTake());
        }
        assertFalse(b.tryTake(), "never more than the burst");
    }

    @Test
    void bucket_aHugeClockJump_refillsToFull_withoutOverflow() {
        AtomicLong clock = new AtomicLong(0);
        TokenBucket b = new TokenBucket(Integer.MAX_VALUE, 3, clock::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(b.tryTake());
        }
        assertFalse(b.tryTake());
        clock.set(Long.MAX_VALUE / 2);
        for (int i = 0; i < 3; i++) {
            assertTrue(b.tryTake(), "token " + i + " after the jump");
        }
        assertFalse(b.tryTake());
        clock.set(0);
        assertFalse(b.tryTake(), "a clock set back refills nothing");
    }

    @Test
    void cidr_matchesItsNetworkOnly() throws Exception {
        Cidr net = Cidr.parse("10.0.0.0/8");
        assertTrue(net.contains(InetAddress.getByName("10.200.1.1")));
        assertFalse(net.contains(InetAddress.getByName("11.0.0.1")));
        assertFalse(net.contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(Cidr.parse("::1/128").contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("192.168.1.77/26").contains(InetAddress.getByName("192.168.1.64")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(""));
    }
}
