package org.communitycarbon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A topic's section of docs/events.md and the JSON example in it, for common-model's per-topic documentation tests.
 * The services' tests use test-support's {@code org.communitycarbon.testing.EventsDocumentation}, which reads the same
 * way; common-model cannot depend on test-support (test-support depends on common-model), so it keeps this one copy.
 * {@link EventsDocumentationTest} reads every section at once and asks for exactly one example each, its own rule.
 */
public final class TopicSections {

    /** docs/events.md, seen from the module's directory. */
    public static final Path DOC = Path.of("..", "docs", "events.md");

    private TopicSections() {
    }

    /** The whole page. */
    public static String text() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    /** The lines of the section headed {@code ## `topic`}, up to the next {@code ## } heading; asserts there is one. */
    public static List<String> section(String topic) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("## `" + topic + "`");
        assertThat(start).as("a section '## `%s`' in %s", topic, DOC).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    /** The first {@code ```json} block of a section; asserts there is one. */
    public static String jsonBlock(List<String> section) {
        int open = section.indexOf("```json");
        assertThat(open).as("a ```json example").isNotNegative();
        int close = section.subList(open + 1, section.size()).indexOf("```") + open + 1;
        return String.join("\n", section.subList(open + 1, close));
    }
}
