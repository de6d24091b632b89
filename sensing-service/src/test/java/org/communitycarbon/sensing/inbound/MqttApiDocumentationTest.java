package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.communitycarbon.model.device.BinStatusMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.ControllerStatusMessage;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.device.EnvironmentMessage;
import org.communitycarbon.model.device.MeterReadingMessage;
import org.communitycarbon.model.device.ScaleWeighingMessage;
import org.communitycarbon.model.device.WasteDepositMessage;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Accepted;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Rejected;
import org.communitycarbon.sensing.inbound.DeviceMessageTranslator.Translation;
import org.communitycarbon.support.messaging.EventCodec;
import org.jspecify.annotations.Nullable;
import org.communitycarbon.simulator.community.Community;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.Inventory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.bind.annotation.RequestMapping;

import tools.jackson.databind.json.JsonMapper;


/**
 * Keeps docs/mqtt-api.md true to the code. Every JSON payload example (a {@code ```json} block right after
 * a line {@code Topic: `cc/...`}) and every {@code mosquitto_pub} command in a {@code ```sh} block is run
 * through the {@link DeviceMessageTranslator} the service uses, with the example's timestamp replaced by
 * the current time: examples must be accepted, and those marked {@code <!-- invalid: field -->} refused for
 * that field with exactly the reason in the {@code ```text} block that follows them.
 */
class MqttApiDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "mqtt-api.md");

    /** The timestamp of the doc's JSON examples, in UTC and in Beijing time. */
    private static final String EXAMPLE_INSTANT = "2026-11-22T08:00:00Z";
    private static final String EXAMPLE_BEIJING_TIME = "2026-11-22T16:00:00+08:00";

    /** The shell substitutions the doc's commands use for the current time. */
    private static final String DATE_COMMAND = "date -u +%Y-%m-%dT%H:%M:%SZ";
    private static final String TEN_MINUTES_AGO_COMMAND = "date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ";
    private static final String NOW_VARIABLE = "NOW";

    private static final Pattern TOPIC_LINE = Pattern.compile("Topic: `(cc/[^`]+)`");
    private static final Pattern COMMAND_LINE = Pattern.compile("^Command on `(cmd/[^`]+)`:");
    private static final Pattern INVALID_MARKER = Pattern.compile("<!-- invalid: (\\S+) -->");
    private static final Pattern SETTING_WITH_DEFAULT = Pattern.compile("\\$\\{(SENSING_[A-Z_]+):([^}]+)}");

    /** The examples publish from the local run's devices: the simulated community and the try-out building. */
    private final DeviceMessageTranslator translator = new DeviceMessageTranslator(
            EventCodec.lenientEnums(),
            new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), 65536),
            RegisteredDevices.of(Inventory.of(Community.create(CommunitySpec.defaults(), Instant.parse(EXAMPLE_INSTANT)))
                    .with(Inventory.tryout(CommunitySpec.DEFAULT_COMMUNITY))));

    private static List<String> lines = List.of();
    private static String prose = "";

    @BeforeAll
    static void readTheDoc() throws IOException {
        lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        prose = String.join("\n", lines).replaceAll("\\s+", " ");
    }

    @TestFactory
    Stream<DynamicTest> acceptsEveryValidPayloadExample() {
        List<PayloadExample> valid = payloadExamples().stream().filter(e -> e.invalidField() == null).toList();
        assertThat(valid).as("valid payload examples in %s", DOC).isNotEmpty();
        return valid.stream().map(example -> DynamicTest.dynamicTest("line " + example.line() + ": " + example.topic(),
                () -> assertAccepted(example.line(), example.topic(), withCurrentTime(example.json()))));
    }

    @TestFactory
    Stream<DynamicTest> refusesEveryMistakeWithTheReasonTheDocShows() {
        List<PayloadExample> invalid = payloadExamples().stream().filter(e -> e.invalidField() != null).toList();
        assertThat(invalid).as("examples of mistakes in %s", DOC).hasSizeGreaterThanOrEqualTo(4);
        return invalid.stream().map(example -> DynamicTest.dynamicTest("line " + example.line() + ": " + example.invalidField(),
                () -> {
                    Rejected rejected = assertRejected(example.line(), example.topic(), withCurrentTime(example.json()),
                            example.invalidField());
                    assertThat(rejected.reason()).as("the reason shown after the example at line %d", example.line())
                            .isEqualTo(example.reason());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyMosquittoPubCommandPublishesWithQos1WhatThePlatformAccepts() {
        List<Command> commands = commands();
        assertThat(commands).as("mosquitto_pub commands in %s", DOC).isNotEmpty();
        return commands.stream().map(command -> DynamicTest.dynamicTest("line " + command.line() + ": " + command.topic(), () -> {
            assertThat(command.qos()).as("QoS of the command at line %d", command.line()).isEqualTo("1");
            assertThat(command.retained()).as("retain flag of the command at line %d", command.line()).isFalse();
            if (command.invalidField() == null) {
                assertAccepted(command.line(), command.topic(), command.message());
            }
            else {
                assertRejected(command.line(), command.topic(), command.message(), command.invalidField());
            }
        }));
    }

    @Test
    void showsAnAcceptedPayloadAndACommandForEveryMessageOfEveryDeviceType() {
        List<DeviceTopic> payloadTopics = payloadExamples().stream().filter(e -> e.invalidField() == null)
                .map(e -> DeviceTopic.parse(e.topic())).toList();
        List<DeviceTopic> commandTopics = commands().stream().filter(c -> c.invalidField() == null)
                .map(c -> DeviceTopic.parse(c.topic())).toList();
        for (DeviceType type : DeviceType.values()) {
            for (DeviceMessage message : type.messages()) {
                assertThat(payloadTopics).as("a JSON example of a %s %s", type.slug(), message.slug())
                        .anyMatch(t -> t.deviceType() == type && t.message() == message);
                assertThat(commandTopics).as("a mosquitto_pub command for a %s %s", type.slug(), message.slug())
                        .anyMatch(t -> t.deviceType() == type && t.message() == message);
            }
        }
    }

    @Test
    void namesEveryDeviceTypeMessageAndWasteKind() {
        for (DeviceType type : DeviceType.values()) {
            assertMentions("device type " + type, "| `" + type.slug() + "` |");
        }
        for (DeviceMessage message : DeviceMessage.values()) {
            assertMentions("message " + message, "`" + message.slug() + "`");
        }
        for (WasteKind kind : WasteKind.values()) {
            assertMentions("waste kind " + kind, "`" + kind.name() + "`");
        }
    }

    @Test
    void hasAFieldTableRowForEveryAttributeOfEveryPayload() {
        for (Class<?> payload : List.of(MeterReadingMessage.class, WasteDepositMessage.class, BinStatusMessage.class,
                EnvironmentMessage.class, ControllerStatusMessage.class, CommandAckMessage.class, DeviceCommandMessage.class,
                ScaleWeighingMessage.class)) {
            for (RecordComponent attribute : payload.getRecordComponents()) {
                assertMentions("a field-table row for " + payload.getSimpleName() + "." + attribute.getName(),
                        "| `" + attribute.getName() + "` |");
            }
        }
        for (MeterType type : MeterType.values()) {
            assertMentions("the register attribute of " + type, "| `" + MeterReadingMessage.registerAttribute(type) + "` |");
        }
    }

    @Test
    void everyCommandExampleIsWhatAControllerOfThatTypeReadsAndTheCommandTypeItTakes() {
        JsonMapper plain = JsonMapper.builder().build();
        int examples = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher command = COMMAND_LINE.matcher(lines.get(i));
            if (!command.find()) {
                continue;
            }
            int open = i + 1;
            while (!lines.get(open).startsWith("```")) {
                open++;
            }
            int close = open + 1;
            while (!lines.get(close).startsWith("```")) {
                close++;
            }
            DeviceCommandMessage message = plain.readValue(String.join("\n", lines.subList(open + 1, close)), DeviceCommandMessage.class);
            String[] levels = command.group(1).split("/");
            assertThat(levels).as("command topic at line %d", i + 1).hasSize(4);
            assertThat(levels[0]).isEqualTo(DeviceTopic.COMMAND_ROOT);
            assertThat(message.type().deviceType().slug()).as("the device type the command at line %d is for", i + 1).isEqualTo(levels[2]);
            examples++;
        }
        assertThat(examples).as("command examples (a line 'Command on `cmd/…`:' before a JSON block)").isEqualTo(CommandType.values().length);
    }

    @Test
    void statesTheSubscriptionLimitsAndSettingsTheServiceUses() throws IOException {
        String subscription = "$share/" + defaultOf(MqttSettings.class, "sharedGroup") + "/" + defaultOf(MqttSettings.class, "topicFilter");
        assertMentions("the subscription", "`" + subscription + "`");
        assertMentions("the payload limit", defaultOf(IngestSettings.class, "maxPayloadBytes") + " bytes");

        String serviceSettings;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sensing-service.yml")) {
            assertThat(in).as("sensing-service.yml on the class path").isNotNull();
            serviceSettings = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher settings = SETTING_WITH_DEFAULT.matcher(serviceSettings);
        int found = 0;
        while (settings.find()) {
            found++;
            assertMentions("setting " + settings.group(1), "`" + settings.group(1) + "` (default `" + settings.group(2) + "`)");
        }
        assertThat(found).as("SENSING_* settings in sensing-service.yml").isGreaterThanOrEqualTo(2);
    }

    @Test
    void documentsTheDeadLetterTopicItsHeadersAndTheRejectedMessagesEndpoint() throws ClassNotFoundException {
        assertMentions("the dead-letter topic", "`" + SensingTopics.MQTT_DEAD_LETTERS + "`");
        for (String header : List.of(SensingTopics.HEADER_REASON, SensingTopics.HEADER_FIELD, SensingTopics.HEADER_MQTT_TOPIC,
                SensingTopics.HEADER_RECEIVED_AT)) {
            assertMentions("header " + header, "| `" + header + "` |");
        }
        RequestMapping mapping = Class.forName("org.communitycarbon.sensing.rejected.RejectedMessageController")
                .getAnnotation(RequestMapping.class);
        assertMentions("the rejected-messages endpoint", "GET " + mapping.value()[0] + "?communityId=");
    }

    /** The doc contains {@code snippet}, line breaks and indentation counting as one space. */
    private static void assertMentions(String what, String snippet) {
        if (!prose.contains(snippet)) {
            fail("%s does not mention %s: %s", DOC, what, snippet);
        }
    }

    private void assertAccepted(int line, String topic, String payload) {
        Translation translation = translate(topic, payload);
        if (translation instanceof Rejected rejected) {
            fail("the example at line %d (%s) was refused: %s%n%s", line, topic, rejected.reason(), payload);
        }
        assertThat(translation).isInstanceOf(Accepted.class);
        assertMentions("the Kafka topic of the example at line " + line, ((Accepted) translation).kafkaTopic());
    }

    private Rejected assertRejected(int line, String topic, String payload, String field) {
        Translation translation = translate(topic, payload);
        if (translation instanceof Accepted) {
            fail("the mistake at line %d (%s) was accepted:%n%s", line, topic, payload);
        }
        Rejected rejected = (Rejected) translation;
        assertThat(rejected.field()).as("the field at fault in the mistake at line %d", line).isEqualTo(field);
        return rejected;
    }

    private Translation translate(String topic, String payload) {
        return translator.translate(topic, payload.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static String withCurrentTime(String json) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String beijing = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(now.atOffset(ZoneOffset.ofHours(8)));
        return json.replace(EXAMPLE_INSTANT, now.toString()).replace(EXAMPLE_BEIJING_TIME, beijing);
    }

    /** A JSON payload example, with the field and reason the doc gives if it shows a mistake. */
    private record PayloadExample(int line, String topic, String json, @Nullable String invalidField, @Nullable String reason) {
    }

    /** A {@code mosquitto_pub} command as the shell would run it, the current time filled in. */
    private record Command(int line, String topic, String message, @Nullable String qos, boolean retained,
            @Nullable String invalidField) {
    }

    /** A fenced code block: the index of its opening line, its info string and its content. */
    private record Block(int start, int end, String info, String content) {
    }

    private static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).equals("```")) {
                    end++;
                }
                assertThat(end).as("closing fence of the block at line %d", i + 1).isLessThan(lines.size());
                blocks.add(new Block(i, end, lines.get(i).substring(3).trim(), String.join("\n", lines.subList(i + 1, end))));
                i = end;
            }
        }
        return blocks;
    }

    private static List<PayloadExample> payloadExamples() {
        List<Block> blocks = blocks();
        List<PayloadExample> examples = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (!block.info().equals("json")) {
                continue;
            }
            int topicLine = previousNonBlank(block.start());
            if (topicLine >= 0 && COMMAND_LINE.matcher(lines.get(topicLine)).find()) {
                continue; // what the platform sends a controller: everyCommandExampleIs…
            }
            Matcher topic = TOPIC_LINE.matcher(topicLine < 0 ? "" : lines.get(topicLine));
            if (!topic.matches()) {
                fail("the ```json block at line %d must directly follow a line Topic: `cc/...`", block.start() + 1);
            }
            String invalidField = invalidMarker(previousNonBlank(topicLine));
            String reason = null;
            if (invalidField != null) {
                if (b + 1 >= blocks.size() || !blocks.get(b + 1).info().equals("text")) {
                    fail("the mistake at line %d must be followed by a ```text block with its reason", block.start() + 1);
                }
                reason = blocks.get(b + 1).content().trim();
            }
            examples.add(new PayloadExample(block.start() + 1, topic.group(1), block.content(), invalidField, reason));
        }
        return examples;
    }

    private static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        for (Block block : blocks()) {
            if (!block.info().equals("sh")) {
                continue;
            }
            String invalidField = invalidMarker(previousNonBlank(block.start()));
            for (String command : block.content().replace("\\\n", " ").split("\n")) {
                int at = command.indexOf("mosquitto_pub ");
                if (at >= 0) {
                    commands.add(command(block.start() + 1, shellWords(command.substring(at + "mosquitto_pub ".length())),
                            invalidField));
                }
            }
        }
        return commands;
    }

    private static Command command(int line, List<String> words, @Nullable String invalidField) {
        String topic = null;
        String message = null;
        String qos = null;
        boolean retained = false;
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            switch (option) {
                case "-t" -> topic = words.get(++i);
                case "-m" -> message = words.get(++i);
                case "-q" -> qos = words.get(++i);
                case "-r" -> retained = true;
                case "-h", "-p", "-u", "-P", "-i" -> i++;
                default -> fail("mosquitto_pub at line %d: option %s is not understood by this test", line, option);
            }
        }
        if (topic == null || message == null) {
            fail("mosquitto_pub at line %d needs -t and -m", line);
        }
        return new Command(line, topic, message, qos, retained, invalidField);
    }

    /**
     * Splits a command line into words as a POSIX shell does, for the few constructs the doc uses: single
     * and double quotes, the current time as {@code $(date -u +%Y-%m-%dT%H:%M:%SZ)} or {@code $NOW}, ten minutes before it as
     * {@code $(date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ)}. Stops at
     * {@code ;}, {@code &} or {@code |}.
     */
    private static List<String> shellWords(String command) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '\'') {
                int close = command.indexOf('\'', i + 1);
                assertThat(close).as("closing quote in: %s", command).isPositive();
                word.append(command, i + 1, close);
                inWord = true;
                i = close + 1;
            }
            else if (c == '"') {
                int close = command.indexOf('"', i + 1);
                assertThat(close).as("closing quote in: %s", command).isPositive();
                word.append(expand(command.substring(i + 1, close), now));
                inWord = true;
                i = close + 1;
            }
            else if (c == '$') {
                int end = expansionEnd(command, i);
                word.append(expand(command.substring(i, end), now));
                inWord = true;
                i = end;
            }
            else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (!Character.isWhitespace(c)) {
                    break;
                }
                i++;
            }
            else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int expansionEnd(String command, int dollar) {
        if (command.startsWith("$(", dollar)) {
            int close = command.indexOf(')', dollar);
            assertThat(close).as("closing parenthesis in: %s", command).isPositive();
            return close + 1;
        }
        int end = dollar + 1;
        while (end < command.length() && (Character.isLetterOrDigit(command.charAt(end)) || command.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    /** Expands the doc's time substitutions in a piece of text; anything else with a {@code $} fails the test. */
    private static String expand(String text, String now) {
        String tenMinutesAgo = java.time.Instant.parse(now).minusSeconds(600).toString();
        String expanded = text.replace("$(" + DATE_COMMAND + ")", now).replace("$(" + TEN_MINUTES_AGO_COMMAND + ")", tenMinutesAgo)
                .replace("${" + NOW_VARIABLE + "}", now)
                .replace("$" + NOW_VARIABLE, now)
                // the credentials the doc issues before its commands; the broker checks them, not the translator
                .replace("$MQTT_USER", "gateway/maple-court/tryout").replace("$MQTT_PASS", "secret")
                .replace("$LC_USER", "device/maple-court/lc-b09").replace("$LC_PASS", "secret")
                // the pickup the doc books before a scale weighs it: the recycling service checks it, not the translator
                .replace("$PICKUP", "3f1c2a7e-5b1d-4e0a-9c1b-7d2f8e4a6b10");
        if (expanded.contains("$")) {
            fail("unsupported shell expansion in: %s", text);
        }
        return expanded;
    }

    private static int previousNonBlank(int index) {
        int i = index - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        return i;
    }

    private static @Nullable String invalidMarker(int index) {
        if (index < 0) {
            return null;
        }
        Matcher marker = INVALID_MARKER.matcher(lines.get(index).trim());
        return marker.matches() ? marker.group(1) : null;
    }

    /**
     * The {@code @DefaultValue} of a settings record's component, as the binder reads it from the canonical
     * constructor: what the service uses unless configured otherwise.
     */
    private static String defaultOf(Class<? extends Record> settings, String component) {
        RecordComponent[] components = settings.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Parameter[] parameters;
        try {
            parameters = settings.getDeclaredConstructor(types).getParameters();
        }
        catch (NoSuchMethodException e) {
            throw new AssertionError(settings.getSimpleName() + " has no canonical constructor", e);
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(component)) {
                DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
                assertThat(value).as("@DefaultValue on %s.%s", settings.getSimpleName(), component).isNotNull();
                return value.value()[0];
            }
        }
        throw new AssertionError(settings.getSimpleName() + " has no " + component);
    }
}
