package io.marginstream.gateway.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.session.KeyStore;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's log names the key of a logon masked, as the dashboard shows it, never in full. */
class LogonLogTest {
    static final String LONG_KEY = "Rmr0RKdFq8Jd2LmXv7Tn4PzW1YbC6HsE9kGuA3oRiNfS5eQyVtDj0xZlMwKa9c9W";

    @Test
    void logon_logsTheKeyMasked() {
        assertEquals("Rmr0RKdF…9c9W", KeyStore.masked(LONG_KEY));
        assertEquals("ali…", KeyStore.masked("alice-hmac-k"));
        Logger logger = (Logger) LoggerFactory.getLogger("io.marginstream.gateway.session.Dispatcher");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        TestGateway gw = TestGateway.start(c -> c.withAccounts(List.of(TestGateway.alice(List.of(
                new KeyConfig(LONG_KEY, "long-key-secret", null, List.of("READ"), null, null))))));
        try (WsRecorder ws = WsRecorder.connect(gw.port())) {
            ws.ok("session.logon", Signer.hmac(LONG_KEY, "long-key-secret", gw.clock.get()));
        } finally {
            gw.close();
            logger.detachAppender(appender);
            appender.stop();
        }
        String log = appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertTrue(log.contains("logged on with key Rmr0RKdF…9c9W"), log);
        assertFalse(log.contains(LONG_KEY), log);
    }
}
