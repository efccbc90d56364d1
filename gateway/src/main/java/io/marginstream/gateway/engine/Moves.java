package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The balance changes of one command, in order, to be turned into wallet events. Engine thread only. */
final class Moves {
    final List<Wallet> wallets = new ArrayList<>(4);
    final List<Integer> assets = new ArrayList<>(4);
    final List<BigDecimal> deltas = new ArrayList<>(4);

    void add(Wallet w, int asset, BigDecimal delta) {
        wallets.add(w);
        assets.add(asset);
        deltas.add(delta);
    }

    boolean isEmpty() {
        return wallets.isEmpty();
    }
}
