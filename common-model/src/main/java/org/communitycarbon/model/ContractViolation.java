package org.communitycarbon.model;

/**
 * A value that breaks a contract: a missing field, an unknown unit, a number out of range. Carries
 * the name of the field so that a dead letter or an error response can say which one. The message is
 * bounded ({@value #MAX_MESSAGE} characters), whatever the input that caused it.
 */
public final class ContractViolation extends IllegalArgumentException {

    public static final int MAX_MESSAGE = 300;

    private final String field;

    public ContractViolation(String field, String problem) {
        super(Require.abbreviate(Require.abbreviate(field, 100) + ": " + problem, MAX_MESSAGE));
        this.field = Require.abbreviate(field, 100);
    }

    public String field() {
        return field;
    }
}
