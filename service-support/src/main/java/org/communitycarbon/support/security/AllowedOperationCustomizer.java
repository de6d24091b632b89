package org.communitycarbon.support.security;

import java.util.Arrays;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Operation;

/**
 * Shows an operation's {@link Allowed} rule in the OpenAPI description: a sentence in its description and the
 * extension {@code x-allowed-roles}, which clients and the authorization matrix test can read.
 */
final class AllowedOperationCustomizer implements OperationCustomizer {

    static final String EXTENSION = "x-allowed-roles";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Allowed allowed = handlerMethod.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            return operation;
        }
        List<String> roles = Arrays.stream(allowed.value()).map(Role::name).toList();
        String rule = "Allowed: " + String.join(", ", roles)
                + (allowed.community().isEmpty() ? "" : " of the community {" + allowed.community() + "}")
                + (allowed.household().isEmpty() ? "" : " (a resident: of the household {" + allowed.household() + "})")
                + "; decided before the body is read.";
        operation.setDescription(operation.getDescription() == null ? rule : operation.getDescription() + "\n\n" + rule);
        operation.addExtension(EXTENSION, roles);
        return operation;
    }
}
