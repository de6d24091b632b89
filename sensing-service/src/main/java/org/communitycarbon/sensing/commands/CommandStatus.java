package org.communitycarbon.sensing.commands;

/**
 * Where a command stands: {@code PENDING} (written, not yet published), {@code SENT} (the broker took it), then one
 * of {@code ACKNOWLEDGED} (the device accepted it), {@code FAILED} (the device rejected it) or {@code EXPIRED} (no
 * acknowledgement before its timeout).
 */
public enum CommandStatus {
    PENDING, SENT, ACKNOWLEDGED, FAILED, EXPIRED
}
