package org.communitycarbon.gateway.security;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Errors the gateway itself produces — no route, a service that does not answer — as problem details, like
 * the services' own errors. Runs before Boot's default handler.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final Problems problems;

    ProblemErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            String title = HttpStatus.resolve(code.value()) == null ? "Error" : HttpStatus.resolve(code.value()).getReasonPhrase();
            String detail = code.value() == 404 ? "No such endpoint: " + exchange.getRequest().getPath().value()
                    : status.getReason() == null ? title : status.getReason();
            return problems.write(exchange, code, title, detail);
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, TimeoutException.class)) {
            log.warn("Backend unavailable for {}: {}", exchange.getRequest().getPath(), error.toString());
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The service behind " + exchange.getRequest().getPath().value() + " is not answering; try again shortly.");
        }
        log.error("Gateway failure on {}", exchange.getRequest().getPath(), error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "Something went wrong in the gateway; it has been logged.");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
