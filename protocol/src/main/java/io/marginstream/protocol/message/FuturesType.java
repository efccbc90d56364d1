package io.marginstream.protocol.message;

/** The futures segment of an instrument or position: USD-margined ({@code UM}, linear) or coin-margined ({@code CM}, inverse). */
public enum FuturesType {
    UM, CM
}
