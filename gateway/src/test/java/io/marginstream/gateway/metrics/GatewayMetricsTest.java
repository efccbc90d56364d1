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
    void everyScrape_hasTheServiceCountersAsTheyAreNow_andTheJvmMeters() {
        try (GatewayMetrics m = new GatewayMetrics()) {
            m.rejected(-2018);
            String first = new String(m.scrape(), java.nio.charset.StandardCharsets.UTF_8);
            m.rejected(-2018);
            String second = m.render();
            assertTrue(first.contains("marginstream_rejections_total{code=\"-2018\"} 1.0"), first);
            assertTrue(second.contains("marginstream_rejections_total{code=\"-2018\"} 2.0"), "a scrape right after "
                    + "another still has the exact counters: " + second);
            assertTrue(second.contains("jvm_memory_used_bytes{area=\"heap\"") && second.contains("jvm_threads_live"),
                    second);
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
