package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.EnvironmentSensor.Placement;

/**
 * The simulated community and all its devices, laid out from a {@link CommunitySpec}:
 * <ul>
 * <li>buildings {@code b01..}, each with households {@code b01-0101..} (floor, unit) and per household an
 * electricity, a water and a gas meter ({@code em-b01-0101}, {@code wm-…}, {@code gm-…});</li>
 * <li>per building a rooftop PV generation meter {@code pv-b01} (area {@code roof-b01}) and an
 * environment sensor {@code env-b01} (area {@code b01});</li>
 * <li>two public areas, {@code plaza} and {@code clubhouse}, each with an electricity meter
 * ({@code em-plaza}) and an environment sensor ({@code env-plaza});</li>
 * <li>drop points {@code dp1..}, each with four sorting bins ({@code bin-dp1-perishable}, …); the
 * buildings are split between them in order, each going to its nearest;</li>
 * <li>the energy subsystems (lighting, lifts, pumps) with their controllers and meters, and per building a master meter
 * on its incoming supply {@code em-supply-b01} (area {@code supply-b01}, see {@link MasterMeter}).</li>
 * </ul>
 * The bins and the environment sensors run on batteries, some of which may start low; some devices may have an
 * outage planned within the first simulated day (see {@link DeviceFaults}). The same spec (seed included) and start
 * always give the same community.
 */
public final class Community {

    /** The public areas of the reference deployment. */
    public static final List<String> PUBLIC_AREAS = List.of("plaza", "clubhouse");

    private static final double PLAZA_KWH_PER_DAY = 45;
    private static final double CLUBHOUSE_KWH_PER_DAY = 160;
    /** The community's path and street lighting, and each building's stairwell and lobby lighting, at full power. */
    private static final double PATH_LIGHTING_KW = 12;
    private static final double STAIRWELL_LIGHTING_KW = 1.2;
    /** The lifts of a building a day, and the water pumps of the community. */
    private static final double LIFT_KWH_PER_BUILDING_DAY = 10;
    private static final double PUMP_KWH_PER_DAY = 60;
    /** Lifts: the morning and evening rush, quiet at night. */
    private static final double[] LIFTS = {
        0.10, 0.05, 0.05, 0.05, 0.05, 0.15, 0.60, 1.60, 1.80, 0.90, 0.60, 0.70,
        0.90, 0.70, 0.50, 0.50, 0.70, 1.20, 1.80, 1.70, 1.20, 0.80, 0.40, 0.20 };

    private final CommunitySpec spec;
    private final WasteSchedule schedule;
    private final List<Household> households;
    private final List<SimulatedDevice> devices;
    private final List<String> lowBatteryDevices;
    private final List<PlannedOutage> plannedOutages;
    private final List<LightingCircuit> lighting;
    private final List<PumpStation> pumps;
    private final List<Inventory.Place> subsystems;
    private final List<MasterMeter> masterMeters;

    private Community(CommunitySpec spec, WasteSchedule schedule, List<Household> households, List<SimulatedDevice> devices,
            List<String> lowBatteryDevices, List<PlannedOutage> plannedOutages, List<LightingCircuit> lighting, List<PumpStation> pumps,
            List<Inventory.Place> subsystems, List<MasterMeter> masterMeters) {
        this.masterMeters = List.copyOf(masterMeters);
        this.lighting = List.copyOf(lighting);
        this.pumps = List.copyOf(pumps);
        this.subsystems = List.copyOf(subsystems);
        this.spec = spec;
        this.schedule = schedule;
        this.households = List.copyOf(households);
        this.devices = List.copyOf(devices);
        this.lowBatteryDevices = List.copyOf(lowBatteryDevices);
        this.plannedOutages = List.copyOf(plannedOutages);
    }

