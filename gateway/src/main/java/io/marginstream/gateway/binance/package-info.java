/**
 * The Binance-compatible REST surface of PROTOCOL.md §11, beside {@code /ws} on the same port: the routing table
 * ({@link io.marginstream.gateway.binance.BinanceRoutes}, the list of served endpoints with their weights), the front
 * door's generic steps ({@link io.marginstream.gateway.binance.BinanceApi}: limits, key, signature, permission), and
 * one translator per endpoint family (market data, account reads, actions, orders, listenKeys) from Binance's
 * params to the engine's commands and from the engine's views to Binance's shapes. No margin logic of its own and no
 * Netty: the {@code netty} package hands it requests and writes its responses.
 */
package io.marginstream.gateway.binance;
