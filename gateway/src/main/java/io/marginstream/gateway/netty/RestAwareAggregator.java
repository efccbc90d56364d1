package io.marginstream.gateway.netty;

import io.marginstream.gateway.binance.BinanceApi;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Netty's bounded {@link HttpObjectAggregator}, except that a Binance REST request (§11) over the bound is answered
 * with Binance's JSON error (413) instead of an empty 413, then the connection closes. One per connection.
 */
final class RestAwareAggregator extends HttpObjectAggregator {
    private final int maxContentLength;

    RestAwareAggregator(int maxContentLength) {
        super(maxContentLength);
        this.maxContentLength = maxContentLength;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest req && isRest(req.uri())) {
            BinanceRestHandler.write(ctx, BinanceApi.tooLarge(maxContentLength), false, false);
            ctx.flush();
            return;
        }
        super.handleOversizedMessage(ctx, oversized);
    }

    private static boolean isRest(String uri) {
        try {
            return BinanceApi.isRestPath(new QueryStringDecoder(uri).path());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