    /**
     * Lays out the community. The bins start with the waste deposited between the last collection and
     * {@code simulatedStart}; the meters with the registers they would show at that instant; the batteries with
     * the levels drawn for that instant.
     */
    public static Community create(CommunitySpec spec, Instant simulatedStart) {
        String communityId = spec.communityId();
        long communityKey = Noise.key(spec.seed(), communityId);
        long weatherKey = Noise.key(communityKey, "weather");
        SplittableRandom layout = new SplittableRandom(communityKey);
        WasteSchedule schedule = WasteSchedule.of(spec);
        Batteries batteries = Batteries.draw(batteryPowered(spec), spec.faults().lowBatteryShare(), communityKey, simulatedStart);
        EnvironmentEpisodes.Timeline episodes = spec.episodes().timeline(Noise.key(communityKey, "episodes"), spec.zone(), simulatedStart);

        int unitsPerFloor = spec.unitsPerFloor();
        List<Household> households = new ArrayList<>();
        List<SimulatedDevice> householdMeters = new ArrayList<>();
        List<SimulatedDevice> buildingDevices = new ArrayList<>();
        for (int building = 1; building <= spec.buildings(); building++) {
            String buildingId = Household.buildingId(building);
            String dropPointId = "dp" + ((building - 1) * spec.dropPoints() / spec.buildings() + 1);
            for (int index = 0; index < spec.householdsPerBuilding(); index++) {
                Household household = household(spec, layout, building, index / unitsPerFloor + 1,
                        index % unitsPerFloor + 1, dropPointId);
                households.add(household);
                householdMeters.addAll(householdMeters(spec, communityKey, layout, household));
            }
            String pvId = "pv-" + buildingId;
            buildingDevices.add(new Meter(communityId, DeviceType.PV_METER, pvId, null, "roof-" + buildingId,
                    layout.nextDouble(), new CumulativeSeries(spec.zone(), installedBetween(layout, 2021, 2023),
                            MeterShapes.photovoltaic(spec.pvPeakKw(), Noise.key(communityKey, pvId), weatherKey))));
        }
        for (int building = 1; building <= spec.buildings(); building++) {
            String buildingId = Household.buildingId(building);
            buildingDevices.add(environmentSensor(spec, communityKey, weatherKey, layout, batteries, episodes, "env-" + buildingId,
                    "lobby-" + buildingId, Placement.BUILDING));
        }

        List<SimulatedDevice> publicDevices = new ArrayList<>();
        publicDevices.add(new Meter(communityId, DeviceType.ELECTRICITY_METER, "em-plaza", null, "plaza", layout.nextDouble(),
                new CumulativeSeries(spec.zone(), installedBetween(layout, 2012, 2020),
                        MeterShapes.consumption(PLAZA_KWH_PER_DAY, Profiles.PLAZA_ELECTRICITY,
                                dayOfYear -> Profiles.seasonal(dayOfYear, 0.15, 355), 0.05, 0.1,
                                Noise.key(communityKey, "em-plaza")))));
        publicDevices.add(new Meter(communityId, DeviceType.ELECTRICITY_METER, "em-clubhouse", null, "clubhouse",
                layout.nextDouble(), new CumulativeSeries(spec.zone(), installedBetween(layout, 2012, 2020),
                        MeterShapes.clubhouse(CLUBHOUSE_KWH_PER_DAY, Noise.key(communityKey, "em-clubhouse")))));
        publicDevices.add(environmentSensor(spec, communityKey, weatherKey, layout, batteries, episodes, "env-plaza", "plaza",
                Placement.PLAZA));
        publicDevices.add(environmentSensor(spec, communityKey, weatherKey, layout, batteries, episodes, "env-clubhouse", "clubhouse",
                Placement.CLUBHOUSE));

        List<SimulatedDevice> bins = new ArrayList<>();
        for (int number = 1; number <= spec.dropPoints(); number++) {
            String dropPointId = "dp" + number;
            double[] phases = new double[WasteKind.values().length];
            for (int i = 0; i < phases.length; i++) {
                phases[i] = layout.nextDouble();
            }
            List<Household> served = households.stream().filter(h -> h.dropPointId().equals(dropPointId)).toList();
            DropPoint dropPoint = new DropPoint(spec, dropPointId, served, schedule, Noise.key(communityKey, dropPointId),
                    phases, batteries, simulatedStart);
            bins.addAll(dropPoint.bins());
        }

        // the energy subsystems draw from their own stream, so the devices above are laid out as they always were
        SplittableRandom subsystemLayout = new SplittableRandom(Noise.key(communityKey, "subsystems"));
        List<Inventory.Place> subsystems = new ArrayList<>();
        List<LightingCircuit> lighting = new ArrayList<>();
        List<String> lightingIds = new ArrayList<>(List.of("paths"));
        for (int building = 1; building <= spec.buildings(); building++) {
            lightingIds.add(Household.buildingId(building));
        }
        List<String> stuck = Noise.choose(lightingIds, spec.lightingIgnoreShare(), Noise.key(communityKey, "stuck-relays"));
        for (String id : lightingIds) {
            boolean paths = id.equals("paths");
            subsystems.add(Inventory.Place.subsystem("lighting-" + id, paths ? "Path and street lighting" : "Stairwell lighting of building "
                    + Integer.parseInt(id.substring(1)), SubsystemKind.LIGHTING, paths ? null : id));
            lighting.add(new LightingCircuit(communityId, "lighting-" + id, "lc-" + id, "em-lighting-" + id,
                    paths ? PATH_LIGHTING_KW : STAIRWELL_LIGHTING_KW, stuck.contains(id), spec.zone().getId(), subsystemLayout.nextDouble(),
                    subsystemLayout.nextDouble(), 2_000 + 20_000 * subsystemLayout.nextDouble()));
        }
        subsystems.add(Inventory.Place.subsystem("lifts", "Lifts", SubsystemKind.LIFT, null));
        double liftKwhPerDay = LIFT_KWH_PER_BUILDING_DAY * spec.buildings();
        double liftWeights = java.util.Arrays.stream(LIFTS).sum();
        ZoneId zone = spec.zone();
        LightingCircuit.SubsystemMeter lifts = new LightingCircuit.SubsystemMeter(communityId, "em-lifts", "lifts",
                subsystemLayout.nextDouble(), 10_000 + 50_000 * subsystemLayout.nextDouble(),
                at -> liftKwhPerDay * LIFTS[at.atZone(zone).getHour()] / liftWeights);
        subsystems.add(Inventory.Place.subsystem("pumps", "Water pumps", SubsystemKind.WATER_PUMP, null));
        PumpStation pumpStation = new PumpStation(communityId, "pumps", "pc-pumps", "em-pumps", PUMP_KWH_PER_DAY, zone,
                subsystemLayout.nextDouble(), subsystemLayout.nextDouble(), 10_000 + 50_000 * subsystemLayout.nextDouble());
        List<SimulatedDevice> subsystemDevices = new ArrayList<>();
        for (LightingCircuit circuit : lighting) {
            subsystemDevices.add(circuit.controller());
            subsystemDevices.add(circuit.meter());
        }
        subsystemDevices.add(lifts);
        subsystemDevices.add(pumpStation.controller());
        subsystemDevices.add(pumpStation.meter());

        // each building's master meter measures its households' and its stairwell lighting's meters, and the losses
        List<MasterMeter> masterMeters = new ArrayList<>();
        for (int building = 1; building <= spec.buildings(); building++) {
            String buildingId = Household.buildingId(building);
            masterMeters.add(masterMeter(spec, buildingId, households, householdMeters, lighting));
        }

        List<SimulatedDevice> devices = new ArrayList<>(householdMeters);
        devices.addAll(buildingDevices);
        devices.addAll(publicDevices);
        devices.addAll(bins);
        devices.addAll(subsystemDevices);
        devices.addAll(masterMeters);
        List<PlannedOutage> outages = PlannedOutage.draw(devices, spec.faults(), Noise.key(communityKey, "outages"),
                simulatedStart);
        return new Community(spec, schedule, households, devices, batteries.low(), outages, lighting, List.of(pumpStation), subsystems,
                masterMeters);
    }

