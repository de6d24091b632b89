package org.communitycarbon.ops.workorder;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Who is to handle a work order.
 *
 * @param assignee a staff member's token subject or a team name, 1 to 128 characters
 */
public record AssignRequest(@NotBlank @Size(max = 128) String assignee) {
}
