package io.marginstream.protocol.binance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Binance's error body: {@code {"code":-NNNN,"msg":"..."}} (§11), with HTTP 4xx/5xx. */
@JsonPropertyOrder({"code", "msg"})
public record BinanceError(int code, String msg) {
}
