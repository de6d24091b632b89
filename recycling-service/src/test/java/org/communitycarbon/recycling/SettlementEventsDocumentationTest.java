package org.communitycarbon.recycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.testing.EventsDocumentation.jsonBlock;
import static org.communitycarbon.testing.EventsDocumentation.section;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.testing.EventsDocumentation;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the settlement topic's section of docs/events.md true to its contract, as common-model's
 * {@code EventsDocumentationTest} does for the other topics: a section, a row in the topic table and a node in the
 * flowchart; a JSON example that reads into the record, passes the producer's validation, shows every field in the
 * record's order and carries the id the producer derives; a table row per field.
 */
class SettlementEventsDocumentationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void documentsTheSettlementTopicWithAnExampleThatMeetsItsContract() throws Exception {
        assertThat(SettlementTopics.ALL).containsExactly(SettlementTopics.PICKUP_SETTLEMENTS);
        String topic = SettlementTopics.PICKUP_SETTLEMENTS;
        String whole = EventsDocumentation.text();
        assertThat(whole).as("a row for %s in the topic table", topic).contains("| `" + topic + "` | `PickupSettled` |");
        assertThat(whole).as("the flowchart shows %s", topic).contains("([\"" + topic + "\"])");

        List<String> section = section(topic);
        String example = jsonBlock(section);
        PickupSettled event = json.readValue(example, PickupSettled.class);
        event.validate();
        assertThat(event.eventId()).isEqualTo(PickupSettled.eventIdOf(event.pickupId()));
        List<String> components = Arrays.stream(PickupSettled.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(new ArrayList<>(json.readValue(example, LinkedHashMap.class).keySet()))
                .as("the fields of the example, in the record's order").containsExactlyElementsOf(components);
        String text = String.join(" ", section);
        for (String component : components) {
            assertThat(text).as("a field-table row for %s", component).contains("| `" + component + "` |");
        }
        assertThat(text).contains("`PickupSettled`").contains("schema version " + PickupSettled.SCHEMA_VERSION);
    }
}
