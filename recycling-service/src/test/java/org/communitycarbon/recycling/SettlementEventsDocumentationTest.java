package org.communitycarbon.recycling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.communitycarbon.model.recycling.PickupSettled;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the settlement topic's section of docs/events.md true to its contract, as common-model's
 * {@code EventsDocumentationTest} does for the other topics: a section, a row in the topic table and a node in the
 * flowchart; a JSON example that reads into the record, passes the producer's validation, shows every field in the
 * record's order and carries the id the producer derives; a table row per field.
 */
class SettlementEventsDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "events.md");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void documentsTheSettlementTopicWithAnExampleThatMeetsItsContract() throws Exception {
        assertThat(SettlementTopics.ALL).containsExactly(SettlementTopics.PICKUP_SETTLEMENTS);
        String topic = SettlementTopics.PICKUP_SETTLEMENTS;
        String whole = Files.readString(DOC, StandardCharsets.UTF_8);
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

    private static List<String> section(String topic) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("## `" + topic + "`");
        assertThat(start).as("a section '## `%s`' in %s", topic, DOC).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static String jsonBlock(List<String> section) {
        int open = section.indexOf("```json");
        assertThat(open).as("a ```json example").isNotNegative();
        int close = section.subList(open + 1, section.size()).indexOf("```") + open + 1;
        return String.join("\n", section.subList(open + 1, close));
    }
}
