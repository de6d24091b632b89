package org.communitycarbon.support;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;

/** The field a Jackson error points at, as people write it: {@code register.value}, {@code categories[2]}. */
public final class JsonFieldPath {

    private JsonFieldPath() {
    }

    public static @Nullable String of(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (var reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
