package io.marginstream.client;

import java.io.IOException;

/** The connection closed (or was never open) before the request was answered; the request may or may not have run. */
public final class ConnectionLostException extends IOException {
    public ConnectionLostException(String msg) {
        super(msg);
    }

    public ConnectionLostException(String msg, Throwable cause) {
        super(msg, cause);
    }
}
