package org.communitycarbon.ops.workorder;

import java.util.List;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What the person resolving a work order reports.
 *
 * @param note what was done, 1 to 500 characters
 * @param photos optional references to photos of the work (URLs or ids of an upload), at most 10 of at most 500
 *        characters each
 */
public record ResolveRequest(
        @NotBlank @Size(max = 500) String note,
        @Nullable @Size(max = 10) List<@NotBlank @Size(max = 500) String> photos) {

    List<String> photoReferences() {
        return photos == null ? List.of() : List.copyOf(photos);
    }
}
