package org.communitycarbon.recycling.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.testing.EventsDocumentation.jsonBlock;
import static org.communitycarbon.testing.EventsDocumentation.section;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.recycling.CreditRequestDecided;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.CreditRequested;
import org.communitycarbon.model.recycling.ToolReturnOverdue;
import org.communitycarbon.model.recycling.ToolTopics;
import org.communitycarbon.testing.EventsDocumentation;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the sections of docs/events.md of the credit request topics and of the tool reminders true to their contracts, as
 * {@code SettlementEventsDocumentationTest} does for the settlements: a section, a row in the topic table and a node in
 * the flowchart each; a JSON example that reads into the record, passes the producer's validation, shows every field
 * in the record's order and carries the id the producer derives; a table row per field.
 */
class CreditRequestEventsDocumentationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void documentsTheCreditRequestsWithAnExampleThatMeetsTheirContract() throws Exception {
        assertThat(CreditRequestTopics.ALL).containsExactly(CreditRequestTopics.CREDIT_REQUESTS, CreditRequestTopics.CREDIT_REQUEST_OUTCOMES);
        CreditRequested request = documented(CreditRequestTopics.CREDIT_REQUESTS, CreditRequested.class);
        assertThat(request.eventId()).isEqualTo(CreditRequested.holdIdOf(request.subjectId()));
        CreditRequestDecided outcome = documented(CreditRequestTopics.CREDIT_REQUEST_OUTCOMES, CreditRequestDecided.class);
        assertThat(outcome.eventId()).isEqualTo(CreditRequestDecided.eventIdOf(outcome.requestId()));
        assertThat(outcome.requestId()).as("the example answers the example request").isEqualTo(request.eventId());
    }

    @Test
    void documentsTheToolRemindersWithAnExampleThatMeetsTheirContract() throws Exception {
        assertThat(ToolTopics.ALL).containsExactly(ToolTopics.TOOL_REMINDERS);
        ToolReturnOverdue reminder = documented(ToolTopics.TOOL_REMINDERS, ToolReturnOverdue.class);
        assertThat(reminder.eventId()).isEqualTo(ToolReturnOverdue.eventIdOf(reminder.bookingId(), reminder.day()));
    }

    private <T extends PlatformEvent> T documented(String topic, Class<T> type) throws IOException {
        String whole = EventsDocumentation.text();
        assertThat(whole).as("a row for %s in the topic table", topic).contains("| `" + topic + "` | `" + type.getSimpleName() + "` |");
        assertThat(whole).as("the flowchart shows %s", topic).contains("([\"" + topic + "\"])");
        List<String> section = section(topic);
        String example = jsonBlock(section);
        T event = json.readValue(example, type);
        event.validate();
        List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(new ArrayList<>(json.readValue(example, LinkedHashMap.class).keySet()))
                .as("the fields of the example, in the record's order").containsExactlyElementsOf(components);
        String text = String.join(" ", section);
        for (String component : components) {
            assertThat(text).as("a field-table row for %s", component).contains("| `" + component + "` |");
        }
        assertThat(text).contains("`" + type.getSimpleName() + "`, schema version 1");
        return event;
    }
}
