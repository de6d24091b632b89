package org.communitycarbon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads docs/events.md for the tests that keep a topic's section true to its contract: the whole page, a topic's
 * section and the JSON example in it. Paths are relative to a module's directory, where Maven runs its tests.
 * (common-model's own documentation tests cannot use this: test-support depends on common-model.)
 */
public final class EventsDocumentation {

    /** docs/events.md, seen from a module's directory. */
    public static final Path DOC = Path.of("..", "docs", "events.md");

    private EventsDocumentation() {
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
