package org.communitycarbon.sensing.commands;

/** Why a command was sent: its policy was set, or a controller was added, or came back after a command expired. */
public enum CommandCause {
    POLICY_SET, DEVICE_ADDED, DEVICE_BACK
}
