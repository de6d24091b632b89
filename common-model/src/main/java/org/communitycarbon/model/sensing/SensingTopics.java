package org.communitycarbon.model.sensing;

import java.util.List;

/**
 * Topics the sensing service writes. Each carries one payload type; the record key is the device id,
 * so one device's messages stay in order on one partition.
 */
public final class SensingTopics {

    /** {@link MeterReadingReceived}: cumulative register readings of electricity, water, gas and PV meters. */
    public static final String METER_READINGS = "sensing.meter-readings";

    /** {@link WasteDeposited}: one household's drop at a sorting bin. */
    public static final String WASTE_DEPOSITS = "sensing.waste-deposits";

    /** {@link BinStatusReported}: a bin's fill level. */
    public static final String BIN_STATUSES = "sensing.bin-statuses";

    /** {@link EnvironmentObserved}: temperature, humidity, PM2.5, CO2 and noise. */
    public static final String ENVIRONMENT_OBSERVATIONS = "sensing.environment-observations";

    /**
     * MQTT messages that could not be accepted. The record value is the original payload, byte for
     * byte; the key is the MQTT topic; headers give the reason (see docs/events.md).
     */
    public static final String MQTT_DEAD_LETTERS = "sensing.mqtt-dlt";

    public static final List<String> ALL = List.of(METER_READINGS, WASTE_DEPOSITS, BIN_STATUSES,
            ENVIRONMENT_OBSERVATIONS, MQTT_DEAD_LETTERS);

    /** Header names on {@link #MQTT_DEAD_LETTERS} records. */
    public static final String HEADER_REASON = "dlt-reason";
    public static final String HEADER_FIELD = "dlt-field";
    public static final String HEADER_MQTT_TOPIC = "mqtt-topic";
    public static final String HEADER_RECEIVED_AT = "received-at";

    private SensingTopics() {
    }
}