    /**
     * A building's master meter, reporting at its households' mean phase weighted by their use (so that its readings and
     * theirs cover nearly the same time, even over a short run); it draws nothing from the layout's random stream.
     */
    private static MasterMeter masterMeter(CommunitySpec spec, String buildingId, List<Household> households,
            List<SimulatedDevice> householdMeters, List<LightingCircuit> lighting) {
        List<Meter> meters = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        for (SimulatedDevice device : householdMeters) {
            if (device instanceof Meter meter && device.type() == DeviceType.ELECTRICITY_METER && meter.householdId() != null
                    && meter.householdId().startsWith(buildingId + "-")) {
                double weight = households.stream().filter(h -> h.id().equals(meter.householdId())).findFirst()
                        .map(Household::electricityFactor).orElse(1.0);
                meters.add(meter);
                weighted += weight * meter.phase();
                weights += weight;
            }
        }
        LightingCircuit.SubsystemMeter stairwells = lighting.stream().filter(c -> c.subsystemId().equals("lighting-" + buildingId))
                .findFirst().map(LightingCircuit::subsystemMeter).orElse(null);
        return new MasterMeter(spec.communityId(), buildingId, spec.masterMeterLoss(), meters, stairwells,
                weights > 0 ? weighted / weights : 0.5);
    }

