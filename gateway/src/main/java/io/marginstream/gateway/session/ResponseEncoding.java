package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.TransferResult;
import io.marginstream.protocol.JsonBytes;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.RateLimit;

import java.util.List;

/**
 * The {@code /ws} ok responses ({@link ProtocolJson#okResponseBytes}'s
 * {@code {"id":..,"status":200,"result":..,"rateLimits":[..]}}), with the hot result written by hand: a
 * {@link TransferResult}, the answer to {@code transfer} (most of a load test's commands), goes straight into bytes
 * with {@link JsonBytes}; any other result, or an id that is not a {@link JsonBytes#plainId}, goes through the
 * shared mapper. The bytes are the same either way ({@code ResponseEncodingTest}). Stateless; called on the
 * session's event loop.
 */
final class ResponseEncoding {
    private static final byte[] TRAN_ID = JsonBytes.ascii("{\"tranId\":");
    private static final byte[] ASSET = JsonBytes.field("asset");
    private static final byte[] AMOUNT = JsonBytes.field("amount");
    private static final byte[] FROM = JsonBytes.field("from");
    private static final byte[] TO = JsonBytes.field("to");
    private static final byte[] STATUS = JsonBytes.field("status");

    private ResponseEncoding() {
    }

    /** The ok response to request {@code id}; {@code rateLimits} null when the request did not ask for them. */
    static byte[] ok(Object id, Object result, List<RateLimit> rateLimits) {
        if (result instanceof TransferResult t && JsonBytes.plainId(id)) {
            return JsonBytes.open().okHead(id).raw(TRAN_ID).number(t.tranId()).raw(ASSET).string(t.asset())
                    .raw(AMOUNT).decimal(t.amount()).raw(FROM).name(t.from()).raw(TO).name(t.to())
                    .raw(STATUS).name(t.status()).raw('}').rateLimitsAndEnd(rateLimits).toBytes();
        }
        return ProtocolJson.okResponseBytes(id, result, rateLimits);
    }
}
