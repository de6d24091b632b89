package org.communitycarbon.ops.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.support.web.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors of the Open311 endpoints in the standard's format — {@code [{"code": 400, "description": "..."}]}, or
 * {@code <errors><error><code>…</code><description>…</description></error></errors>} for an {@code .xml} path —
 * instead of the platform's problem details, so Open311 clients understand them. The description names the parameter.
 * A missing or refused token is answered before this, as everywhere on the platform (401/403 problem details).
 */
@RestControllerAdvice(assignableTypes = {Open311Controller.class, Open311PartnerController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors {

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<Object> open311(Open311Exception e, HttpServletRequest request) {
        return answer(e.code, e.getMessage(), request);
    }

    @ExceptionHandler(ContractViolation.class)
    ResponseEntity<Object> invalid(ContractViolation e, HttpServletRequest request) {
        return answer(400, e.getMessage(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, HttpServletRequest request) {
        return answer(404, e.getMessage(), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(400, e.getParameterName() + ": is required", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(400, e.getName() + ": is not a valid value", request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> validation(HandlerMethodValidationException e, HttpServletRequest request) {
        String field = e.getParameterValidationResults().isEmpty() ? "request"
                : e.getParameterValidationResults().get(0).getMethodParameter().getParameterName();
        return answer(400, field + ": is out of range", request);
    }

    private static ResponseEntity<Object> answer(int code, String description, HttpServletRequest request) {
        if (request.getRequestURI().endsWith(".xml")) {
            return ResponseEntity.status(code).contentType(MediaType.APPLICATION_XML)
                    .body(Open311Xml.errors(code, description));
        }
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON)
                .body(List.of(error(code, description)));
    }

    /** One error, its fields in the standard's order. */
    static Map<String, Object> error(int code, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return error;
    }
}
