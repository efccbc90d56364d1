package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.session.KeyStore;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §3 over a real WebSocket: both key types, every logon failure, permissions, switching, logout, disabling. */
class AuthTest {
    static final KeyPair ED = Ed25519.generate();
    static TestGateway gw;

    @BeforeAll
    static void start() {
        String edPublic = Base64.getEncoder().encodeToString(ED.getPublic().getEncoded());
        gw = TestGateway.start(c -> {
            List<AccountConfig> accounts = new ArrayList<>();
            accounts.add(TestGateway.alice(List.of(
                    new KeyConfig(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, null,
                            List.of("READ", "TRANSFER", "TRADE", "ADMIN"), null, null),
                    new KeyConfig("alice-ed", null, edPublic, List.of("READ"), null, null),
                    new KeyConfig("alice-trade-only", "s3", null, List.of("TRADE"), null, null),
                    new KeyConfig("alice-office", "s4", null, List.of("READ"), List.of("10.0.0.0/8"), null),
                    new KeyConfig("alice-off", "s5", null, List.of("READ"), null, false),
                    new KeyConfig("alice-revoked", "s6", null, List.of("READ"), null, null))));
            accounts.add(new AccountConfig("bob", 0, true,
                    List.of(new KeyConfig("bob-key", "bob-secret", null, List.of("READ"), null, null)),
                    Map.of(), List.of()));
            return c.withAccounts(accounts).withLimits(new GatewayConfig.LimitsConfig(null, null, 1000, 1000, 10_000,
                    1000, null, null, null, null, null, null));
        });
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static int code(JsonNode r) {
        return r.get("error").get("code").asInt();
    }

    @Test
    void hmacLogon_returnsSessionInfo_andStatusShowsIt() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode before = c.ok("session.status", null);
            assertTrue(before.get("apiKey").isNull());
            assertTrue(before.get("authorizedSince").isNull());
            JsonNode r = c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
            assertEquals(TestGateway.HMAC_KEY, r.get("apiKey").asText());
            assertEquals("alice", r.get("accountId").asText());
            assertEquals("[\"READ\",\"TRANSFER\",\"TRADE\",\"ADMIN\"]", r.get("permissions").toString());
            assertEquals(gw.clock.get(), r.get("authorizedSince").asLong());
            assertTrue(r.get("connectedSince").asLong() > 0);
            assertEquals("alice", c.ok("session.status", null).get("accountId").asText());
        }
    }

    @Test
    void ed25519Logon_works_andUppercaseHexHmacToo() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            assertEquals("alice", c.ok("session.logon", Signer.ed25519("alice-ed", ED.getPrivate(), gw.clock.get()))
                    .get("accountId").asText());
            ObjectNode p = Signer.hmac("bob-key", "bob-secret", gw.clock.get() - 1);
            p.put("signature", p.get("signature").asText().toUpperCase());
            assertEquals("bob", c.ok("session.logon", p).get("accountId").asText());
        }
    }

    @Test
    void syntheticKeys_logOnWithTheDerivedSecret() {
        TestGateway syn = TestGateway.start(c -> TestGateway.withSynthetic(c.withAccounts(List.of()),
                new GatewayConfig.SyntheticAccountsConfig(3, "load-", "seed")));
        try (WsRecorder c = WsRecorder.connect(syn.port())) {
            String secret = KeyStore.syntheticSecret("seed", "load-2");
            assertEquals("load-2", c.ok("session.logon", Signer.hmac("load-2", secret, syn.clock.get()))
                    .get("accountId").asText());
            JsonNode r = c.call("session.logon", Signer.hmac("load-3", KeyStore.syntheticSecret("seed", "load-3"),
                    syn.clock.get()));
            assertEquals(-2015, code(r));
        } finally {
            syn.close();
        }
    }

    @Test
    void everyLogonFailure_hasItsCode() {
        long now = gw.clock.get();
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode unknown = c.call("session.logon", Signer.hmac("nobody", "x", now));
            assertEquals(401, unknown.get("status").asInt());
            assertEquals(-2015, code(unknown));
            assertEquals(-2014, code(c.call("session.logon", Signer.hmac("bad key with spaces", "x", now))));
            ObjectNode badSig = Signer.hmac(TestGateway.HMAC_KEY, "wrong-secret", now);
            assertEquals(-1022, code(c.call("session.logon", badSig)));
            assertEquals(-1021, code(c.call("session.logon",
                    Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, now - 5001))));
            assertEquals(-1021, code(c.call("session.logon",
                    Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, now + 1000))));
            ObjectNode wide = Signer.logonParams(TestGateway.HMAC_KEY, now - 5001);
            wide.put("recvWindow", 60000);
            wide.put("signature", io.marginstream.protocol.auth.HmacSha256.sign(TestGateway.HMAC_SECRET,
                    io.marginstream.protocol.auth.SignaturePayload.of(wide)));
            assertEquals(200, c.call("session.logon", wide).get("status").asInt());
            ObjectNode tooWide = Signer.logonParams(TestGateway.HMAC_KEY, now);
            tooWide.put("recvWindow", 60001);
            tooWide.put("signature", "00");
            assertEquals(-1130, code(c.call("session.logon", tooWide)));
            assertEquals(-2015, code(c.call("session.logon", Signer.hmac("alice-office", "s4", now))));
            assertEquals(-2015, code(c.call("session.logon", Signer.hmac("alice-off", "s5", now))));
            ObjectNode missing = Signer.logonParams(TestGateway.HMAC_KEY, now);
            assertEquals(-1102, code(c.call("session.logon", missing)));
            ObjectNode extra = Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, now);
            extra.put("colour", "red");
            assertEquals(-1104, code(c.call("session.logon", extra)));
        }
    }

    @Test
    void replayedSignature_isRejected() {
        ObjectNode p = Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get() - 7);
        try (WsRecorder a = WsRecorder.connect(gw.port()); WsRecorder b = WsRecorder.connect(gw.port())) {
            assertEquals(200, a.call("session.logon", p.deepCopy()).get("status").asInt());
            JsonNode r = b.call("session.logon", p.deepCopy());
            assertEquals(-1022, code(r));
            assertEquals("Signature for this request was already used.", r.get("error").get("msg").asText());
        }
    }

    @Test
    void ed25519Replay_inAnotherSpelling_isRejected_andNonCanonicalBase64Too() {
        ObjectNode p = Signer.ed25519("alice-ed", ED.getPrivate(), gw.clock.get() - 9);
        String sig = p.get("signature").asText();
        assertTrue(sig.endsWith("=="), sig);
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            assertEquals(200, c.call("session.logon", p.deepCopy()).get("status").asInt());
            for (String variant : List.of(sig, sig.substring(0, sig.length() - 2), " " + sig, sig + " ",
                    sig.substring(0, sig.length() - 1), sig.substring(0, 40) + "\n" + sig.substring(40))) {
                ObjectNode v = p.deepCopy();
                v.put("signature", variant);
                assertEquals(-1022, code(c.call("session.logon", v)), "variant '" + variant + "'");
            }
        }
        ObjectNode fresh = Signer.ed25519("alice-ed", ED.getPrivate(), gw.clock.get() - 8);
        String s = fresh.get("signature").asText();
        char last = s.charAt(s.length() - 3);
        assertTrue("AQgw".indexOf(last) >= 0, "the last character of 64 bytes carries 4 unused zero bits");
        char twin = (char) (last + 1);
        ObjectNode nonCanonical = fresh.deepCopy();
        nonCanonical.put("signature", s.substring(0, s.length() - 3) + twin + "==");
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            assertEquals(-1022, code(c.call("session.logon", nonCanonical)), "unused bits set");
            ObjectNode unpadded = fresh.deepCopy();
            unpadded.put("signature", s.substring(0, s.length() - 2));
            assertEquals(-1022, code(c.call("session.logon", unpadded)), "unpadded");
            assertEquals(200, c.call("session.logon", fresh).get("status").asInt());
        }
    }

    @Test
    void authMethods_needLogon_andTheirPermission() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode anon = c.call("account.status", null);
            assertEquals(401, anon.get("status").asInt());
            assertEquals(-1002, code(anon));
            assertEquals(-1002, code(c.call("subscribe", streams("userData"))));
            c.ok("session.logon", Signer.hmac("alice-trade-only", "s3", gw.clock.get()));
            JsonNode noRead = c.call("account.status", null);
            assertEquals(403, noRead.get("status").asInt());
            assertEquals(-2015, code(noRead));
            assertEquals(403, c.call("subscribe", streams("marginRatio")).get("status").asInt());
            assertEquals(403, c.call("transfer", null).get("status").asInt());
            assertEquals(200, c.call("subscribe", streams("markPrice@BTCUSDT")).get("status").asInt());
        }
    }

    @Test
    void logout_forgetsTheKey_andSwitchingKeysChangesAccount() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get() - 11));
            assertEquals("[\"userData\"]", c.ok("subscribe", streams("userData")).get("subscribed").toString());
            c.ok("session.logon", Signer.hmac("bob-key", "bob-secret", gw.clock.get() - 11));
            assertEquals("bob", c.ok("session.status", null).get("accountId").asText());
            assertEquals(0, c.ok("subscriptions", null).get("streams").size(), "alice's streams ended");
            JsonNode out = c.ok("session.logout", null);
            assertTrue(out.get("apiKey").isNull());
            assertEquals(-1002, code(c.call("account.balance", null)));
            assertEquals(200, c.call("ping", null).get("status").asInt());
        }
    }

    @Test
    void disabledKey_failsTheNextRequestWith2015_andEndsAccountStreams() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac("alice-revoked", "s6", gw.clock.get()));
            c.ok("subscribe", streams("userData", "markPrice"));
            gw.server.disableKey("alice-revoked");
            JsonNode r = c.call("account.status", null);
            assertEquals(401, r.get("status").asInt());
            assertEquals(-2015, code(r));
            assertEquals("[\"markPrice\"]", c.ok("subscriptions", null).get("streams").toString());
            assertEquals(-2015, code(c.call("session.logon", Signer.hmac("alice-revoked", "s6", gw.clock.get() - 1))));
        }
    }

    static ObjectNode streams(String... names) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode();
        var arr = p.putArray("streams");
        for (String n : names) {
            arr.add(n);
        }
        return p;
    }
}
