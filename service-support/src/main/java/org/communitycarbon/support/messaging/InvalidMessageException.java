package org.communitycarbon.support.messaging;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A message that cannot be accepted, with the reason and, where known, the field at fault. The reason is at
 * most {@link ContractViolation#MAX_MESSAGE} characters, whatever the input.
 */
public class InvalidMessageException extends RuntimeException {

    private final @Nullable String field;

    public InvalidMessageException(String reason, @Nullable String field, @Nullable Throwable cause) {
        super(Require.abbreviate(reason, ContractViolation.MAX_MESSAGE), cause);
        this.field = field == null ? null : Require.abbreviate(field, 100);
    }

    public @Nullable String field() {
        return field;
    }
}
