package org.communitycarbon.ops.workorder;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What the person resolving a work order reports.
 *
 * @param note what was done, 1 to 500 characters
 */
public record ResolveRequest(@NotBlank @Size(max = 500) String note) {
}
