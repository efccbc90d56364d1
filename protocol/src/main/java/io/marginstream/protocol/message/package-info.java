/**
 * The messages of PROTOCOL.md as records: one per method's params ({@code static from(Params)} validates) and
 * result, one per stream event, plus the method table and the wire enums. Records are immutable values.
 */
package io.marginstream.protocol.message;
