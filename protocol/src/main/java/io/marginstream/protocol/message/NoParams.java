package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * The params of the methods that take none: {@code ping}, {@code time}, {@code exchangeInfo},
 * {@code session.status}, {@code session.logout}, {@code subscriptions}, {@code account.status},
 * {@code account.riskSettings}, {@code account.portfolioMargin.enable} and {@code .disable}.
 */
public record NoParams() {
    public static final NoParams INSTANCE = new NoParams();

    /** Nothing to read: {@link Params#of} has already rejected any unknown name. */
    public static NoParams from(Params p) {
        return INSTANCE;
    }
}
