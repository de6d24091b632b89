package org.communitycarbon.simulator;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.CommunitySpec;
import org.communitycarbon.simulator.community.DeviceFaults;
import org.communitycarbon.simulator.community.TimeWindow;
import org.jspecify.annotations.Nullable;

/**
 * How to run the simulator: where to publish, how fast, and which community (see {@link CommunitySpec}
 * for the layout and behaviour and their defaults). Build one with {@link #builder()}.
 *
 * @param mqttUrl the broker, e.g. {@code tcp://localhost:1883}
 * @param username for brokers that require authentication; null for none
 * @param password goes with {@code username}; never printed
 * @param speed how many times faster than real time the simulated clock runs; at speed {@code s} a
 *        simulated minute passes in {@code 60/s} real seconds and every device reports once per simulated
 *        minute
 * @param simulatedStart where the simulated clock starts; null for the real current time
 * @param maxInFlight how many publishes may await their acknowledgement at once; lowered to the broker's
 *        Receive Maximum if that is smaller
 * @param community the simulated community, with the faults of its devices ({@link CommunitySpec#faults()})
 * @param registryUrl where to register the community's devices before they speak — the platform's gateway, e.g.
 *        {@code http://localhost:8080} — or null to leave registration to someone else (the local run does it)
 * @param registryToken a bearer token that may register the community (an admin's); needed with a registry URL
 * @param controllerAccounts device accounts of controllers, by device id: a controller with one hears its commands with
 *        its own login; the others share one connection with the simulator's account (a gateway account may subscribe to
 *        its community's command topics). Filled by {@code --registry}; in-process, from the platform's mqtt-accounts API.
 */
