package org.communitycarbon.support.web;

/** The request is valid but clashes with the current state; answered as 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
