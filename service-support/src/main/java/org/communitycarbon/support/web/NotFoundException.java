package org.communitycarbon.support.web;

/** Answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
