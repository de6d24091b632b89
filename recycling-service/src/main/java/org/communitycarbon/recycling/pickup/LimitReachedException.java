package org.communitycarbon.recycling.pickup;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A household reached one of its {@link BookingLimits}: 429 with {@code Retry-After} when waiting helps, 409 when
 * only collecting or cancelling an open booking does. The problem's {@code limit} says which, for an app to explain.
 */
final class LimitReachedException extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    private LimitReachedException(HttpStatus status, String limit, String detail, @Nullable Duration retryAfter) {
        super(status, problem(status, limit, detail), null);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0))));
        }
    }

    static LimitReachedException perWindow(BookingLimits limits, Duration retryAfter) {
        return new LimitReachedException(HttpStatus.TOO_MANY_REQUESTS, "per-window",
                "This household has booked " + limits.perWindow() + " pickups within " + describe(limits.window())
                        + ", the most allowed; the next can be booked in " + describe(retryAfter), retryAfter);
    }

    static LimitReachedException open(BookingLimits limits) {
        return new LimitReachedException(HttpStatus.CONFLICT, "open",
                "This household has " + limits.open() + " pickups waiting, the most allowed; book again once one is collected or cancelled",
                null);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    private static ProblemDetail problem(HttpStatus status, String limit, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Booking limit reached");
        problem.setProperty("limit", limit);
        return problem;
    }

    private static String describe(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
