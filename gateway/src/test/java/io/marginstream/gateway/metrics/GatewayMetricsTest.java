package io.marginstream.gateway.metrics;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-frame meters allocate nothing, and the histogram's buckets count what was recorded. */
class GatewayMetricsTest {
    private static void perFrame(GatewayMetrics m, int n) {
        for (int i = 0; i < n; i++) {
            m.frameIn();
            m.framesOut(3);
            m.conflated();
            m.tickToWrite(i % 20_000);
        }
    }

    @Test
    void perFrameCalls_allocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (GatewayMetrics m = new GatewayMetrics()) {
            perFrame(m, 200_000); // warm-up: first-use allocations, JIT
            long before = threads.getCurrentThreadAllocatedBytes();
            perFrame(m, 100_000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 4096, "100,000 frames allocated " + allocated + " bytes");
        }
    }

    @Test
    void scrape_isRenderedOncePerInterval_andSharedInBetween() {
        try (GatewayMetrics m = new GatewayMetrics()) {
            byte[] first = m.scrape();
            assertTrue(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains("marginstream_sessions "));
            org.junit.jupiter.api.Assertions.assertSame(first, m.scrape(), "a scrape right after another is shared");
            long deadline = System.nanoTime() + GatewayMetrics.SCRAPE_MAX_AGE.toNanos() * 50;
            byte[] later = first;
            while (later == first && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(GatewayMetrics.SCRAPE_MAX_AGE.toNanos());
                later = m.scrape();
            }
            org.junit.jupiter.api.Assertions.assertNotSame(first, later, "rendered again after the interval");
        }
    }

    @Test
    void tickToWrite_isAHistogramWithServiceLevelBuckets() {
        try (GatewayMetrics m = new GatewayMetrics()) {
            m.tickToWrite(1_500);    // 1.5 ms
            m.tickToWrite(30_000);   // 30 ms
            m.tickToWrite(700_000);  // 700 ms
            String text = m.render();
            assertTrue(text.contains("marginstream_tick_to_write_seconds_bucket{le=\"0.001\"} 0"), text);
            assertTrue(text.contains("marginstream_tick_to_write_seconds_bucket{le=\"0.002\"} 1"), text);
            assertTrue(text.contains("marginstream_tick_to_write_seconds_bucket{le=\"0.05\"} 2"), text);
            assertTrue(text.contains("marginstream_tick_to_write_seconds_bucket{le=\"1.0\"} 3"), text);
            assertTrue(text.contains("marginstream_tick_to_write_seconds_count 3"), text);
        }
    }
}
