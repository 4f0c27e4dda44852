package io.mirrorguard.agent.http;

/** A client or server error answered as {@code {"error": ..., "detail": ...}} with its HTTP status. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final transient Object detail;

    public ApiError(int status, String error, Object detail) {
        super(error);
        this.status = status;
        this.detail = detail;
    }

    public static ApiError badRequest(String parameter, String detail) {
        return new ApiError(400, "invalid parameter " + parameter, detail);
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }
}
