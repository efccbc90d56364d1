package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.util.List;

/** {@code unsubscribe} params: the stream names to drop. */
public record UnsubscribeParams(List<String> streams) {
    public UnsubscribeParams {
        streams = List.copyOf(streams);
    }

    public static UnsubscribeParams from(Params p) {
        return new UnsubscribeParams(SubscribeParams.streamNames(p));
    }
}
