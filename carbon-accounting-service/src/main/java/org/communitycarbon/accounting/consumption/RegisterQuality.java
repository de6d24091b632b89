package org.communitycarbon.accounting.consumption;

/**
 * How a meter reading stands among its neighbours. Only {@link #OK} readings count: their delta is
 * consumption since the previous trusted reading. The others are kept and shown, never counted.
 */
public enum RegisterQuality {
    /** The device's first reading: the start of its series, no consumption yet. */
    FIRST,
    /** Consistent with the previous trusted reading: its delta is consumption. */
    OK,
    /**
     * Dropped below, or jumped beyond what the interval allows above, the previous trusted reading, and the
     * next reading continues from before it (1234.5 → 12.3 → 1235.0): a transmission or register glitch.
     */
    GLITCH,
    /**
     * The register went backwards and the readings after it continue from the new value: the meter was
     * replaced or reset. The series starts again here; the consumption across the reset is unknown.
     */
    RESET,
    /**
     * The register rose by more than the meter's maximum rate allows over the interval and the readings after
     * it continue from there. The series continues from here; the rise is not counted.
     */
    JUMP,
    /** Inconsistent with the previous trusted reading, and no later reading yet tells a glitch from a reset. */
    PENDING;

    /** Whether a later reading may take this one as the reading it is measured from. */
    boolean trusted() {
        return this == FIRST || this == OK || this == RESET || this == JUMP;
    }
}
