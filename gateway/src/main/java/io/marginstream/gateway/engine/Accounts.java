package io.marginstream.gateway.engine;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts the engine owns, in account order (an account's {@code index} is its position), by id, and the
 * id set and mode flags that other threads read. Owned by the engine thread; {@link #contains} and
 * {@link #isPortfolioMargin} are safe from any thread.
 */
final class Accounts {
    private final List<Account> list = new ArrayList<>();
    private final Map<String, Account> byId = new HashMap<>();
    private volatile Set<String> ids = Set.of();
    private final Map<String, Boolean> pmFlags = new ConcurrentHashMap<>();

    /** The account named by the {@code accountId} parameter; {@code -1102} if absent, {@code -1130} if unknown. */
    Account get(String id) {
        if (id == null || id.isEmpty()) {
            throw Params.missing("accountId");
        }
        Account a = byId.get(id);
        if (a == null) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'accountId' names unknown account '" + id
                    + "'.");
        }
        return a;
    }

    boolean has(String id) {
        return byId.containsKey(id);
    }

    Account at(int index) {
        return list.get(index);
    }

    List<Account> all() {
        return list;
    }

    /** The index the next added account gets. */
    int nextIndex() {
        return list.size();
    }

    void add(Account a) {
        list.add(a);
        byId.put(a.id, a);
        modeChanged(a);
    }

    /** Publishes the account's mode to {@link #isPortfolioMargin}. */
    void modeChanged(Account a) {
        pmFlags.put(a.id, a.portfolioMargin);
    }

    /** Publishes the id set to {@link #contains}, once the accounts are all added. */
    void publishIds() {
        ids = Set.copyOf(byId.keySet());
    }

    void clear() {
        list.clear();
        byId.clear();
        pmFlags.clear();
    }

    /** Whether the account exists (any thread). */
    boolean contains(String id) {
        return id != null && ids.contains(id);
    }

    /** Whether the account exists and is in portfolio-margin mode (any thread). */
    boolean isPortfolioMargin(String id) {
        return id != null && Boolean.TRUE.equals(pmFlags.get(id));
    }
}
