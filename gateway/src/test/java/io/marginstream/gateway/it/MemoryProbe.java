package io.marginstream.gateway.it;

import io.netty.util.internal.PlatformDependent;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Live memory of this JVM, read after a full collection: the heap, and the direct memory that Netty holds (its own
 * counter when it allocates without cleaners, else the JDK's {@code direct} buffer pool). Figures settle over a few
 * collections (reference queues, Netty's thread-local caches), so {@link #settlesAtMost} polls, bounded, instead of
 * trusting one reading.
 */
final class MemoryProbe {
    private MemoryProbe() {}

    /** Heap in use after {@code System.gc()}. */
    static long heap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Direct memory in use (after {@code System.gc()}, so cleaners of dropped buffers have run). */
    static long direct() {
        System.gc();
        long netty = PlatformDependent.usedDirectMemory();
        if (netty >= 0) {
            return netty;
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    /**
     * Reads {@code probe} up to {@code tries} times (a collection each) until it is at most {@code limit}; returns
     * the last reading.
     */
    static long settlesAtMost(LongSupplier probe, long limit, int tries) {
        long v = probe.getAsLong();
        for (int i = 1; i < tries && v > limit; i++) {
            Thread.onSpinWait();
            v = probe.getAsLong();
        }
        return v;
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
