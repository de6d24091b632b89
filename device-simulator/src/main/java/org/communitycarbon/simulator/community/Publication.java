package org.communitycarbon.simulator.community;

import org.communitycarbon.model.device.DeviceTopic;

/**
 * A message a device publishes: the topic and one of the device API payload records
 * ({@code MeterReadingMessage}, {@code WasteDepositMessage}, {@code BinStatusMessage},
 * {@code EnvironmentMessage}).
 */
public record Publication(DeviceTopic topic, Record payload) {
}
