package io.marginstream.gateway.it;

import io.marginstream.gateway.config.GatewayConfig;

/** The integration tests' base config ({@link TestGateway#base()}) for tests in other packages. */
public final class TestGatewayAccess {
    private TestGatewayAccess() {}

    public static GatewayConfig base() {
        return TestGateway.base();
    }
}
