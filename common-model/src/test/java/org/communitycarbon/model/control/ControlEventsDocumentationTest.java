package org.communitycarbon.model.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.model.TopicSections.jsonBlock;
import static org.communitycarbon.model.TopicSections.section;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.TopicSections;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the controller topics' sections of docs/events.md true to the contracts, as {@code EventsDocumentationTest}
 * does for the other topics: a section per topic and a row in the topic table, whose JSON example reads into the
 * record, passes the producer's validation, shows every field in the record's order, has a table row per field and
 * carries the id its producer derives.
 */
class ControlEventsDocumentationTest {

    private static final Map<String, Class<? extends PlatformEvent>> PAYLOADS = Map.of(
            ControlTopics.COMMAND_ACKS, CommandAcknowledged.class,
            ControlTopics.CONTROLLER_STATUSES, ControllerStatusReported.class);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void documentsEachControllerTopicWithAnExampleThatMeetsItsContract() throws Exception {
        assertThat(PAYLOADS.keySet()).containsExactlyInAnyOrderElementsOf(ControlTopics.ALL);
        String whole = TopicSections.text();
        for (var entry : PAYLOADS.entrySet()) {
            assertThat(whole).as("a row for %s in the topic table", entry.getKey())
                    .contains("| `" + entry.getKey() + "` | `" + entry.getValue().getSimpleName() + "` |");
            List<String> section = section(entry.getKey());
            String example = jsonBlock(section);
            PlatformEvent event = json.readValue(example, entry.getValue());
            event.validate();
            List<String> components = Arrays.stream(entry.getValue().getRecordComponents()).map(RecordComponent::getName).toList();
            assertThat(new ArrayList<>(json.readValue(example, LinkedHashMap.class).keySet()))
                    .as("the fields of the %s example, in the record's order", entry.getKey()).containsExactlyElementsOf(components);
            String text = String.join(" ", section);
            for (String component : components) {
                assertThat(text).as("a field-table row for %s", component).contains("| `" + component + "` |");
            }
            assertThat(text).contains("`" + entry.getValue().getSimpleName() + "`")
                    .contains("schema version " + entry.getValue().getField("SCHEMA_VERSION").getInt(null));
        }
    }

    @Test
    void examplesCarryTheIdsTheirProducerDerives() throws IOException {
        var ack = json.readValue(jsonBlock(section(ControlTopics.COMMAND_ACKS)), CommandAcknowledged.class);
        var status = json.readValue(jsonBlock(section(ControlTopics.CONTROLLER_STATUSES)), ControllerStatusReported.class);
        assertThat(ack.eventId()).isEqualTo(CommandAcknowledged.eventIdOf(ack.communityId(), ack.deviceId(), ack.commandId()));
        assertThat(status.eventId()).isEqualTo(EventIds.of(status.communityId(), status.deviceId(), "status", status.occurredAt().toString()));
    }
}
