package org.communitycarbon.recycling.tool;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a tool's deposit is kept: lost, or how it came back damaged. */
record ForfeitRequest(@Schema(example = "The ladder came back with a broken rung") @NotBlank @Size(max = 150) String reason) {
}
