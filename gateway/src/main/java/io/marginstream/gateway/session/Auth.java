package io.marginstream.gateway.session;

/** A session's logged-on key and when it logged on (epoch ms). Immutable. */
record Auth(KeyStore.ApiKey key, long authorizedSince) {
}
