package org.communitycarbon.support.web;

/** One entry of a problem's {@code invalid-params}, as in RFC 9457's example. */
public record InvalidParam(String name, String reason) {
}
