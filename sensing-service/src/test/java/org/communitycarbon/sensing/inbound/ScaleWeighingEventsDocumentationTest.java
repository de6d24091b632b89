package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.testing.EventsDocumentation.jsonBlock;
import static org.communitycarbon.testing.EventsDocumentation.section;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.testing.EventsDocumentation;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the scale-weighings topic's section of docs/events.md true to its contract, as common-model's
 * {@code EventsDocumentationTest} does for the other topics: a section, a row in the topic table, a node in the flowchart
 * and its dead-letter topic named; a JSON example that reads into the record, passes the producer's validation, shows
 * every field in the record's order and carries the id the producer derives; a table row per field.
 */
class ScaleWeighingEventsDocumentationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void documentsTheScaleWeighingsTopicWithAnExampleThatMeetsItsContract() throws Exception {
        assertThat(ScaleTopics.ALL).containsExactly(ScaleTopics.SCALE_WEIGHINGS);
        String topic = ScaleTopics.SCALE_WEIGHINGS;
        String whole = EventsDocumentation.text();
        assertThat(whole).as("a row for %s in the topic table", topic).contains("| `" + topic + "` | `ScaleWeighingReported` |");
        assertThat(whole).as("the flowchart shows %s", topic).contains("([\"" + topic + "\"])");
        assertThat(whole).as("its dead-letter topic").contains("`" + topic + "-dlt`");

        List<String> section = section(topic);
        String example = jsonBlock(section);
        ScaleWeighingReported event = json.readValue(example, ScaleWeighingReported.class);
        event.validate();
        assertThat(event.eventId()).isEqualTo(ScaleWeighingReported.eventIdOf(event.communityId(), event.deviceId(), event.weighingId()));
        List<String> components = Arrays.stream(ScaleWeighingReported.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(new ArrayList<>(json.readValue(example, LinkedHashMap.class).keySet()))
                .as("the fields of the example, in the record's order").containsExactlyElementsOf(components);
        String text = String.join(" ", section);
        for (String component : components) {
            assertThat(text).as("a field-table row for %s", component).contains("| `" + component + "` |");
        }
        assertThat(text).contains("`ScaleWeighingReported`").contains("schema version " + ScaleWeighingReported.SCHEMA_VERSION);
    }
}
