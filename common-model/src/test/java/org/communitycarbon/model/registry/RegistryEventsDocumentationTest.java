package org.communitycarbon.model.registry;

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

import org.communitycarbon.model.PlatformEvent;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the registry's sections of docs/events.md true to the contracts, as {@code EventsDocumentationTest}
 * does for the other topics: a section per topic, whose JSON example reads into the record, passes the
 * producer's validation, shows every field in the record's order, has a table row per field and carries the
 * id its producer derives.
 */
class RegistryEventsDocumentationTest {

    private static final Map<String, Class<? extends PlatformEvent>> PAYLOADS = Map.of(
            RegistryTopics.COMMUNITIES, CommunityChanged.class,
            RegistryTopics.PLACES, PlaceChanged.class,
            RegistryTopics.DEVICES, DeviceChanged.class,
            RegistryTopics.DEVICE_STATUS, DeviceStatusChanged.class);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void documentsEachRegistryTopicWithAnExampleThatMeetsItsContract() throws Exception {
        assertThat(PAYLOADS.keySet()).containsExactlyInAnyOrderElementsOf(RegistryTopics.ALL);
        for (var entry : PAYLOADS.entrySet()) {
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
        var community = json.readValue(jsonBlock(section(RegistryTopics.COMMUNITIES)), CommunityChanged.class);
        var place = json.readValue(jsonBlock(section(RegistryTopics.PLACES)), PlaceChanged.class);
        var device = json.readValue(jsonBlock(section(RegistryTopics.DEVICES)), DeviceChanged.class);
        assertThat(community.eventId()).isEqualTo(CommunityChanged.eventIdOf(community.communityId(), community.revision()));
        assertThat(place.eventId()).isEqualTo(PlaceChanged.eventIdOf(place.communityId(), place.kind(), place.placeId(), place.revision()));
        assertThat(device.eventId()).isEqualTo(DeviceChanged.eventIdOf(device.communityId(), device.deviceId(), device.revision()));
    }
}
