package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.AccountStatus;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A deep immutable copy of the whole engine state, taken on the engine thread between commands
 * ({@link MarginEngine#snapshot()}) and loaded with {@link MarginEngine#restore(EngineState)}. Every component is
 * a plain value (records, strings, BigDecimal, lists and maps), so the journal can encode it; restoring it and
 * replaying the commands after {@link #lastSeq()} reproduces the engine exactly.
 *
 * @param lastSeq     the sequence number of the last command this state includes (0 if none)
 * @param nextTranId  the next transfer id the engine will hand out
 * @param nextOrderId the next order id
 * @param feedEnabled whether the simulated feed is on ({@code admin.feed})
 * @param lastTimeMillis the time of the last applied command
 * @param marks       symbol → mark price
 * @param accounts    every account, in creation order
 * @param options     the market clock, the volatility surfaces and the settled expiries (§5.3a); {@code null} in a
 *                    state from before options existed (restored as the configured start)
 */
public record EngineState(long lastSeq, long nextTranId, long nextOrderId, boolean feedEnabled, long lastTimeMillis,
                          Map<String, BigDecimal> marks, List<AccountState> accounts, OptionsState options) {

    public EngineState {
        marks = Map.copyOf(marks);
        accounts = List.copyOf(accounts);
    }

    /** A state without option state (as written before options existed). */
    public EngineState(long lastSeq, long nextTranId, long nextOrderId, boolean feedEnabled, long lastTimeMillis,
                       Map<String, BigDecimal> marks, List<AccountState> accounts) {
        this(lastSeq, nextTranId, nextOrderId, feedEnabled, lastTimeMillis, marks, accounts, null);
    }

    /**
     * The option side of the state (§5.3a).
     *
     * @param marketOffsetMillis   how far the market clock runs ahead of the engine clock
     * @param settledThroughMillis the latest expiry settled (every option expiring at or before it has), or 0
     * @param surfaces             one per underlying with options, in underlying order
     */
    public record OptionsState(long marketOffsetMillis, long settledThroughMillis, List<SurfaceState> surfaces) {
        public OptionsState {
            surfaces = List.copyOf(surfaces);
        }
    }

    /**
     * One underlying's implied-volatility surface and the market time its options were last priced at (restoring
     * reprices them there, which reproduces their marks exactly).
     */
    public record SurfaceState(String underlying, BigDecimal atmVol, BigDecimal skew, BigDecimal termSlope,
                               long pricedAtMillis) {
    }

    /**
     * One account.
     *
     * @param balances           wallet ({@code SPOT}, {@code CROSS_MARGIN}, {@code UM}, {@code CM}) → asset →
     *                           non-zero balance
     * @param alertsBelowMask    bit {@code i} set: uniMMR is below alert threshold {@code i} and that alert fired
     *                           (it re-arms once uniMMR is back above it)
     * @param autoCollectionDay  UTC day number ({@code epochMillis / 86_400_000}) of {@code autoCollectionUsed}
     * @param bnbTransferTimes   times of the accepted bnbTransfers of the last 10 minutes, oldest first
     * @param autocloseCount     liquidation fills so far ({@code autoclose-<n>})
     * @param clientTranIds      clientTranIds still kept (≥ 24 h), oldest first; a transfer's is its record of
     *                           {@code history} (an equal one, in a decoded state)
     * @param history            the most recent movements, oldest first
     * @param openOrders         the open orders ({@code status} {@code NEW}), in placement order
     * @param closedOrders       the most recently closed orders, oldest first
     */
    public record AccountState(String id, int vipLevel, boolean portfolioMargin, AccountStatus accountStatus,
                               long updateId, long updateTime, Map<String, Map<String, BigDecimal>> balances,
                               List<PositionState> positions, RiskSettings riskSettings, long alertsBelowMask,
                               long autoCollectionDay, int autoCollectionUsed, List<Long> bnbTransferTimes,
                               long autocloseCount, List<ClientTranIdEntry> clientTranIds,
                               List<TransferRecord> history, List<OrderResult> openOrders,
                               List<OrderResult> closedOrders) {

        public AccountState {
            balances = Map.copyOf(balances);
            positions = List.copyOf(positions);
            bnbTransferTimes = List.copyOf(bnbTransferTimes);
            clientTranIds = List.copyOf(clientTranIds);
            history = List.copyOf(history);
            openOrders = List.copyOf(openOrders);
            closedOrders = List.copyOf(closedOrders);
        }
    }

    /** A one-way position: signed amount (base units for UM, contracts for CM) and entry price. */
    public record PositionState(String symbol, BigDecimal positionAmt, BigDecimal entryPrice) {
    }

    /**
     * A remembered clientTranId, kept 24 h by command time: the command's first result, from which the fingerprint
     * of its parameters (what a repeat must match) is derived. A {@code transfer}'s entry is its
     * {@link TransferRecord} (type {@code TRANSFER}, the same object as its transfer-history entry), an
     * {@code autoCollection}'s is an {@link AutoCollection}.
     */
    public sealed interface ClientTranIdEntry permits TransferRecord, AutoCollection {
        String clientTranId();

        /** When the command was applied (engine time, epoch ms). */
        long timestamp();

        /**
         * The command's parameters as a repeat must match them: {@code TRANSFER|asset|amount|from|to} (the amount
         * without trailing zeros, plain) or {@code AUTO_COLLECTION}.
         */
        String fingerprint();
    }

    /** An {@code autoCollection}'s clientTranId with its first result. */
    public record AutoCollection(String clientTranId, long timestamp, CollectionResult result)
            implements ClientTranIdEntry {
        /** An autoCollection has no parameters: any other command with its clientTranId is a reuse. */
        public static final String FINGERPRINT = "AUTO_COLLECTION";

        @Override
        public String fingerprint() {
            return FINGERPRINT;
        }
    }
}
