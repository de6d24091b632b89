package org.communitycarbon.model;

/**
 * A value that breaks a contract: a missing field, an unknown unit, a number out of range. Carries
 * the name of the field so that a dead letter or an error response can say which one.
 */
public final class ContractViolation extends IllegalArgumentException {

    private final String field;

    public ContractViolation(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
