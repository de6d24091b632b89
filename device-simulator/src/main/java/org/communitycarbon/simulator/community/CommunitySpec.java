package org.communitycarbon.simulator.community;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.WasteKind;

/**
 * What community to simulate: its layout, the behaviour of its households and the faults of its devices. The
 * defaults are the reference deployment of the mission (an older community: 8 residential buildings of 48
 * households, 3 timed drop points, 2 public areas) and the figures quoted in the README, with devices that never
 * fail.
 *
 * @param communityId the community in every topic
 * @param seed makes the layout and all behaviour reproducible; mixed with the community id
 * @param zone local time of the community: load profiles, drop windows and collections follow it
 * @param buildings residential buildings {@code b01..}, at most 99
 * @param householdsPerBuilding households per building, laid out floor by floor
 * @param floorsPerBuilding floors per building; units per floor follow from the households
 * @param dropPoints timed waste-drop points {@code dp1..}; buildings are split between them in order
 * @param dropWindows daily opening windows of the drop points
 * @param collectionTimes daily times at which every bin is emptied
 * @param electricityKwhPerDay mean electricity use of a household
 * @param waterM3PerDay mean water use of a household
 * @param gasM3PerDay mean gas use of a household
 * @param pvPeakKw peak power of each building's rooftop PV installation
 * @param perishableKgPerDay mean perishable (kitchen) waste of a household
 * @param participation share of households that bring their perishable waste in a given window
 * @param sortingAccuracy mean share of deposits the bins judge correctly sorted
 * @param binCapacityKg what each kind of bin holds when full
 * @param faults low batteries, outages and broken messages; {@link DeviceFaults#NONE} by default
 * @param lightingIgnoreShare share of the lighting controllers whose relay is stuck: they acknowledge every schedule and
 *        keep the lamps on day and night (at least one when above 0); 0.1 by default
 * @param episodes PM2.5 spikes and loud nights; {@link EnvironmentEpisodes#DEFAULTS} by default
 * @param missortShare share of deposits the bins' recognition cameras see as another kind than the bin's: published
 *        with that {@code detectedKind} and {@code correctlySorted} false (sorting guidance); 0.02 by default
 * @param masterMeterLoss what each building's master meter measures beyond its households' and stairwell lighting's meters,
 *        as a share of their sum: cable and transformer losses and loads no submeter sees; its register is their sum times
 *        (1 + loss). 0.02 by default (0.01 to 0.03 is usual for a residential building's supply)
 */
