package org.communitycarbon.ops.workorder;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.Size;

/**
 * The property manager's verification of a resolved work order.
 *
 * @param note an optional remark, at most 500 characters
 */
public record CloseRequest(@Nullable @Size(min = 1, max = 500) String note) {
}
