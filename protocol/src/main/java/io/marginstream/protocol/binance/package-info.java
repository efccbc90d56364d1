/**
 * The Binance-compatible surface of PROTOCOL.md §11 in Java: the REST request's params and signature rules
 * ({@link io.marginstream.protocol.binance.RestParams}), and Binance's portfolio-margin wire shapes as records — REST
 * responses, user-data events and market-stream events — so that each field name is written once, for the gateway
 * and for clients alike. No Netty.
 */
package io.marginstream.protocol.binance;
