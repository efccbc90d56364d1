package io.marginstream.gateway.engine;

/** {@code {}}: the result of commands that return nothing ({@code admin.setMarkPrice}, feed ticks). */
public record Ack() {
    public static final Ack INSTANCE = new Ack();
}
