package org.communitycarbon.ops.monitoring;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.EnvironmentMeasure;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.BulkFetch;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the sensing service's environment observations and meter readings for {@link EnvironmentMonitor} and {@link EnergyMonitor}. */
@Component
class SensingListener {

    private final InboundEvents inbound;
    private final EnvironmentMonitor environment;
    private final EnergyMonitor energy;

    SensingListener(InboundEvents inbound, EnvironmentMonitor environment, EnergyMonitor energy) {
        this.inbound = inbound;
        this.environment = environment;
        this.energy = energy;
    }

    @KafkaListener(topics = SensingTopics.ENVIRONMENT_OBSERVATIONS)
    void onEnvironment(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, EnvironmentObserved.class, SensingListener::check, environment::record);
    }

    @KafkaListener(topics = SensingTopics.METER_READINGS, properties = { BulkFetch.MIN_BYTES, BulkFetch.MAX_WAIT })
    void onMeterReading(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, MeterReadingReceived.class, SensingListener::check, energy::record);
    }

    /** What monitoring uses of an observation: its area (or device) and the measures, in their units and ranges. */
    static void check(EnvironmentObserved observation) {
        Require.readable(observation.eventId(), observation.communityId(), observation.occurredAt());
        Require.identifier(observation.deviceId(), "deviceId");
        Require.optionalIdentifier(observation.areaId(), "areaId");
        EnvironmentMeasure.TEMPERATURE.check(observation.temperature(), "temperature");
        EnvironmentMeasure.RELATIVE_HUMIDITY.check(observation.relativeHumidity(), "relativeHumidity");
        EnvironmentMeasure.PM25.check(observation.pm25(), "pm25");
        EnvironmentMeasure.CO2.check(observation.co2(), "co2");
        EnvironmentMeasure.NOISE_LEVEL.check(observation.noiseLevel(), "noiseLevel");
        scale(observation.temperature(), "temperature");
        scale(observation.relativeHumidity(), "relativeHumidity");
        scale(observation.pm25(), "pm25");
        scale(observation.co2(), "co2");
        scale(observation.noiseLevel(), "noiseLevel");
    }

    /** What energy monitoring uses of a reading: device, type, household or area, and a register it can store. */
    static void check(MeterReadingReceived reading) {
        Require.readable(reading.eventId(), reading.communityId(), reading.occurredAt());
        Require.identifier(reading.deviceId(), "deviceId");
        Require.present(reading.meterType(), "meterType");
        Require.optionalIdentifier(reading.householdId(), "householdId");
        Require.optionalIdentifier(reading.areaId(), "areaId");
        Require.present(reading.register(), "register");
        if (reading.areaId() != null) {
            Require.unit(reading.register(), "register", reading.meterType().registerUnit());
            MeterReadingReceived.checkRegister(reading.register().value(), "register.value");
        }
    }

    /** Values are stored at four decimal places. */
    private static void scale(org.communitycarbon.model.@org.jspecify.annotations.Nullable Quantity quantity, String field) {
        if (quantity != null && quantity.value().scale() > 4) {
            throw new ContractViolation(field + ".value", "must have at most 4 decimal places");
        }
    }
}
