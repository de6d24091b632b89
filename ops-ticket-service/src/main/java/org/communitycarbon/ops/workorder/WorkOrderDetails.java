package org.communitycarbon.ops.workorder;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a work order's type adds to it (the {@code details} column): a flat JSON object of short texts, e.g. a late
 * pickup's {@code pickupId}, {@code deadline}, {@code dueAt} and {@code recyclerId}. Written once, when the order opens.
 */
final class WorkOrderDetails {

    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private WorkOrderDetails() {
    }

    /** The JSON stored for {@code details}, or null for none. */
    static @Nullable String toJson(Map<String, String> details) {
        return details.isEmpty() ? null : JsonMapper.shared().writeValueAsString(new TreeMap<>(details));
    }

    /** The details read back, in key order; none for null. */
    static Map<String, String> fromJson(@Nullable String json) {
        return json == null ? Map.of() : JsonMapper.shared().readValue(json, MAP);
    }
}