public record SimulatorOptions(
        String mqttUrl,
        @Nullable String username,
        @Nullable String password,
        double speed,
        @Nullable Instant simulatedStart,
        int maxInFlight,
        CommunitySpec community,
        @Nullable String registryUrl,
        @Nullable String registryToken,
        Map<String, Registration.MqttAccount> controllerAccounts) {

    public static final String DEFAULT_MQTT_URL = "tcp://localhost:1883";

    public SimulatorOptions {
        if (mqttUrl.isBlank()) {
            throw new IllegalArgumentException("mqttUrl: must not be blank");
        }
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed: must be above 0 and at most 100000, was " + speed);
        }
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalArgumentException("maxInFlight: must be between 1 and 65535, was " + maxInFlight);
        }
        username = username == null || username.isBlank() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
        registryUrl = registryUrl == null || registryUrl.isBlank() ? null : registryUrl;
        registryToken = registryToken == null || registryToken.isBlank() ? null : registryToken;
        controllerAccounts = Map.copyOf(controllerAccounts);
        if (registryUrl != null && registryToken == null) {
            throw new IllegalArgumentException("registryToken: needed to register at " + registryUrl);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String communityId() {
        return community.communityId();
    }

    public long seed() {
        return community.seed();
    }

    public int buildings() {
        return community.buildings();
    }

    public int householdsPerBuilding() {
        return community.householdsPerBuilding();
    }

    /** Like the record's, but without the password. */
    @Override
    public String toString() {
        return "SimulatorOptions[mqttUrl=" + mqttUrl + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", speed=" + speed + ", simulatedStart=" + simulatedStart + ", maxInFlight=" + maxInFlight
                + ", community=" + community + ", registryUrl=" + registryUrl + ", registryToken="
                + (registryToken == null ? null : "***") + "]";
    }

    /** Builds {@link SimulatorOptions}, starting from the defaults. */
    public static final class Builder {

        private String mqttUrl = DEFAULT_MQTT_URL;
        private @Nullable String username;
        private @Nullable String password;
        private double speed = 1;
        private @Nullable Instant simulatedStart;
        private int maxInFlight = 10;
        private @Nullable String registryUrl;
        private @Nullable String registryToken;
        private Map<String, Registration.MqttAccount> controllerAccounts = Map.of();
        private final CommunitySpec.Builder community;

        private Builder() {
            community = CommunitySpec.builder();
        }

        private Builder(SimulatorOptions options) {
            mqttUrl = options.mqttUrl;
            username = options.username;
            password = options.password;
            speed = options.speed;
            simulatedStart = options.simulatedStart;
            maxInFlight = options.maxInFlight;
            registryUrl = options.registryUrl;
            registryToken = options.registryToken;
            controllerAccounts = options.controllerAccounts;
            community = options.community.toBuilder();
        }

        /** Device accounts of controllers, by device id (see {@link SimulatorOptions#controllerAccounts()}). */
        public Builder controllerAccounts(Map<String, Registration.MqttAccount> controllerAccounts) {
            this.controllerAccounts = Map.copyOf(controllerAccounts);
            return this;
        }

        public Builder mqttUrl(String mqttUrl) {
            this.mqttUrl = mqttUrl;
            return this;
        }

        public Builder username(@Nullable String username) {
            this.username = username;
            return this;
        }

        public Builder password(@Nullable String password) {
            this.password = password;
            return this;
        }

        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        public Builder simulatedStart(@Nullable Instant simulatedStart) {
            this.simulatedStart = simulatedStart;
            return this;
        }

        public Builder registryUrl(@Nullable String registryUrl) {
            this.registryUrl = registryUrl;
            return this;
        }

        public Builder registryToken(@Nullable String registryToken) {
            this.registryToken = registryToken;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder communityId(String communityId) {
            community.communityId(communityId);
            return this;
        }

        public Builder seed(long seed) {
            community.seed(seed);
            return this;
        }

        public Builder zone(ZoneId zone) {
            community.zone(zone);
            return this;
        }

        public Builder buildings(int buildings) {
            community.buildings(buildings);
            return this;
        }

        public Builder householdsPerBuilding(int householdsPerBuilding) {
            community.householdsPerBuilding(householdsPerBuilding);
            return this;
        }

        public Builder floorsPerBuilding(int floorsPerBuilding) {
            community.floorsPerBuilding(floorsPerBuilding);
            return this;
        }

        public Builder dropPoints(int dropPoints) {
            community.dropPoints(dropPoints);
            return this;
        }

        public Builder dropWindows(List<TimeWindow> dropWindows) {
            community.dropWindows(dropWindows);
            return this;
        }

        public Builder collectionTimes(List<LocalTime> collectionTimes) {
            community.collectionTimes(collectionTimes);
            return this;
        }

        public Builder participation(double participation) {
            community.participation(participation);
            return this;
        }

        public Builder sortingAccuracy(double sortingAccuracy) {
            community.sortingAccuracy(sortingAccuracy);
            return this;
        }

        public Builder missortShare(double missortShare) {
            community.missortShare(missortShare);
            return this;
        }

        public Builder binCapacityKg(WasteKind kind, double kg) {
            community.binCapacityKg(kind, kg);
            return this;
        }

        /** Share of the bins and environment sensors whose battery starts low (see {@link DeviceFaults}). */
        public Builder lowBatteryShare(double lowBatteryShare) {
            community.lowBatteryShare(lowBatteryShare);
            return this;
        }

        /** Share of the devices that lose power once within the first simulated day. */
        public Builder outageShare(double outageShare) {
            community.outageShare(outageShare);
            return this;
        }

        /** How long those outages last, in simulated minutes. */
        public Builder outageMinutes(int outageMinutes) {
            community.outageMinutes(outageMinutes);
            return this;
        }

        /** Share of the messages sent broken. */
        public Builder glitchRate(double glitchRate) {
            community.glitchRate(glitchRate);
            return this;
        }

        /** Adjusts the community spec in place, for the settings without a shortcut here. */
        public Builder community(Consumer<CommunitySpec.Builder> adjustment) {
            adjustment.accept(community);
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(mqttUrl, username, password, speed, simulatedStart, maxInFlight, community.build(),
                    registryUrl, registryToken, controllerAccounts);
        }
    }
}
