package org.communitycarbon.support.messaging;

import org.jspecify.annotations.Nullable;

/** A message that cannot be accepted, with the reason and, where known, the field at fault. */
public class InvalidMessageException extends RuntimeException {

    private final @Nullable String field;

    public InvalidMessageException(String reason, @Nullable String field, @Nullable Throwable cause) {
        super(reason, cause);
        this.field = field;
    }

    public @Nullable String field() {
        return field;
    }
}
