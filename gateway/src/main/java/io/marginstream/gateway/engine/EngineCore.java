package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The engine's state and the application of commands; owned by the engine thread. */
final class EngineCore {
    private final GatewayConfig config;
    private volatile Map<String, BigDecimal> published;
    private long lastSeq;
    private long lastTime;

    EngineCore(GatewayConfig config, long nowMillis) {
        this.config = config;
        this.published = Map.copyOf(config.prices());
        this.lastTime = nowMillis;
    }

    Object apply(EngineCommand cmd, long nowMillis) {
        throw new ApiException(ErrorCode.UNKNOWN, "The engine does not implement " + cmd.getClass().getSimpleName()
                + " yet.");
    }

    void replay(long seq, long timeMillis, EngineCommand cmd) {
        lastSeq = Math.max(lastSeq, seq);
        lastTime = timeMillis;
    }

    void restore(EngineState s) {
        lastSeq = s.lastSeq();
    }

    EngineState snapshot() {
        return new EngineState(lastSeq, 1, 1, config.feed().enabled(), lastTime, published, List.of());
    }

    Map<String, BigDecimal> publishedMarks() {
        return published;
    }

    boolean feedEnabled() {
        return false;
    }

    List<InstrumentInfo> instrumentInfos() {
        return List.of();
    }

    List<AssetInfo> assetInfos() {
        return List.of();
    }

    boolean hasAccount(String id) {
        return false;
    }

    boolean isPortfolioMargin(String id) {
        return false;
    }

    long lastSeq() {
        return lastSeq;
    }

    long lastTimeMillis() {
        return lastTime;
    }

    void refuseChanges() {
    }

    void discardOutput() {
    }

    void publish(EngineListener listener) {
    }
}
