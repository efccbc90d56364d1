package io.marginstream.gateway;

/** Command-line entry point of the gateway. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        System.out.println("MarginStream gateway");
    }
}
