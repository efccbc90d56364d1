/**
 * The embedded portfolio-margin engine of PROTOCOL.md §5: pure Java (no Netty, no Jackson), deterministic, single
 * writer.
 *
 * <h2>Using it (the server's view)</h2>
 * <pre>{@code
 * MarginEngine engine = new MarginEngine(config, System::currentTimeMillis, listener, journal); // or (..., queueCapacity)
 * // optional, before start: engine.restore(snapshot); engine.replay(seq, timeMillis, cmd) for each later record
 * engine.start();                       // engine thread + simulated feed (ticks only while admin.feed enables it)
 * CompletableFuture<Object> f = engine.submit(new EngineCommand.Transfer("alice", "USDT",
 *         new BigDecimal("10"), "UM", "CROSS_MARGIN", "my-id-1"));
 * // f completes with a TransferResult once durable, or fails with io.marginstream.protocol.ApiException
 * engine.queueDepth();                  // for /metrics
 * engine.instruments(); engine.assets(); engine.hasAccount("alice"); engine.isPortfolioMargin("alice");
 * engine.marks();                       // latest marks, symbol -> price (thread-safe, never blocks)
 * EngineState s = engine.snapshot();    // between batches, on the engine thread; s.lastSeq() = last command in it
 * engine.lastSeq();
 * engine.close();
 * }</pre>
 * A full queue, a stopped engine or a failed journal sync fail the future with {@code -1008}
 * ({@code SERVICE_OVERLOADED}); nothing changed then.
 *
 * <h2>Commands and results</h2>
 * {@link io.marginstream.gateway.engine.EngineCommand} has one record per command; results are immutable records
 * named as the wire fields: {@code Transfer} → {@link io.marginstream.gateway.engine.TransferResult};
 * {@code AutoCollect}, {@code CollectAsset} → {@link io.marginstream.gateway.engine.CollectionResult};
 * {@code TransferBnb}, {@code Deposit} → {@link io.marginstream.gateway.engine.TranIdResult}; {@code PlaceOrder},
 * {@code CancelOrder}, {@code GetOrder} → {@link io.marginstream.gateway.engine.OrderResult}; {@code CancelAllOrders},
 * {@code GetOpenOrders}, {@code GetAllOrders} → {@code List<OrderResult>} (newest first for the queries); {@code UpdateRiskSettings}, {@code GetRiskSettings} →
 * {@link io.marginstream.gateway.engine.RiskSettingsView}; {@code SetPortfolioMargin} →
 * {@link io.marginstream.gateway.engine.PortfolioMarginResult}; {@code SetFeedEnabled} →
 * {@link io.marginstream.gateway.engine.FeedResult}; {@code SetMarkPrice}, {@code ApplyMarks} →
 * {@link io.marginstream.gateway.engine.Ack}; {@code GetAccountStatus} →
 * {@link io.marginstream.gateway.engine.AccountStatusView}; {@code GetBalances} → {@code List<BalanceView>} (or one
 * {@link io.marginstream.gateway.engine.BalanceView} when an asset is given); {@code GetPositions} →
 * {@code List<PositionView>}; {@code GetTransferHistory} → {@code List<TransferRecord>} (newest first);
 * {@code GetCollectionUsage} → {@link io.marginstream.gateway.engine.CollectionUsage};
 * {@code SetImpliedVol} → {@link io.marginstream.gateway.engine.VolSurfaceView}; {@code GetVolSurfaces} →
 * {@code List<VolSurfaceView>}; {@code GetOptionMarks} → {@code List<OptionMarkView>}; {@code AdvanceMarketTime} →
 * {@link io.marginstream.gateway.engine.MarketTimeResult}; {@code SettleOptions} (issued by the engine itself at an
 * expiry) → {@code Ack}.
 * Rejections are {@link io.marginstream.protocol.ApiException}s with the §8 code, status and one sentence naming
 * the parameter or limit ({@code -5003} carries {@code data.retryAfter}, epoch ms). Unknown account → {@code -1130}
 * naming {@code accountId}.
 *
 * <h2>Output</h2>
 * {@link io.marginstream.gateway.engine.EngineListener} receives, on the engine thread, after the batch is durable:
 * account events ({@link io.marginstream.gateway.engine.AccountEvent}, each with the account's next {@code U}),
 * {@link io.marginstream.gateway.engine.MarginSnapshot}s of recomputed PM accounts, and changed marks. It must not
 * block.
 *
 * <h2>Durability</h2>
 * {@link io.marginstream.gateway.engine.CommandJournal} gets every accepted state-changing command with its
 * sequence number and applied time, then one {@code sync()} per batch (group commit). State is a pure function of
 * that sequence (ids come from counters, time from the record), so {@code restore(snapshot)} plus
 * {@code replay(...)} of the later records reproduces it; {@link io.marginstream.gateway.engine.EngineState} is the
 * plain-value snapshot.
 *
 * <h2>Inside</h2>
 * {@code EngineCore} (the single writer's state and the dispatch, with one part per concept: accounts, marks,
 * options, evaluation, alerts, fills, commands, resting orders, batch output), {@code engine.margin} (the PORTFOLIO
 * and TIERED models as pure functions over a compact numeric view of an account, open orders' margin included, the
 * option marks and the shared scenario grid), {@code engine.orders} (orders, one account's open orders, the symbol →
 * resting orders trigger index), {@code engine.options} (Black-76 and the volatility surface), {@code engine.feed}
 * (the simulated feed). See docs/ENGINE.md.
 */
package io.marginstream.gateway.engine;
