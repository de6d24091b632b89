package org.communitycarbon.recycling.exchange;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a listing is withdrawn by its owner or removed by the property team. */
record CloseRequest(@Schema(example = "Given to a relative") @NotBlank @Size(max = 200) String reason) {
}