public record CommunitySpec(
        String communityId,
        long seed,
        ZoneId zone,
        int buildings,
        int householdsPerBuilding,
        int floorsPerBuilding,
        int dropPoints,
        List<TimeWindow> dropWindows,
        List<LocalTime> collectionTimes,
        double electricityKwhPerDay,
        double waterM3PerDay,
        double gasM3PerDay,
        double pvPeakKw,
        double perishableKgPerDay,
        double participation,
        double sortingAccuracy,
        Map<WasteKind, Double> binCapacityKg,
        DeviceFaults faults,
        double lightingIgnoreShare,
        EnvironmentEpisodes episodes,
        double missortShare,
        double masterMeterLoss) {

    public static final String DEFAULT_COMMUNITY = "maple-court";

    public CommunitySpec {
        Require.identifier(communityId, "communityId");
        Require.present(zone, "zone");
        between(buildings, "buildings", 1, 99);
        between(householdsPerBuilding, "householdsPerBuilding", 1, 99 * 99);
        between(floorsPerBuilding, "floorsPerBuilding", 1, 99);
        between(dropPoints, "dropPoints", 1, 99);
        if (unitsPerFloor(householdsPerBuilding, floorsPerBuilding) > 99) {
            throw new IllegalArgumentException("householdsPerBuilding: at most 99 units per floor; add floors");
        }
        dropWindows = List.copyOf(dropWindows);
        List<TimeWindow> sorted = new ArrayList<>(dropWindows);
        sorted.sort((a, b) -> a.opens().compareTo(b.opens()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).opens().isBefore(sorted.get(i - 1).closes())) {
                throw new IllegalArgumentException("dropWindows: " + sorted.get(i - 1) + " and " + sorted.get(i) + " overlap");
            }
        }
        dropWindows = Collections.unmodifiableList(sorted);
        collectionTimes = collectionTimes.stream().sorted().distinct().toList();
        positive(electricityKwhPerDay, "electricityKwhPerDay");
        positive(waterM3PerDay, "waterM3PerDay");
        positive(gasM3PerDay, "gasM3PerDay");
        positive(pvPeakKw, "pvPeakKw");
        positive(perishableKgPerDay, "perishableKgPerDay");
        fraction(participation, "participation");
        fraction(sortingAccuracy, "sortingAccuracy");
        fraction(missortShare, "missortShare");
        EnumMap<WasteKind, Double> capacities = new EnumMap<>(WasteKind.class);
        capacities.putAll(defaultBinCapacities());
        capacities.putAll(binCapacityKg);
        capacities.forEach((kind, kg) -> positive(kg, "binCapacityKg." + kind.name().toLowerCase(Locale.ROOT)));
        binCapacityKg = Collections.unmodifiableMap(capacities);
        Require.present(faults, "faults");
        fraction(lightingIgnoreShare, "lightingIgnoreShare");
        Require.present(episodes, "episodes");
        fraction(masterMeterLoss, "masterMeterLoss");
    }

    /** The reference deployment. */
    public static CommunitySpec defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Units on each floor: households fill a building floor by floor, the top floor possibly part-way. */
    public int unitsPerFloor() {
        return unitsPerFloor(householdsPerBuilding, floorsPerBuilding);
    }

    private static int unitsPerFloor(int households, int floors) {
        int used = Math.min(floors, households);
        return (households + used - 1) / used;
    }

    public double binCapacityKg(WasteKind kind) {
        return binCapacityKg.get(kind);
    }

    static Map<WasteKind, Double> defaultBinCapacities() {
        return Map.of(WasteKind.PERISHABLE, 60.0, WasteKind.RECYCLABLE, 40.0, WasteKind.HAZARDOUS, 10.0,
                WasteKind.RESIDUAL, 80.0);
    }

    private static void between(int value, String field, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void positive(double value, String field) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": must be above 0, was " + value);
        }
    }

    private static void fraction(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + ": must be between 0 and 1, was " + value);
        }
    }

    /** Builds a {@link CommunitySpec}, starting from the defaults. */
    public static final class Builder {

        private String communityId = DEFAULT_COMMUNITY;
        private long seed = 42;
        private ZoneId zone = ZoneId.of("Asia/Shanghai");
        private int buildings = 8;
        private int householdsPerBuilding = 48;
        private int floorsPerBuilding = 6;
        private int dropPoints = 3;
        private List<TimeWindow> dropWindows = List.of(TimeWindow.parse("07:00-09:00"), TimeWindow.parse("18:00-20:00"));
        private List<LocalTime> collectionTimes = List.of(LocalTime.of(9, 30), LocalTime.of(20, 30));
        private double electricityKwhPerDay = 9.0;
        private double waterM3PerDay = 0.3;
        private double gasM3PerDay = 0.5;
        private double pvPeakKw = 30.0;
        private double perishableKgPerDay = 0.5;
        private double participation = 0.92;
        private double sortingAccuracy = 0.90;
        private double missortShare = 0.02;
        private final Map<WasteKind, Double> binCapacityKg = new EnumMap<>(defaultBinCapacities());
        private double lowBatteryShare = DeviceFaults.NONE.lowBatteryShare();
        private double outageShare = DeviceFaults.NONE.outageShare();
        private int outageMinutes = DeviceFaults.NONE.outageMinutes();
        private double glitchRate = DeviceFaults.NONE.glitchRate();
        private double lightingIgnoreShare = 0.1;
        private EnvironmentEpisodes episodes = EnvironmentEpisodes.DEFAULTS;
        private double masterMeterLoss = 0.02;

        private Builder() {
        }

        private Builder(CommunitySpec spec) {
            communityId = spec.communityId;
            seed = spec.seed;
            zone = spec.zone;
            buildings = spec.buildings;
            householdsPerBuilding = spec.householdsPerBuilding;
            floorsPerBuilding = spec.floorsPerBuilding;
            dropPoints = spec.dropPoints;
            dropWindows = spec.dropWindows;
            collectionTimes = spec.collectionTimes;
            electricityKwhPerDay = spec.electricityKwhPerDay;
            waterM3PerDay = spec.waterM3PerDay;
            gasM3PerDay = spec.gasM3PerDay;
            pvPeakKw = spec.pvPeakKw;
            perishableKgPerDay = spec.perishableKgPerDay;
            participation = spec.participation;
            sortingAccuracy = spec.sortingAccuracy;
            missortShare = spec.missortShare;
            binCapacityKg.putAll(spec.binCapacityKg);
            faults(spec.faults);
            lightingIgnoreShare = spec.lightingIgnoreShare;
            episodes = spec.episodes;
            masterMeterLoss = spec.masterMeterLoss;
        }

        public Builder masterMeterLoss(double masterMeterLoss) {
            this.masterMeterLoss = masterMeterLoss;
            return this;
        }

        public Builder lightingIgnoreShare(double lightingIgnoreShare) {
            this.lightingIgnoreShare = lightingIgnoreShare;
            return this;
        }

        public Builder episodes(EnvironmentEpisodes episodes) {
            this.episodes = episodes;
            return this;
        }

        public Builder communityId(String communityId) {
            this.communityId = communityId;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public Builder buildings(int buildings) {
            this.buildings = buildings;
            return this;
        }

        public Builder householdsPerBuilding(int householdsPerBuilding) {
            this.householdsPerBuilding = householdsPerBuilding;
            return this;
        }

        public Builder floorsPerBuilding(int floorsPerBuilding) {
            this.floorsPerBuilding = floorsPerBuilding;
            return this;
        }

        public Builder dropPoints(int dropPoints) {
            this.dropPoints = dropPoints;
            return this;
        }

        public Builder dropWindows(List<TimeWindow> dropWindows) {
            this.dropWindows = List.copyOf(dropWindows);
            return this;
        }

        public Builder collectionTimes(List<LocalTime> collectionTimes) {
            this.collectionTimes = List.copyOf(collectionTimes);
            return this;
        }

        public Builder electricityKwhPerDay(double electricityKwhPerDay) {
            this.electricityKwhPerDay = electricityKwhPerDay;
            return this;
        }

        public Builder waterM3PerDay(double waterM3PerDay) {
            this.waterM3PerDay = waterM3PerDay;
            return this;
        }

        public Builder gasM3PerDay(double gasM3PerDay) {
            this.gasM3PerDay = gasM3PerDay;
            return this;
        }

        public Builder pvPeakKw(double pvPeakKw) {
            this.pvPeakKw = pvPeakKw;
            return this;
        }

        public Builder perishableKgPerDay(double perishableKgPerDay) {
            this.perishableKgPerDay = perishableKgPerDay;
            return this;
        }

        public Builder participation(double participation) {
            this.participation = participation;
            return this;
        }

        public Builder sortingAccuracy(double sortingAccuracy) {
            this.sortingAccuracy = sortingAccuracy;
            return this;
        }

        public Builder missortShare(double missortShare) {
            this.missortShare = missortShare;
            return this;
        }

        public Builder binCapacityKg(WasteKind kind, double kg) {
            binCapacityKg.put(kind, kg);
            return this;
        }

        /** All fault settings at once. */
        public Builder faults(DeviceFaults faults) {
            lowBatteryShare = faults.lowBatteryShare();
            outageShare = faults.outageShare();
            outageMinutes = faults.outageMinutes();
            glitchRate = faults.glitchRate();
            return this;
        }

        public Builder lowBatteryShare(double lowBatteryShare) {
            this.lowBatteryShare = lowBatteryShare;
            return this;
        }

        public Builder outageShare(double outageShare) {
            this.outageShare = outageShare;
            return this;
        }

        public Builder outageMinutes(int outageMinutes) {
            this.outageMinutes = outageMinutes;
            return this;
        }

        public Builder glitchRate(double glitchRate) {
            this.glitchRate = glitchRate;
            return this;
        }

        public CommunitySpec build() {
            return new CommunitySpec(communityId, seed, zone, buildings, householdsPerBuilding, floorsPerBuilding,
                    dropPoints, dropWindows, collectionTimes, electricityKwhPerDay, waterM3PerDay, gasM3PerDay,
                    pvPeakKw, perishableKgPerDay, participation, sortingAccuracy, binCapacityKg,
                    new DeviceFaults(lowBatteryShare, outageShare, outageMinutes, glitchRate), lightingIgnoreShare, episodes,
                    missortShare, masterMeterLoss);
        }
    }
}