    /** The devices that run on batteries: every environment sensor and every sorting bin, in layout order. */
    private static List<String> batteryPowered(CommunitySpec spec) {
        List<String> ids = new ArrayList<>();
        for (int building = 1; building <= spec.buildings(); building++) {
            ids.add("env-" + Household.buildingId(building));
        }
        PUBLIC_AREAS.forEach(area -> ids.add("env-" + area));
        for (int number = 1; number <= spec.dropPoints(); number++) {
            for (WasteKind kind : WasteKind.values()) {
                ids.add(SortingBin.deviceId("dp" + number, kind));
            }
        }
        return ids;
    }

    private static Household household(CommunitySpec spec, SplittableRandom layout, int building, int floor, int unit,
            String dropPointId) {
        double size = logNormal(layout, 0.3);
        double accuracy = Math.max(0, Math.min(1, spec.sortingAccuracy() + 0.06 * layout.nextGaussian()));
        return new Household(Household.id(building, floor, unit), Household.buildingId(building), floor, unit, dropPointId,
                size * logNormal(layout, 0.2), size * logNormal(layout, 0.25), size * logNormal(layout, 0.25),
                Math.sqrt(size) * logNormal(layout, 0.25), accuracy);
    }

    private static List<SimulatedDevice> householdMeters(CommunitySpec spec, long communityKey, SplittableRandom layout,
            Household household) {
        String communityId = spec.communityId();
        String electricity = "em-" + household.id();
        String water = "wm-" + household.id();
        String gas = "gm-" + household.id();
        return List.of(
                new Meter(communityId, DeviceType.ELECTRICITY_METER, electricity, household.id(), null, layout.nextDouble(),
                        new CumulativeSeries(spec.zone(), installedBetween(layout, 2012, 2021),
                                MeterShapes.consumption(spec.electricityKwhPerDay() * household.electricityFactor(),
                                        Profiles.HOUSEHOLD_ELECTRICITY, dayOfYear -> Profiles.twiceYearly(dayOfYear, 0.18, 20),
                                        0.15, 0.5, Noise.key(communityKey, electricity)))),
                new Meter(communityId, DeviceType.WATER_METER, water, household.id(), null, layout.nextDouble(),
                        new CumulativeSeries(spec.zone(), installedBetween(layout, 2012, 2021),
                                MeterShapes.consumption(spec.waterM3PerDay() * household.waterFactor(),
                                        Profiles.HOUSEHOLD_WATER, dayOfYear -> Profiles.seasonal(dayOfYear, 0.12, 200),
                                        0.2, 0.6, Noise.key(communityKey, water)))),
                new Meter(communityId, DeviceType.GAS_METER, gas, household.id(), null, layout.nextDouble(),
                        new CumulativeSeries(spec.zone(), installedBetween(layout, 2012, 2021),
                                MeterShapes.consumption(spec.gasM3PerDay() * household.gasFactor(),
                                        Profiles.HOUSEHOLD_GAS, dayOfYear -> Profiles.seasonal(dayOfYear, 0.3, 15),
                                        0.15, 0.6, Noise.key(communityKey, gas)))));
    }

