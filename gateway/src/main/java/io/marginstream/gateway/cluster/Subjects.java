package io.marginstream.gateway.cluster;

import java.nio.charset.StandardCharsets;

/**
 * The NATS subjects of a cluster (docs/CLUSTER.md "Subjects"), all under {@code ms.}:
 * <pre>
 *   ms.cmd.&lt;shard&gt;         request/reply: the commands of the shard's accounts (and the broadcast admin commands)
 *   ms.marks.get             request/reply: the mark source's current marks (a gateway node's first read)
 *   ms.tick                  the mark source's feed ticks ({@code ApplyMarks}) to every shard
 *   ms.hb.&lt;shard&gt;          the shard's heartbeat (its engine condition) every {@value #HEARTBEAT_MILLIS} ms
 *   ms.acct.&lt;account&gt;.u    the account's userData events, in {@code U} order (one publisher: its shard)
 *   ms.acct.&lt;account&gt;.r    the account's marginRatio figures, one per engine batch that recomputed them
 *   ms.mark.&lt;symbol&gt;       a symbol's mark, from the mark source
 *   ms.lk                    listenKey changes between gateway nodes ({@link ListenKeyReplica})
 * </pre>
 * An account id or symbol made only of {@code A-Z a-z 0-9 _ -} is its own subject token; any other is {@code ~}
 * followed by the hex of its UTF-8 bytes (NATS tokens cannot hold {@code .}, {@code *}, {@code >} or spaces).
 * Stateless.
 */
final class Subjects {
    static final long HEARTBEAT_MILLIS = 250;
    static final String TICK = "ms.tick";
    static final String MARKS_GET = "ms.marks.get";
    static final String ALL_MARKS = "ms.mark.*";
    static final String ALL_HEARTBEATS = "ms.hb.*";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Subjects() {}

    static String commands(int shard) {
        return "ms.cmd." + shard;
    }

    static String heartbeat(int shard) {
        return "ms.hb." + shard;
    }

    /** Every subject of one account ({@code .u} and {@code .r}). */
    static String account(String accountId) {
        return "ms.acct." + token(accountId) + ".*";
    }

    static String userData(String accountId) {
        return "ms.acct." + token(accountId) + ".u";
    }

    static String marginRatio(String accountId) {
        return "ms.acct." + token(accountId) + ".r";
    }

    static String mark(String symbol) {
        return "ms.mark." + token(symbol);
    }

    /** The account or symbol named by the token at {@code index} (0-based) of {@code subject}. */
    static String name(String subject, int index) {
        String[] parts = subject.split("\\.");
        return untoken(parts[index]);
    }

    static String token(String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
        }
        if (plain) {
            return name;
        }
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(1 + 2 * b.length).append('~');
        for (byte x : b) {
            s.append(HEX[(x >> 4) & 15]).append(HEX[x & 15]);
        }
        return s.toString();
    }

    static String untoken(String token) {
        if (!token.startsWith("~")) {
            return token;
        }
        byte[] b = new byte[(token.length() - 1) / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(token.substring(1 + 2 * i, 3 + 2 * i), 16);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
