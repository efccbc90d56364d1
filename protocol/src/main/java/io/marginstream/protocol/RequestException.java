package io.marginstream.protocol;

/**
 * A request rejected before any method ran, usually {@link ErrorCode#MALFORMED_REQUEST}, carrying the request's id
 * when it could be read (else {@code null}) so the error response can echo it. Immutable.
 */
public final class RequestException extends ApiException {
    private final transient Object id;

    public RequestException(Object id, ErrorCode code, String msg) {
        super(code, msg);
        this.id = id;
    }

    /** The request's id ({@link String} or {@link Long}) when it was readable, else {@code null}. */
    public Object id() {
        return id;
    }
}
