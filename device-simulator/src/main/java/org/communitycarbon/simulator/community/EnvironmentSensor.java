package org.communitycarbon.simulator.community;

import static org.communitycarbon.simulator.community.Profiles.bump;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.device.EnvironmentMessage;

/**
 * An environment sensor reporting temperature, relative humidity, PM2.5, CO2 and noise every minute, with the
 * charge of its battery.
 * The values follow a Yangtze-delta climate (Hangzhou: about 4 °C in January and 29 °C in July, humid,
 * PM2.5 higher in winter) with diurnal cycles, a weather component that all sensors of the community
 * share and a little local noise, and now and then a PM2.5 spike or a loud night ({@link EnvironmentEpisodes}); all of
 * it is a function of simulated time and the seed.
 */
final class EnvironmentSensor implements SimulatedDevice {

    /** Where the sensor hangs, which shapes its readings. */
    enum Placement {
        /** Outside a residential building's entrance. */
        BUILDING,
        /** The plaza: outdoor, with morning exercise and evening square dancing. */
        PLAZA,
        /** Inside the clubhouse: air-conditioned, CO2 and noise follow the visitors. */
        CLUBHOUSE
    }

    private final DeviceTopic topic;
    private final String areaId;
    private final Placement placement;
    private final double phase;
    private final ZoneId zone;
    private final long key;
    private final long weatherKey;
    private final Battery battery;
    private final EnvironmentEpisodes.Timeline episodes;

    EnvironmentSensor(String communityId, String deviceId, String areaId, Placement placement, double phase, ZoneId zone,
            long key, long weatherKey, Battery battery, EnvironmentEpisodes.Timeline episodes) {
        this.episodes = episodes;
        this.topic = new DeviceTopic(communityId, DeviceType.ENVIRONMENT_SENSOR, deviceId, DeviceMessage.READING);
        this.areaId = areaId;
        this.placement = placement;
        this.phase = phase;
        this.zone = zone;
        this.key = key;
        this.weatherKey = weatherKey;
        this.battery = battery;
    }

    @Override
    public Installation installation() {
        return new Installation(PlaceKind.COMMON_AREA, areaId, "outdoor air-quality station", areaId);
    }

    @Override
    public String deviceId() {
        return topic.deviceId();
    }

    @Override
    public DeviceType type() {
        return DeviceType.ENVIRONMENT_SENSOR;
    }

    @Override
    public double phase() {
        return phase;
    }

    @Override
    public void report(Instant simulatedAt, Instant observedAt, List<Publication> out) {
        out.add(new Publication(topic, measure(simulatedAt, observedAt)));
    }

    EnvironmentMessage measure(Instant simulatedAt, Instant observedAt) {
        LocalDateTime local = LocalDateTime.ofInstant(simulatedAt, zone);
        long epochDay = local.toLocalDate().toEpochDay();
        double hour = local.toLocalTime().toSecondOfDay() / 3600.0;
        double days = epochDay + hour / 24;
        double minutes = days * 1440;
        double dayOfYear = MeterShapes.dayOfYear(epochDay);

        double seasonalMean = 17.0 - 12.5 * Math.cos(2 * Math.PI * (dayOfYear - 20) / 365.25);
        double weatherTemperature = 3.0 * Noise.smooth(Noise.key(weatherKey, 1), days);
        double afternoon = Math.cos(2 * Math.PI * (hour - 14.5) / 24);
        double occupancy = occupancy(hour);
        double activity = Math.min(1, 0.8 * bump(hour, 8, 2) + 0.7 * bump(hour, 13, 4) + 0.9 * bump(hour, 19, 2.5));

        double temperature;
        double humidity;
        double pm25 = (35 + 17 * Math.cos(2 * Math.PI * (dayOfYear - 15) / 365.25))
                * (1 + 0.25 * bump(hour, 8, 1.5) + 0.35 * bump(hour, 20, 2) - 0.2 * bump(hour, 15, 3))
                * Math.exp(0.5 * Noise.smooth(Noise.key(weatherKey, 3), days * 2))
                * Math.exp(0.1 * Noise.smooth(Noise.key(key, 3), minutes / 10));
        double co2;
        double noise;
        double localNoise = Noise.smooth(Noise.key(key, 5), minutes / 5);
        switch (placement) {
            case CLUBHOUSE -> {
                temperature = 21 + 0.25 * (seasonalMean - 17) + 0.8 * Math.cos(2 * Math.PI * (hour - 16) / 24)
                        + 0.3 * Noise.smooth(Noise.key(key, 1), minutes / 20);
                humidity = 0.55 + 0.06 * Noise.smooth(Noise.key(weatherKey, 2), days)
                        + 0.02 * Noise.smooth(Noise.key(key, 2), minutes / 20);
                pm25 *= 0.6;
                co2 = 450 + 480 * occupancy + 25 * Noise.smooth(Noise.key(key, 4), minutes / 15);
                noise = 33 + 15 * occupancy + 1.5 * localNoise;
            }
            case PLAZA, BUILDING -> {
                temperature = seasonalMean + 3.5 * afternoon + weatherTemperature
                        + 0.4 * Noise.smooth(Noise.key(key, 1), minutes / 20);
                humidity = 0.74 - 0.13 * afternoon + 0.10 * Noise.smooth(Noise.key(weatherKey, 2), days)
                        + 0.03 * Noise.smooth(Noise.key(key, 2), minutes / 20);
                co2 = 420 + 25 * bump(hour, 8, 1.5) + 25 * bump(hour, 19, 2) + 20 * bump(hour, 4, 3)
                        + 8 * Noise.smooth(Noise.key(key, 4), minutes / 15);
                noise = placement == Placement.PLAZA
                        ? 42 + 14 * activity + 16 * bump(hour, 20, 0.8) + 8 * bump(hour, 7, 0.6) + 1.5 * localNoise
                        : 40 + 14 * activity + 1.5 * localNoise;
            }
            default -> throw new IllegalStateException("unknown placement " + placement);
        }
        if (episodes.pm25SpikeAt(simulatedAt)) {
            pm25 *= EnvironmentEpisodes.PM25_FACTOR;
        }
        if (placement != Placement.CLUBHOUSE && episodes.loudAt(simulatedAt)) {
            noise += EnvironmentEpisodes.NOISE_DB;
        }
        return new EnvironmentMessage(observedAt, areaId,
                decimal(temperature, 1),
                decimal(Math.max(0.15, Math.min(0.99, humidity)), 2),
                decimal(Math.max(1, pm25), 1),
                decimal(co2, 0),
                decimal(noise, 1),
                battery.levelAt(simulatedAt));
    }

    /** The clubhouse's visitors, 0 to 1: open 08:00-21:30, busiest mid-morning, afternoon and evening. */
    private static double occupancy(double hour) {
        double visitors = Math.min(1, 0.7 * bump(hour, 10, 1.5) + 0.8 * bump(hour, 16, 2) + bump(hour, 20, 1.2));
        return hour >= 8 && hour < 21.5 ? visitors : 0.1 * visitors;
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public String toString() {
        return "EnvironmentSensor[" + deviceId() + "]";
    }
}
