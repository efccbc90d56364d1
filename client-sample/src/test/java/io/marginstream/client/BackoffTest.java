package io.marginstream.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void delay_growsExponentiallyUpToTheCap() {
        assertEquals(100, backoff.delay(1, () -> 0.999999).toMillis(), 1);
        assertEquals(400, backoff.delay(3, () -> 0.999999).toMillis(), 1);
        assertEquals(2000, backoff.delay(10, () -> 0.999999).toMillis(), 1);
        assertEquals(2000, backoff.delay(1000, () -> 0.999999).toMillis(), 1);
    }

    @Test
    void delay_jitterStaysAboveHalfTheInitialDelay() {
        assertEquals(50, backoff.delay(1, () -> 0.0).toMillis());
        assertEquals(50, backoff.delay(8, () -> 0.0).toMillis());
        assertEquals(50 + 975, backoff.delay(8, () -> 0.5).toMillis());
    }

    @Test
    void constructor_rejectsMaxBelowInitial() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
