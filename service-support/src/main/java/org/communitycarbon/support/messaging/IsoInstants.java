package org.communitycarbon.support.messaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ser.std.StdScalarSerializer;

/**
 * Reads (and, with {@link Writer}, writes) ISO-8601 instants with an offset — {@code 2026-11-22T08:00:00Z}, {@code 2026-11-22T16:00:00.250+08:00} —
 * as every event and device message writes them. The usual shape is parsed by hand (Jackson's
 * {@code DateTimeFormatter}-based reader was a fifth of the cost of reading an event); anything else goes
 * through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so what is accepted does not change. A time without
 * an offset is refused: it does not say which instant it is.
 */
public final class IsoInstants extends StdScalarDeserializer<Instant> {

    IsoInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getString().trim();
        Instant instant = parse(text);
        if (instant == null) {
            throw context.weirdStringException(text, Instant.class, "not an ISO-8601 instant with an offset");
        }
        return instant;
    }

    /** The instant {@code text} names, or null if it is not an ISO-8601 date-time with an offset. */
    static @Nullable Instant parse(String text) {
        Instant fast = fast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)}, or null for any other shape or an impossible date. */
    private static @Nullable Instant fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length == 0 || length > 9) {
                return null;
            }
            nanos = digits(s, start, length);
            for (int pad = length; pad < 9; pad++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offsetSeconds = 0;
        }
        else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                return null;
            }
            offsetSeconds = (hours * 3600 + minutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        }
        else {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Writes an instant as {@link Instant#toString()} does — {@code 2026-11-22T08:00:00Z},
     * {@code 2026-11-22T08:00:00.250Z} — without going through a {@code DateTimeFormatter}, for years 0 to 9999;
     * others through {@code toString()}.
     */
    public static final class Writer extends StdScalarSerializer<Instant> {

        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(format(value));
        }
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return instant.toString();
        }
        char[] text = new char[30];
        int i = 0;
        i = pad(text, i, date.getYear(), 4);
        text[i++] = '-';
        i = pad(text, i, date.getMonthValue(), 2);
        text[i++] = '-';
        i = pad(text, i, date.getDayOfMonth(), 2);
        text[i++] = 'T';
        i = pad(text, i, secondOfDay / 3600, 2);
        text[i++] = ':';
        i = pad(text, i, secondOfDay / 60 % 60, 2);
        text[i++] = ':';
        i = pad(text, i, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            text[i++] = '.';
            // As Instant.toString: 3, 6 or 9 digits.
            if (nanos % 1_000_000 == 0) {
                i = pad(text, i, nanos / 1_000_000, 3);
            }
            else if (nanos % 1_000 == 0) {
                i = pad(text, i, nanos / 1_000, 6);
            }
            else {
                i = pad(text, i, nanos, 9);
            }
        }
        text[i++] = 'Z';
        return new String(text, 0, i);
    }

    private static int pad(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
