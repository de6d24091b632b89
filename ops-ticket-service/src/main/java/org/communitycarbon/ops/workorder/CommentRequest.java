package org.communitycarbon.ops.workorder;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A remark in a work order's trail.
 *
 * @param note 1 to 500 characters
 */
public record CommentRequest(@NotBlank @Size(max = 500) String note) {
}
