package org.communitycarbon.recycling.exchange;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** A neighbour's request for a listed item, with a message to its owner. */
record ExchangeRequestBody(@Schema(example = "Could I pick them up on Saturday?") @Size(max = 200) @Nullable String message) {
}
