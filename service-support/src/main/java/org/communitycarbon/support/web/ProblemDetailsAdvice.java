package org.communitycarbon.support.web;

import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.support.JsonFieldPath;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;

/**
 * The one place a service turns exceptions into problem details. Spring MVC's own exceptions get their
 * standard status; bad input names the field; an unexpected failure is logged and answered without
 * internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String INVALID_PARAMS = "invalid-params";

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidParam> params = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidParam(error.getField(), message(error)))
                .toList();
        return badRequest(ex, "The request body is not valid: " + summary(params), params, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidParam> params = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new InvalidParam(
                        result.getMethodParameter().getParameterName() == null ? "parameter"
                                : result.getMethodParameter().getParameterName(),
                        String.valueOf(error.getDefaultMessage()))))
                .toList();
        return badRequest(ex, "The request is not valid: " + summary(params), params, headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyLimit.BodyTooLargeException tooLarge = find(ex, RequestBodyLimit.BodyTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                            "The request body may be at most " + tooLarge.limit() + " bytes"));
        }
        ContractViolation violation = find(ex, ContractViolation.class);
        if (violation != null) {
            List<InvalidParam> params = List.of(new InvalidParam(violation.field(), violation.getMessage()));
            return badRequest(ex, violation.getMessage(), params, headers, request);
        }
        JacksonException json = find(ex, JacksonException.class);
        if (json != null) {
            String field = JsonFieldPath.of(json);
            String reason = json.getOriginalMessage();
            List<InvalidParam> params = field == null ? List.of() : List.of(new InvalidParam(field, reason));
            return badRequest(ex, field == null ? "The request body is not valid JSON: " + reason
                    : "The request body is not valid at '" + field + "': " + reason, params, headers, request);
        }
        return badRequest(ex, "The request body is missing or unreadable", List.of(), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String reason = "must be a " + (ex.getRequiredType() == null ? "valid value" : ex.getRequiredType().getSimpleName())
                + ", was '" + ex.getValue() + "'";
        return badRequest(ex, name + ": " + reason, List.of(new InvalidParam(String.valueOf(name), reason)), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleServletRequestBindingException(
            org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return badRequest(ex, "The header " + missing.getHeaderName() + " is required",
                    List.of(new InvalidParam(missing.getHeaderName(), "is required")), headers, request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** A body read by the handler itself (a CSV import) ran past its limit. */
    @ExceptionHandler(RequestBodyLimit.BodyTooLargeException.class)
    ProblemDetail bodyTooLarge(RequestBodyLimit.BodyTooLargeException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body may be at most " + ex.limit() + " bytes");
    }

    @ExceptionHandler(ContractViolation.class)
    ProblemDetail contractViolation(ContractViolation ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setProperty(INVALID_PARAMS, List.of(new InvalidParam(ex.field(), ex.getMessage())));
        return problem;
    }

    /** Method validation of a bean outside Spring MVC (a {@code @Validated} service called by a controller). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException ex) {
        List<InvalidParam> params = ex.getConstraintViolations().stream()
                .map(v -> new InvalidParam(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid: " + summary(params));
        problem.setProperty(INVALID_PARAMS, params);
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected failure of {}", request.getDescription(false), ex);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; it has been logged.");
    }

    private @Nullable ResponseEntity<Object> badRequest(Exception ex, String detail, List<InvalidParam> params,
            HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (!params.isEmpty()) {
            problem.setProperty(INVALID_PARAMS, params);
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage();
    }

    private static String summary(List<InvalidParam> params) {
        return String.join("; ", params.stream().map(p -> p.name() + " " + p.reason()).toList());
    }

    private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
