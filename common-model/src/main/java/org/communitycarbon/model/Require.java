package org.communitycarbon.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The checks of the contracts: device messages run them when they are read, events when a producer
 * writes them ({@link PlatformEvent#validate()}).
 * <p>
 * Numbers from outside are bounded before anything formats, rounds or stores them: a value such as
 * {@code 1e999999999} parses cheaply into a {@link BigDecimal}, but {@code toPlainString()} or
 * {@code setScale()} of it would allocate a billion digits. {@link #decimal} checks digits and range first,
 * then rounds to the scale of the column the value will be stored in; {@link #show} formats any value in
 * bounded space.
 */
public final class Require {

    /** Identifiers travel in MQTT topics and URLs: no slashes, wildcards or spaces. */
    public static final String IDENTIFIER_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";

    /** More digits, or decimal places, than any measurement has. */
    public static final int MAX_DIGITS = 40;

    private Require() {
    }

    /** The envelope a producer writes: see {@link PlatformEvent}. */
    public static void envelope(@Nullable UUID eventId, int schemaVersion, int currentVersion, @Nullable String communityId,
            @Nullable Instant occurredAt) {
        present(eventId, "eventId");
        if (schemaVersion != currentVersion) {
            throw new ContractViolation("schemaVersion", "a producer writes version " + currentVersion + ", not " + schemaVersion);
        }
        identifier(communityId, "communityId");
        present(occurredAt, "occurredAt");
    }

    /**
     * What every reader checks of an event's envelope: an id, a community and a time. Any schema version is
     * readable, older or newer; a reader checks the fields it uses, not the version (tolerant reader).
     */
    public static void readable(@Nullable UUID eventId, @Nullable String communityId, @Nullable Instant occurredAt) {
        present(eventId, "eventId");
        identifier(communityId, "communityId");
        present(occurredAt, "occurredAt");
    }

    public static <T> T present(@Nullable T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, "is required");
        }
        return value;
    }

    public static String identifier(@Nullable String value, String field) {
        present(value, field);
        if (!isIdentifier(value)) {
            throw new ContractViolation(field,
                    "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static @Nullable String optionalIdentifier(@Nullable String value, String field) {
        return value == null ? null : identifier(value, field);
    }

    /** Whether {@code value} matches {@value #IDENTIFIER_PATTERN}; checked character by character, it is on every message's path. */
    public static boolean isIdentifier(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 64 || !letterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public static String text(@Nullable String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank() || value.length() > maxLength) {
            throw new ContractViolation(field, "must be non-blank and at most " + maxLength + " characters");
        }
        return value;
    }

    /**
     * A number within {@code [min, max]} once rounded (half up) to {@code scale} decimal places, the scale of
     * the column it is stored in; returns the rounded value. So a value that passes can always be stored,
     * and a value that would round to something out of range (0.0001 kg where at least 0.001 kg is
     * required) is refused rather than silently changed.
     */
    public static BigDecimal decimal(@Nullable BigDecimal value, String field, BigDecimal min, BigDecimal max, int scale) {
        present(value, field);
        if (value.precision() > MAX_DIGITS || value.scale() > MAX_DIGITS || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw outOfRange(value, field, min, max);
        }
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        if (rounded.compareTo(min) < 0 || rounded.compareTo(max) > 0) {
            throw new ContractViolation(field, "must be between " + min.toPlainString() + " and " + max.toPlainString()
                    + " with at most " + scale + " decimal places, was " + show(value));
        }
        return rounded;
    }

    public static BigDecimal between(@Nullable BigDecimal value, String field, BigDecimal min, BigDecimal max) {
        present(value, field);
        if (value.precision() > MAX_DIGITS || value.scale() > MAX_DIGITS || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw outOfRange(value, field, min, max);
        }
        return value;
    }

    public static BigDecimal positive(@Nullable BigDecimal value, String field, BigDecimal max) {
        present(value, field);
        if (value.precision() > MAX_DIGITS || value.scale() > MAX_DIGITS || value.signum() <= 0 || value.compareTo(max) > 0) {
            throw new ContractViolation(field, "must be above 0 and at most " + max.toPlainString() + ", was " + show(value));
        }
        return value;
    }

    private static ContractViolation outOfRange(BigDecimal value, String field, BigDecimal min, BigDecimal max) {
        return new ContractViolation(field,
                "must be between " + min.toPlainString() + " and " + max.toPlainString() + ", was " + show(value));
    }

    /**
     * A number for a message, in bounded space whatever its size: plain when it is of ordinary size,
     * otherwise six significant digits in scientific notation ({@code 1E+999999999}).
     */
    public static String show(BigDecimal value) {
        if (value.precision() <= 24 && Math.abs(value.scale()) <= 24) {
            return value.toPlainString();
        }
        return value.round(new MathContext(6, RoundingMode.HALF_UP)).toString();
    }

    public static Quantity unit(@Nullable Quantity quantity, String field, Unit expected) {
        present(quantity, field);
        if (quantity.unit() != expected) {
            throw new ContractViolation(field, "must be in " + expected + ", was " + quantity.unit());
        }
        return quantity;
    }

    /** At most {@code max} characters of {@code text}, for messages and logs; longer text ends in an ellipsis. */
    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
