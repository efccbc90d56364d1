package io.marginstream.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The cluster's account → shard rule (docs/CLUSTER.md): {@code shard = CRC32C(UTF-8 bytes of the account id) mod
 * shards}. Every gateway node and every shard computes it from the account id alone, so no directory is needed; the
 * number of shards is fixed for the life of the data directories (a shard journals its count, and refuses to start
 * under another one). Stateless.
 */
public final class ShardRule {
    private ShardRule() {}

    /** The shard, in {@code [0, shards)}, that owns {@code accountId}. */
    public static int shardOf(String accountId, int shards) {
        CRC32C crc = new CRC32C();
        crc.update(accountId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }
}
