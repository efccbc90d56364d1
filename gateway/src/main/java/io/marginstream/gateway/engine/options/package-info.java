/**
 * The pricing maths of the options of PROTOCOL.md §5.3a: Black-76 with zero rates and its greeks, and the simulated
 * implied-volatility surface. Pure functions and plain state; no dependency on the rest of the engine.
 */
package io.marginstream.gateway.engine.options;