    private static EnvironmentSensor environmentSensor(CommunitySpec spec, long communityKey, long weatherKey,
            SplittableRandom layout, Batteries batteries, EnvironmentEpisodes.Timeline episodes, String deviceId, String areaId,
            Placement placement) {
        return new EnvironmentSensor(spec.communityId(), deviceId, areaId, placement, layout.nextDouble(), spec.zone(),
                Noise.key(communityKey, deviceId), weatherKey, batteries.of(deviceId), episodes);
    }

    /** A meter's installation day, uniform over the given years: its register counts from zero since then. */
    private static long installedBetween(SplittableRandom layout, int firstYear, int lastYear) {
        long first = LocalDate.of(firstYear, 1, 1).toEpochDay();
        long last = LocalDate.of(lastYear, 12, 31).toEpochDay();
        return first + layout.nextLong(last - first + 1);
    }

    private static double logNormal(SplittableRandom random, double sigma) {
        return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    public CommunitySpec spec() {
        return spec;
    }

    public WasteSchedule schedule() {
        return schedule;
    }

    public List<Household> households() {
        return households;
    }

    /** The lighting subsystems: paths, then each building's stairwells. */
    public List<LightingCircuit> lighting() {
        return lighting;
    }

    /** The water pumps. */
    public List<PumpStation> pumps() {
        return pumps;
    }

    /** The energy subsystems, as the registry holds them: lighting, lifts, pumps. */
    public List<Inventory.Place> subsystems() {
        return subsystems;
    }

    /** The devices that take commands: lighting and pump controllers. */
    public List<Controller> controllers() {
        List<Controller> controllers = new ArrayList<>();
        lighting.forEach(circuit -> controllers.add(circuit.controller()));
        pumps.forEach(station -> controllers.add(station.controller()));
        return controllers;
    }

    /**
     * The buildings' master meters ({@code em-supply-b01} …, bound to the common areas {@code supply-b01} …), in building
     * order: what the platform is told to compare with each building's meters.
     */
    public List<MasterMeter> masterMeters() {
        return masterMeters;
    }

    /**
     * Every device, household meters first, then buildings', public areas', bins, the energy subsystems', and the buildings'
     * master meters last.
     */
    public List<SimulatedDevice> devices() {
        return devices;
    }

    /** The residential buildings, {@code b01..}. */
    public List<String> buildingIds() {
        return households.stream().map(Household::buildingId).distinct().toList();
    }

    /** The devices whose battery started below 0.15, in layout order. */
    public List<String> lowBatteryDevices() {
        return lowBatteryDevices;
    }

    /** The outages the seed plans within the first simulated day; none unless {@link DeviceFaults#outageShare()} is set. */
    public List<PlannedOutage> plannedOutages() {
        return plannedOutages;
    }

    public Optional<SimulatedDevice> device(String deviceId) {
        return devices.stream().filter(device -> device.deviceId().equals(deviceId)).findFirst();
    }

    /** How many devices of each type, in {@link DeviceType} order. */
    public Map<DeviceType, Integer> devicesByType() {
        Map<DeviceType, Integer> counts = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            counts.put(type, 0);
        }
        devices.forEach(device -> counts.merge(device.type(), 1, Integer::sum));
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
