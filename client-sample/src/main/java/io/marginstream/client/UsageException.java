package io.marginstream.client;

/** Wrong command-line usage found after parsing (e.g. no credentials): the CLI prints the message, exits with 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String msg) {
        super(msg, null, false, false);
    }
}
