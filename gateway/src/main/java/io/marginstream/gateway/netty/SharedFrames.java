package io.marginstream.gateway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Pre-framed, pooled buffers of the frames that one event loop writes to many connections in a row (a
 * {@code markPrice} tick reaches every subscriber of the symbol with the same bytes): the first write of a frame
 * on a loop frames it into one direct buffer, every further connection gets a {@linkplain ByteBuf#retainedDuplicate
 * retained duplicate} of it — no allocation from the pool, no copy, no second framing. A small direct-mapped cache
 * per event loop, keyed by the identity of the shared {@code byte[]}; an entry is released when another frame takes
 * its place, so at most {@link #SLOTS} framed buffers per loop outlive their last write.
 *
 * <p>Each loop has its own cache (a {@link FastThreadLocal}); a cached buffer and its duplicates are only touched
 * by that loop, so their reference count is never contended.
 */
final class SharedFrames {
    static final int SLOTS = 16;
    private static final FastThreadLocal<SharedFrames> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected SharedFrames initialValue() {
            return new SharedFrames();
        }

        @Override
        protected void onRemoval(SharedFrames frames) {
            frames.releaseAll();
        }
    };

    private final byte[][] keys = new byte[SLOTS][];
    private final ByteBuf[] framed = new ByteBuf[SLOTS];

    /** The calling event loop's cache. */
    static SharedFrames current() {
        return PER_LOOP.get();
    }

    /** A buffer holding {@code payload} framed as one text frame; the caller owns (and writes) it. */
    ByteBuf framed(ByteBufAllocator alloc, byte[] payload) {
        int i = (System.identityHashCode(payload) ^ (System.identityHashCode(payload) >>> 16)) & (SLOTS - 1);
        if (keys[i] != payload) {
            if (framed[i] != null) {
                framed[i].release();
            }
            framed[i] = ChannelTransport.frame(alloc, payload);
            keys[i] = payload;
        }
        return framed[i].retainedDuplicate();
    }

    private void releaseAll() {
        for (int i = 0; i < SLOTS; i++) {
            if (framed[i] != null) {
                framed[i].release();
                framed[i] = null;
                keys[i] = null;
            }
        }
    }
}
