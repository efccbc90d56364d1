package io.marginstream.protocol;

import java.util.Map;

/**
 * A request rejected with an error code of PROTOCOL.md §8: the code, the status to answer with (the code's default
 * unless given), one human sentence, and optional {@code data} (e.g. {@code retryAfter}). Thrown anywhere from
 * parameter parsing to the engine; the session layer turns it into an error response. A rejected command changed
 * nothing.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final int status;
    private final Map<String, Object> data;

    public ApiException(ErrorCode code, String msg) {
        this(code, code.status(), msg, null);
    }

    public ApiException(ErrorCode code, int status, String msg, Map<String, Object> data) {
        super(msg, null, false, false);
        this.code = code;
        this.status = status;
        this.data = data == null ? null : Map.copyOf(data);
    }

    /** Shorthand for {@code new ApiException(code, code.message(args))}. */
    public static ApiException of(ErrorCode code, Object... args) {
        return new ApiException(code, code.message(args));
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Extra machine-readable fields of the error, or {@code null}. */
    public Map<String, Object> data() {
        return data;
    }

    public ApiException withStatus(int newStatus) {
        return new ApiException(code, newStatus, getMessage(), data);
    }

    public ApiException withData(Map<String, Object> newData) {
        return new ApiException(code, status, getMessage(), newData);
    }
}
