package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineState.ClientTranIdEntry;

import java.util.Arrays;
import java.util.List;

/**
 * One account's remembered clientTranIds, oldest first: a ring of the entries in the order they were added, and an
 * open-addressing index (linear probing, at most half full) from clientTranId to ring slot. An entry costs a
 * reference in the ring and two ints of index and no object of its own (a transfer's entry is its history record);
 * adding and expiring allocate nothing but the arrays when they double or halve. An empty store holds no arrays.
 * Owned by the engine thread.
 */
final class ClientTranIds {
    private static final int MIN_CAPACITY = 8;
    private static final ClientTranIdEntry[] NO_ENTRIES = {};
    private static final int[] NO_SLOTS = {};

    /** Entries by slot; the oldest at {@code head}, the others after it (wrapping); length 0 or a power of two. */
    private ClientTranIdEntry[] ring = NO_ENTRIES;
    private int head;
    private int size;
    /** Per index slot, the ring slot + 1 of the entry there, 0 if free; twice as long as {@code ring}. */
    private int[] index = NO_SLOTS;

    int size() {
        return size;
    }

    /** The entry of {@code clientTranId}, or {@code null}. */
    ClientTranIdEntry get(String clientTranId) {
        if (size == 0) {
            return null;
        }
        int mask = index.length - 1;
        for (int i = home(clientTranId, mask); ; i = (i + 1) & mask) {
            int s = index[i];
            if (s == 0) {
                return null;
            }
            ClientTranIdEntry e = ring[s - 1];
            if (e.clientTranId().equals(clientTranId)) {
                return e;
            }
        }
    }

    /** Adds {@code e} as the newest entry; its clientTranId must not be here yet. */
    void add(ClientTranIdEntry e) {
        if (size == ring.length) {
            resize(Math.max(MIN_CAPACITY, ring.length * 2));
        }
        int slot = (head + size) & (ring.length - 1);
        ring[slot] = e;
        size++;
        insert(slot);
    }

    /** Removes the oldest entries while {@code now - timestamp > retentionMillis}, stopping at the first kept one. */
    void expire(long now, long retentionMillis) {
        int removed = 0;
        while (size > 0 && now - ring[head].timestamp() > retentionMillis) {
            removeOldest();
            removed++;
        }
        if (removed > 0 && (size == 0 || (ring.length > MIN_CAPACITY && size <= ring.length / 4))) {
            resize(size == 0 ? 0 : Math.max(MIN_CAPACITY, Integer.highestOneBit(size) * 2));
        }
    }

    /** The entries, oldest first (references only). */
    List<ClientTranIdEntry> toList() {
        ClientTranIdEntry[] out = new ClientTranIdEntry[size];
        for (int k = 0; k < size; k++) {
            out[k] = ring[(head + k) & (ring.length - 1)];
        }
        return Arrays.asList(out);
    }

    private void removeOldest() {
        int mask = index.length - 1;
        int i = home(ring[head].clientTranId(), mask);
        while (index[i] != head + 1) {
            i = (i + 1) & mask;
        }
        delete(i);
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
    }

    /** Frees index slot {@code hole}, moving back later entries of its probe run that could no longer be found. */
    private void delete(int hole) {
        int mask = index.length - 1;
        int i = hole;
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int want = home(ring[index[j] - 1].clientTranId(), mask);
            boolean reachable = i <= j ? i < want && want <= j : i < want || want <= j;
            if (!reachable) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
    }

    private void insert(int slot) {
        int mask = index.length - 1;
        int i = home(ring[slot].clientTranId(), mask);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** Moves the entries, in order, to a ring of {@code capacity} slots (0, or a power of two ≥ size) from slot 0. */
    private void resize(int capacity) {
        ClientTranIdEntry[] old = ring;
        int oldHead = head;
        ring = capacity == 0 ? NO_ENTRIES : new ClientTranIdEntry[capacity];
        index = capacity == 0 ? NO_SLOTS : new int[capacity * 2];
        head = 0;
        for (int k = 0; k < size; k++) {
            ring[k] = old[(oldHead + k) & (old.length - 1)];
            insert(k);
        }
    }

    private static int home(String clientTranId, int mask) {
        int h = clientTranId.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
