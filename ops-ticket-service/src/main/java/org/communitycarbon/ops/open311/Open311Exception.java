package org.communitycarbon.ops.open311;

/** An Open311 error: answered as {@code [{"code": <status>, "description": "..."}]} (or its XML). */
final class Open311Exception extends RuntimeException {

    final int code;

    Open311Exception(int code, String description) {
        super(description);
        this.code = code;
    }
}
