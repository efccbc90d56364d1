package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineState.AutoCollection;
import io.marginstream.gateway.engine.EngineState.ClientTranIdEntry;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.TransferType;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clientTranId store against a {@link LinkedHashMap} that does what the engine did before it. */
class ClientTranIdsTest {
    private static final long RETENTION = 1_000;

    private static TransferRecord transfer(String id, long time) {
        return new TransferRecord(time, id, TransferType.TRANSFER, "USDT", BigDecimal.ONE, Wallet.SPOT,
                Wallet.CROSS_MARGIN, TransferStatus.CONFIRMED, time);
    }

    @Test
    void emptyStore_findsNothing_andListsNothing() {
        ClientTranIds s = new ClientTranIds();
        assertNull(s.get("a"));
        s.expire(1_000_000, RETENTION);
        assertEquals(List.of(), s.toList());
        assertEquals(0, s.size());
    }

    @Test
    void entries_foundByIdAsTheSameObject_listedOldestFirst_expiredFromTheOldest() {
        ClientTranIds s = new ClientTranIds();
        TransferRecord a = transfer("a", 0);
        AutoCollection b = new AutoCollection("b", 10, new CollectionResult("success", 2, List.of(), 1, 10));
        TransferRecord c = transfer("c", 20);
        s.add(a);
        s.add(b);
        s.add(c);
        assertSame(b, s.get("b"));
        assertSame(a, s.get(new String("a".toCharArray())));
        assertEquals(List.of(a, b, c), s.toList());
        s.expire(1_000, RETENTION);
        assertEquals(3, s.size(), "exactly 24 h old (here RETENTION) is still kept");
        s.expire(1_011, RETENTION);
        assertEquals(List.of(c), s.toList());
        assertNull(s.get("a"));
        assertNull(s.get("b"));
        assertSame(c, s.get("c"));
    }

    @Test
    void expiry_stopsAtTheFirstKeptEntry_asTheInsertionOrderedMapDid() {
        ClientTranIds s = new ClientTranIds();
        TransferRecord late = transfer("late", 500);
        TransferRecord early = transfer("early", 0);
        s.add(late);
        s.add(early);
        s.expire(1_200, RETENTION);
        assertEquals(List.of(late, early), s.toList(), "the older one behind a kept one stays, as before");
        s.expire(1_501, RETENTION);
        assertEquals(List.of(), s.toList());
    }

    @Test
    void randomAddsLookupsAndExpiries_agreeWithAnInsertionOrderedMap() {
        Random random = new Random(20261201);
        ClientTranIds store = new ClientTranIds();
        LinkedHashMap<String, ClientTranIdEntry> model = new LinkedHashMap<>();
        long now = 0;
        int maxSize = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(100);
            if (op < 60) {
                now += random.nextInt(3);
                String id = "k-" + random.nextInt(5_000);
                expire(model, now);
                store.expire(now, RETENTION);
                if (model.get(id) == null) {
                    ClientTranIdEntry e = random.nextBoolean() ? transfer(id, now)
                            : new AutoCollection(id, now, new CollectionResult("success", step, List.of(), 1, 10));
                    model.put(id, e);
                    store.add(e);
                }
            } else if (op < 98) {
                String id = "k-" + random.nextInt(5_000);
                assertSame(model.get(id), store.get(id), id + " at step " + step);
            } else {
                now += random.nextInt(2 * (int) RETENTION);
                expire(model, now);
                store.expire(now, RETENTION);
            }
            assertEquals(model.size(), store.size(), "size at step " + step);
            maxSize = Math.max(maxSize, model.size());
            if (step % 10_000 == 0) {
                assertEquals(new ArrayList<>(model.values()), store.toList(), "order at step " + step);
            }
        }
        for (Map.Entry<String, ClientTranIdEntry> e : model.entrySet()) {
            assertSame(e.getValue(), store.get(e.getKey()));
        }
        assertEquals(new ArrayList<>(model.values()), store.toList());
        assertTrue(maxSize > 256, "the store grew and shrank through several sizes: " + maxSize);
    }

    /** The engine's pruning before this store: from the oldest while older than the retention. */
    private static void expire(LinkedHashMap<String, ClientTranIdEntry> model, long now) {
        Iterator<ClientTranIdEntry> it = model.values().iterator();
        while (it.hasNext() && now - it.next().timestamp() > RETENTION) {
            it.remove();
        }
    }
}
