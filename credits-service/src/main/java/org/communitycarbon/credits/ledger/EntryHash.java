package org.communitycarbon.credits.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash chain of a ledger account (docs/credits.md#tamper-evidence). An entry's hash is SHA-256 over its
 * canonical form: 13 lines, each ended by a line feed ({@code \n}), in UTF-8:
 *
 * <pre>
 * cc-ledger-entry/1
 * &lt;id, lower-case UUID&gt;
 * &lt;community id&gt;
 * &lt;household id&gt;
 * &lt;position in the account's chain, 1, 2, ...&gt;
 * &lt;amount, a signed integer&gt;
 * &lt;balance after the entry&gt;
 * &lt;kind&gt;
 * &lt;reason&gt;
 * &lt;source event id, lower-case UUID&gt;
 * &lt;occurred at, UTC, yyyy-MM-ddTHH:mm:ss.SSSSSSZ — always six decimals, as PostgreSQL stores it&gt;
 * &lt;recorded at, the same way&gt;
 * &lt;the previous entry's hash, 64 lower-case hex digits; 64 zeros for the account's first entry&gt;
 * </pre>
 *
 * No field may hold a control character, so the lines can be told apart without escaping. The migration's SQL
 * function {@code ledger_entry_canonical} writes the same text ({@code EntryHashIT} holds the two equal).
 */
public final class EntryHash {

    /** The first line: the form's name and version. */
    static final String FORM = "cc-ledger-entry/1";

    /** The previous hash of an account's first entry. */
    public static final byte[] GENESIS = new byte[32];

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final HexFormat HEX = HexFormat.of();

    private EntryHash() {
    }

    /** What is hashed of an entry; instants already at PostgreSQL's microseconds ({@link #micros(Instant)}). */
    public record Content(UUID id, String communityId, String householdId, long accountSeq, long amount, long balanceAfter,
            String kind, String reason, UUID sourceEventId, Instant occurredAt, Instant recordedAt, byte[] prevHash) {

        public Content {
            text(communityId, "communityId");
            text(householdId, "householdId");
            text(kind, "kind");
            text(reason, "reason");
            time(occurredAt, "occurredAt");
            time(recordedAt, "recordedAt");
            if (accountSeq < 1) {
                throw new IllegalArgumentException("accountSeq must be 1 or more, was " + accountSeq);
            }
            if (prevHash.length != 32) {
                throw new IllegalArgumentException("prevHash must be 32 bytes, was " + prevHash.length);
            }
        }
    }

    /** An instant as PostgreSQL's {@code timestamptz} keeps it: whole microseconds (truncated, so it never moves forward). */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The canonical form's text. */
    public static String canonical(Content entry) {
        return FORM + '\n'
                + entry.id() + '\n'
                + entry.communityId() + '\n'
                + entry.householdId() + '\n'
                + entry.accountSeq() + '\n'
                + entry.amount() + '\n'
                + entry.balanceAfter() + '\n'
                + entry.kind() + '\n'
                + entry.reason() + '\n'
                + entry.sourceEventId() + '\n'
                + TIME.format(entry.occurredAt()) + '\n'
                + TIME.format(entry.recordedAt()) + '\n'
                + HEX.formatHex(entry.prevHash()) + '\n';
    }

    /** SHA-256 of the canonical form's UTF-8 bytes. */
    public static byte[] of(Content entry) {
        return sha256(canonical(entry).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    private static void text(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(field + " must not hold a control character (U+%04X at %d)".formatted((int) c, i));
            }
        }
    }

    private static void time(Instant value, String field) {
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST) || value.getNano() % 1000 != 0) {
            throw new IllegalArgumentException(field + " must be in the years 1 to 9999 and in whole microseconds, was " + value);
        }
    }
}
