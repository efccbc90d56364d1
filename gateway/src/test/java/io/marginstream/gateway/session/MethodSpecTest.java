package io.marginstream.gateway.session;

import io.marginstream.protocol.message.Method;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The gateway's method table agrees with the protocol's: names, weights and permissions. */
class MethodSpecTest {

    @Test
    void everyProtocolMethodIsServedWithItsWeightAndPermission() {
        for (Method m : Method.values()) {
            MethodSpec spec = MethodSpec.find(m.wireName(), true);
            assertNotNull(spec, m.wireName());
            assertEquals(m.weight(), spec.weight, m.wireName());
            assertEquals(m.permission() == null ? null : m.permission().name(), spec.permission, m.wireName());
        }
        assertEquals(Method.values().length, MethodSpec.values().length);
    }

    @Test
    void engineMethodsAcceptExactlyTheProtocolsParams() {
        EngineCommands commands = new EngineCommands(null);
        for (Method m : Method.values()) {
            MethodSpec spec = MethodSpec.find(m.wireName(), true);
            if (spec.engine) {
                assertEquals(m.params(), commands.params(m.wireName()), m.wireName());
            }
        }
    }

    @Test
    void adminMethodsExistOnlyWhenEnabled() {
        assertNull(MethodSpec.find("admin.deposit", false));
        assertNotNull(MethodSpec.find("admin.deposit", true));
        assertNotNull(MethodSpec.find("ping", false));
    }
}
