package org.communitycarbon.recycling.pickup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/** Test data: pickup request bodies as a client sends them, valid unless a test changes a field. */
final class PickupRequestJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

    private PickupRequestJson() {
    }

    /** Paper and plastic, 12.5 kg, any time. */
    static PickupRequestJson paperAndPlastic() {
        return new PickupRequestJson()
                .with("categories", List.of("PAPER", "PLASTIC"))
                .with("estimatedWeightKg", 12.5)
                .with("note", "Boxes are by the door");
    }

    PickupRequestJson with(String field, @Nullable Object value) {
        fields.put(field, value);
        return this;
    }

    PickupRequestJson without(String field) {
        fields.remove(field);
        return this;
    }

    String json() {
        return JSON.writeValueAsString(fields);
    }

    @Override
    public String toString() {
        return json();
    }
}
