package org.communitycarbon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.model.credits.CreditsAwarded;
import org.communitycarbon.model.credits.CreditsRedeemed;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.credits.LedgerCheckpointed;
import org.communitycarbon.model.credits.MerchantDebited;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderChanged;
import org.communitycarbon.model.ops.WorkOrderEscalated;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupStatusChanged;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps docs/events.md true to the contracts: every topic constant has a section, each section's JSON
 * example is read by plain Jackson into the topic's record and passes the producer's validation, shows every field of
 * the record and nothing else, and has a field-table row per field; the examples' ids follow the
 * derivations the page documents.
 */
class EventsDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "events.md");

    /** The payload type of each topic; the MQTT dead-letter topic carries the refused bytes instead. */
    private static final Map<String, Class<? extends PlatformEvent>> PAYLOADS = join(Map.of(
            SensingTopics.METER_READINGS, MeterReadingReceived.class,
            SensingTopics.WASTE_DEPOSITS, WasteDeposited.class,
            SensingTopics.BIN_STATUSES, BinStatusReported.class,
            SensingTopics.ENVIRONMENT_OBSERVATIONS, EnvironmentObserved.class,
            AccountingTopics.CARBON_REDUCTIONS, CarbonReductionRecorded.class,
            CreditsTopics.CREDITS_AWARDED, CreditsAwarded.class,
            CreditsTopics.LEDGER_CHECKPOINTS, LedgerCheckpointed.class,
            OpsTopics.ALERTS, AlertRaised.class,
            AuditTopics.AUDIT, ActionAudited.class),
            // Map.of takes ten pairs at most
            Map.of(RecyclingTopics.PICKUPS, PickupStatusChanged.class,
                    RecyclingTopics.PICKUP_DEADLINES, PickupDeadlineMissed.class,
                    OpsTopics.WORK_ORDERS, WorkOrderChanged.class,
                    OpsTopics.ESCALATIONS, WorkOrderEscalated.class,
                    CreditsTopics.REDEMPTIONS, CreditsRedeemed.class,
                    CreditsTopics.MERCHANT_DEBITS, MerchantDebited.class,
                    ReportTopics.MONTHLY_FIGURES, MonthlyFiguresPublished.class));

    @SafeVarargs
    private static Map<String, Class<? extends PlatformEvent>> join(Map<String, Class<? extends PlatformEvent>>... maps) {
        Map<String, Class<? extends PlatformEvent>> joined = new LinkedHashMap<>();
        for (Map<String, Class<? extends PlatformEvent>> map : maps) {
            joined.putAll(map);
        }
        return Map.copyOf(joined);
    }

    private static final Set<String> RAW_TOPICS = Set.of(SensingTopics.MQTT_DEAD_LETTERS);

    private static final List<Class<?>> TOPIC_CLASSES = List.of(SensingTopics.class, AccountingTopics.class,
            CreditsTopics.class, OpsTopics.class, AuditTopics.class, RecyclingTopics.class, ReportTopics.class);

    private static final Pattern TOPIC_HEADING = Pattern.compile("## `([^`]+)`");

    private final JsonMapper json = JsonMapper.builder().build();

    private static List<String> lines = List.of();
    private static String prose = "";

    @BeforeAll
    static void readTheDoc() throws IOException {
        lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        prose = String.join("\n", lines).replaceAll("\\s+", " ");
    }

    @Test
    void documentsEveryTopicConstantInASectionOfItsOwnAndEveryHeader() throws IllegalAccessException {
        Set<String> sections = sections().keySet();
        for (Class<?> topics : TOPIC_CLASSES) {
            for (Field constant : topics.getFields()) {
                if (!Modifier.isStatic(constant.getModifiers()) || constant.getType() != String.class) {
                    continue;
                }
                String value = (String) constant.get(null);
                if (constant.getName().startsWith("HEADER_")) {
                    assertMentions("header " + value, "| `" + value + "` |");
                }
                else {
                    assertThat(sections).as("a section '## `%s`' for %s.%s", value, topics.getSimpleName(), constant.getName())
                            .contains(value);
                }
            }
        }
    }

    @Test
    void knowsThePayloadTypeOfEveryTopic() throws IllegalAccessException {
        Set<String> topics = new LinkedHashSet<>();
        for (Class<?> holder : TOPIC_CLASSES) {
            for (Field constant : holder.getFields()) {
                if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class
                        && !constant.getName().startsWith("HEADER_")) {
                    topics.add((String) constant.get(null));
                }
            }
        }
        Set<String> known = new LinkedHashSet<>(PAYLOADS.keySet());
        known.addAll(RAW_TOPICS);
        assertThat(known).as("topics with a documented payload; add a new topic to PAYLOADS and to docs/events.md")
                .containsExactlyInAnyOrderElementsOf(topics);
    }

    @TestFactory
    Stream<DynamicTest> readsEachTopicsExampleIntoItsRecordWithEveryFieldShownAndTabled() {
        Map<String, List<String>> sections = sections();
        return PAYLOADS.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            String topic = entry.getKey();
            Class<? extends PlatformEvent> type = entry.getValue();
            List<String> section = sections.get(topic);
            assertThat(section).as("the section of %s", topic).isNotNull();
            String example = jsonBlock(topic, section);

            PlatformEvent event = json.readValue(example, type);
            event.validate();

            List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
            assertThat(new ArrayList<>(json.readValue(example, LinkedHashMap.class).keySet()))
                    .as("the fields of the %s example, in the record's order", topic).containsExactlyElementsOf(components);
            String sectionText = String.join(" ", section);
            for (String component : components) {
                assertThat(sectionText).as("a field-table row for %s.%s", type.getSimpleName(), component)
                        .contains("| `" + component + "` |");
            }
            assertThat(sectionText).as("the payload type of %s", topic).contains("`" + type.getSimpleName() + "`");
            assertThat(sectionText).as("the schema version of %s", topic)
                    .contains("schema version " + type.getField("SCHEMA_VERSION").getInt(null));
            assertThat(event.schemaVersion()).isEqualTo(type.getField("SCHEMA_VERSION").getInt(null));
        }));
    }

    @Test
    void examplesCarryTheIdsTheirProducersDerive() {
        var reading = example(SensingTopics.METER_READINGS, MeterReadingReceived.class);
        var deposit = example(SensingTopics.WASTE_DEPOSITS, WasteDeposited.class);
        var status = example(SensingTopics.BIN_STATUSES, BinStatusReported.class);
        var observation = example(SensingTopics.ENVIRONMENT_OBSERVATIONS, EnvironmentObserved.class);
        var reduction = example(AccountingTopics.CARBON_REDUCTIONS, CarbonReductionRecorded.class);
        var credits = example(CreditsTopics.CREDITS_AWARDED, CreditsAwarded.class);
        var alert = example(OpsTopics.ALERTS, AlertRaised.class);

        assertThat(reading.eventId()).isEqualTo(deviceEventId(reading.communityId(), reading.deviceId(), "reading", reading.occurredAt()));
        assertThat(deposit.eventId()).isEqualTo(EventIds.of(deposit.communityId(), deposit.deviceId(), "deposit",
                deposit.occurredAt().toString(), deposit.householdId()));
        assertThat(status.eventId()).isEqualTo(deviceEventId(status.communityId(), status.deviceId(), "status", status.occurredAt()));
        assertThat(observation.eventId())
                .isEqualTo(deviceEventId(observation.communityId(), observation.deviceId(), "reading", observation.occurredAt()));

        assertThat(reduction.sourceEventId()).as("the reduction example credits the deposit example").isEqualTo(deposit.eventId());
        assertThat(reduction.eventId()).isEqualTo(EventIds.derived(reduction.sourceEventId(), "carbon-reduction"));

        assertThat(credits.sourceEventId()).as("the credits example credits the reduction example").isEqualTo(reduction.eventId());
        assertThat(credits.eventId()).isEqualTo(EventIds.derived(credits.sourceEventId(), "credits-awarded"));
        assertThat(credits.ledgerEntryId()).isEqualTo(EventIds.derived(credits.sourceEventId(), "ledger-entry"));
        var checkpoint = example(CreditsTopics.LEDGER_CHECKPOINTS, LedgerCheckpointed.class);
        assertThat(checkpoint.eventId()).isEqualTo(LedgerCheckpointed.eventIdFor(checkpoint.checkpoint(), checkpoint.communityId()));
        var redeemed = example(CreditsTopics.REDEMPTIONS, CreditsRedeemed.class);
        assertThat(redeemed.eventId()).isEqualTo(EventIds.derived(redeemed.redemptionId(), "credits-redeemed"));
        assertThat(redeemed.ledgerEntryId()).isEqualTo(EventIds.derived(redeemed.redemptionId(), "ledger-entry"));
        var debited = example(CreditsTopics.MERCHANT_DEBITS, MerchantDebited.class);
        assertThat(debited.eventId()).isEqualTo(MerchantDebited.eventIdOf(debited.debitId(), debited.action()));
        assertThat(debited.eventId()).isEqualTo(EventIds.derived(debited.debitId(), "merchant-debited"));
        assertThat(debited.ledgerEntryId()).isEqualTo(EventIds.derived(debited.debitId(), "ledger-entry"));
        assertMentions("the reversal's event id", "`" + MerchantDebited.eventIdOf(debited.debitId(), MerchantDebited.REVERSED) + "`");
        assertMentions("the reversal's ledger entry", "`" + EventIds.derived(debited.debitId(), "reversal-ledger-entry") + "`");

        assertThat(alert.workOrderId()).as("the alert example's work order comes from the bin status example")
                .isEqualTo(EventIds.derived(status.eventId(), "work-order"));
        assertThat(alert.eventId()).isEqualTo(EventIds.derived(alert.workOrderId(), "alert-raised"));
        assertThat(alert.observed()).isEqualTo(status.fillingLevel());
        var change = example(OpsTopics.WORK_ORDERS, WorkOrderChanged.class);
        assertThat(change.workOrderId()).as("the change example is of the alert example's order").isEqualTo(alert.workOrderId());
        assertThat(change.eventId()).isEqualTo(WorkOrderChanged.eventIdOf(change.workOrderId(), change.sequence()));
        var escalation = example(OpsTopics.ESCALATIONS, WorkOrderEscalated.class);
        assertThat(escalation.workOrderId()).as("the escalation example is of the alert example's order")
                .isEqualTo(alert.workOrderId());
        assertThat(escalation.eventId()).isEqualTo(WorkOrderEscalated.eventIdOf(escalation.workOrderId(), escalation.toLevel()));
        assertThat(escalation.missedDeadline()).isEqualTo(alert.deadline());

        var step = example(RecyclingTopics.PICKUPS, PickupStatusChanged.class);
        var missed = example(RecyclingTopics.PICKUP_DEADLINES, PickupDeadlineMissed.class);
        assertThat(step.eventId()).isEqualTo(PickupStatusChanged.eventIdOf(step.pickupId(), step.sequence()));
        assertThat(missed.eventId()).isEqualTo(PickupDeadlineMissed.eventIdOf(missed.pickupId(), missed.deadline()));

        var figures = example(ReportTopics.MONTHLY_FIGURES, MonthlyFiguresPublished.class);
        assertThat(figures.eventId()).isEqualTo(MonthlyFiguresPublished.eventIdOf(figures.source(), figures.communityId(),
                figures.month(), figures.revision()));
    }

    @Test
    void listsEveryUnitWithItsSymbol() {
        for (Unit unit : Unit.values()) {
            assertMentions("unit " + unit, "| `" + unit.name() + "` | " + unit.symbol() + " |");
        }
    }

    @Test
    void drawsEveryTopicInTheFlowchart() {
        List<String> mermaid = blocks(lines, "mermaid");
        assertThat(mermaid).as("a mermaid flowchart").hasSize(1);
        for (String topic : PAYLOADS.keySet()) {
            assertThat(mermaid.get(0)).as("the flowchart shows %s", topic).contains("\"" + topic + "\"");
        }
        for (String topic : RAW_TOPICS) {
            assertThat(mermaid.get(0)).as("the flowchart shows %s", topic).contains("\"" + topic + "\"");
        }
    }

    @Test
    void quotesTheReasonAProducerGivesForASchemaVersionItDoesNotWrite() {
        int unknown = BinStatusReported.SCHEMA_VERSION + 1;
        Instant at = Instant.parse("2026-11-22T08:00:00Z");
        assertThatThrownBy(() -> new BinStatusReported(EventIds.of("doc"), unknown, "maple-court", at, at, "bin-1", null, null,
                Quantity.of("0.5", Unit.RATIO)).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertMentions("the reason for schema version " + unknown,
                        "`" + e.getMessage() + "`"));
    }

    private static UUID deviceEventId(String communityId, String deviceId, String message, Instant observed) {
        return EventIds.of(communityId, deviceId, message, observed.toString());
    }

    private <T> T example(String topic, Class<T> type) {
        return json.readValue(jsonBlock(topic, sections().get(topic)), type);
    }

    private static void assertMentions(String what, String snippet) {
        if (!prose.contains(snippet)) {
            fail("%s does not mention %s: %s", DOC, what, snippet);
        }
    }

    /** Sections headed {@code ## `topic`}, each up to the next {@code ## } heading. */
    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                Matcher heading = TOPIC_HEADING.matcher(line);
                current = heading.matches() ? new ArrayList<>() : null;
                if (current != null) {
                    assertThat(sections).as("one section per topic").doesNotContainKey(heading.group(1));
                    sections.put(heading.group(1), current);
                }
            }
            else if (current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    private static String jsonBlock(String topic, List<String> section) {
        List<String> examples = blocks(section, "json");
        assertThat(examples).as("one ```json example in the section of %s", topic).hasSize(1);
        return examples.get(0);
    }

    /** The contents of the fenced blocks with the given info string. */
    private static List<String> blocks(List<String> from, String info) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            if (from.get(i).startsWith("```")) {
                int end = i + 1;
                while (end < from.size() && !from.get(end).equals("```")) {
                    end++;
                }
                if (from.get(i).substring(3).trim().equals(info)) {
                    blocks.add(String.join("\n", from.subList(i + 1, Math.min(end, from.size()))));
                }
                i = end;
            }
        }
        return blocks;
    }
}
