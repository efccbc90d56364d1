/**
 * The REST mode of the load tester ({@code loadtest-rest}): signed Binance-style calls at a fixed rate over keep-alive
 * connections, and user-data event latency on {@code /pm/ws/<listenKey>} (docs/BINANCE.md, "Measured").
 */
package io.marginstream.client.load.rest;
