package io.marginstream.gateway.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's browser-independent ES modules (decimal formatting, §3 signing, risk form, §5.4 bands) under
 * {@code node --test gateway/src/test/e2e/web-modules.test.mjs}. Needs only {@code node}.
 */
class DashboardModulesTest {
    @Test
    void pageModules_nodeUnitTests_pass() throws Exception {
        NodeRunner.requireNode();
        NodeRunner.Result r = NodeRunner.run(List.of("node", "--test", "web-modules.test.mjs"), Map.of(),
                Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), "node --test web-modules.test.mjs failed:\n" + r.output());
        assertTrue(r.output().contains("# fail 0") && !r.output().contains("# pass 0"),
                "node ran no test or reported failures:\n" + r.output());
    }
}
