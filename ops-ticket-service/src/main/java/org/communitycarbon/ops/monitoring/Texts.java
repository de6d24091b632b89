package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Require;

/** Small text helpers of monitoring: bounded texts, numbers for people, identifiers of conditions. */
final class Texts {

    private static final int MAX_IDENTIFIER = 64;

    private Texts() {
    }

    static String bounded(String text, int max) {
        return Require.abbreviate(text, max);
    }

    /** A number as people read it: no trailing zeros, never in scientific notation. */
    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * A work order's source for a rule and what it is about, {@code <slug>:<id>}; when that would be longer than an
     * identifier may be, the id is replaced by a digest of it (the order's details keep the id itself).
     */
    static String source(String slug, String communityId, String id) {
        String source = slug + ":" + id;
        if (source.length() <= MAX_IDENTIFIER) {
            return source;
        }
        UUID digest = EventIds.of(communityId, slug, id);
        return slug + ":" + digest.toString().replace("-", "");
    }
}
