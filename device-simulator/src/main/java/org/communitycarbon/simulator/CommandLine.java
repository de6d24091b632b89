package org.communitycarbon.simulator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.EnvironmentEpisodes;
import org.communitycarbon.simulator.community.TimeWindow;

/**
 * Turns {@code --name=value} arguments and environment variables into {@link SimulatorOptions}. An
 * argument wins over its environment variable; both are optional.
 */
final class CommandLine {

    /** The outcome: options to run with, or a request for the usage text. */
    record Parsed(SimulatorOptions options, boolean help) {
    }

    private record Option(String flag, String environment, String example, String description,
            BiConsumer<SimulatorOptions.Builder, String> apply) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("mqtt", "MQTT_URL", "tcp://localhost:1883", "the MQTT broker",
                    SimulatorOptions.Builder::mqttUrl),
            new Option("username", "MQTT_USERNAME", "", "user name, for brokers that require one",
                    SimulatorOptions.Builder::username),
            new Option("password", "MQTT_PASSWORD", "", "password for that user",
                    SimulatorOptions.Builder::password),
            new Option("community", "SIMULATOR_COMMUNITY", "maple-court", "community id in every topic",
                    SimulatorOptions.Builder::communityId),
            new Option("speed", "SIMULATOR_SPEED", "1", "simulated time runs this many times faster than real time",
                    (builder, value) -> builder.speed(number(value))),
            new Option("buildings", "SIMULATOR_BUILDINGS", "8", "residential buildings b01..",
                    (builder, value) -> builder.buildings(integer(value))),
            new Option("households-per-building", "SIMULATOR_HOUSEHOLDS_PER_BUILDING", "48", "households in each building",
                    (builder, value) -> builder.householdsPerBuilding(integer(value))),
            new Option("floors", "SIMULATOR_FLOORS", "6", "floors per building",
                    (builder, value) -> builder.floorsPerBuilding(integer(value))),
            new Option("drop-points", "SIMULATOR_DROP_POINTS", "3", "timed waste-drop points dp1..",
                    (builder, value) -> builder.dropPoints(integer(value))),
            new Option("seed", "SIMULATOR_SEED", "42", "makes the community and its behaviour reproducible",
                    (builder, value) -> builder.seed(wholeNumber(value))),
            new Option("zone", "SIMULATOR_ZONE", "Asia/Shanghai", "the community's time zone",
                    (builder, value) -> builder.zone(zone(value))),
            new Option("drop-windows", "SIMULATOR_DROP_WINDOWS", "07:00-09:00,18:00-20:00", "when the drop points open",
                    (builder, value) -> builder.dropWindows(list(value).stream().map(CommandLine::window).toList())),
            new Option("collections", "SIMULATOR_COLLECTIONS", "09:30,20:30", "when the bins are emptied",
                    (builder, value) -> builder.collectionTimes(list(value).stream().map(CommandLine::time).toList())),
            new Option("participation", "SIMULATOR_PARTICIPATION", "0.92", "share of households bringing perishable waste per window",
                    (builder, value) -> builder.participation(number(value))),
            new Option("sorting-accuracy", "SIMULATOR_SORTING_ACCURACY", "0.90", "mean share of correctly sorted deposits",
                    (builder, value) -> builder.sortingAccuracy(number(value))),
            new Option("missort-share", "SIMULATOR_MISSORT_SHARE", "0.02",
                    "share of deposits the bins' cameras recognise as another kind (a notice to the household)",
                    (builder, value) -> builder.missortShare(number(value))),
            binCapacity(WasteKind.PERISHABLE, "60"),
            binCapacity(WasteKind.RECYCLABLE, "40"),
            binCapacity(WasteKind.HAZARDOUS, "10"),
            binCapacity(WasteKind.RESIDUAL, "80"),
            new Option("start", "SIMULATOR_START", "2026-06-01T17:55",
                    "where the simulated clock starts (local date-time in the zone, or an ISO instant); default now",
                    (builder, value) -> {
                        // Applied last, in the zone of the other options.
                    }),
            new Option("low-battery-share", "SIMULATOR_LOW_BATTERY_SHARE", "0.1",
                    "share of the bins and environment sensors whose battery starts low, below 0.15; default 0",
                    (builder, value) -> builder.lowBatteryShare(share(value))),
            new Option("outage-share", "SIMULATOR_OUTAGE_SHARE", "0.05",
                    "share of the devices that lose power once within the first simulated day; default 0",
                    (builder, value) -> builder.outageShare(share(value))),
            new Option("outage-minutes", "SIMULATOR_OUTAGE_MINUTES", "60", "how long each of those outages lasts, in simulated minutes",
                    (builder, value) -> builder.outageMinutes(minutes(value))),
            new Option("glitch-rate", "SIMULATOR_GLITCH_RATE", "0.01",
                    "share of the messages sent broken, as faulty firmware would; default 0",
                    (builder, value) -> builder.glitchRate(share(value))),
            new Option("lighting-ignore-share", "SIMULATOR_LIGHTING_IGNORE_SHARE", "0.1",
                    "share of the lighting controllers with a stuck relay: they acknowledge schedules but keep the lamps on; default 0.1",
                    (builder, value) -> builder.community(community -> community.lightingIgnoreShare(share(value)))),
            new Option("master-meter-loss", "SIMULATOR_MASTER_METER_LOSS", "0.02",
                    "what each building's master meter measures beyond its households' and stairwell lighting's meters, as a share "
                            + "of their sum (losses, unmetered loads); default 0.02",
                    (builder, value) -> builder.community(community -> community.masterMeterLoss(share(value)))),
            new Option("pm25-spike-chance", "SIMULATOR_PM25_SPIKE_CHANCE", "0.5",
                    "probability of a PM2.5 spike on a simulated day (the first 20 simulated minutes after the start); default 0.5",
                    (builder, value) -> builder.community(community -> community.episodes(new EnvironmentEpisodes(share(value),
                            community.build().episodes().noisyNightChance())))),
            new Option("noisy-night-chance", "SIMULATOR_NOISY_NIGHT_CHANCE", "0.3",
                    "probability of a loud night (the first 60 simulated minutes after the start); default 0.3",
                    (builder, value) -> builder.community(community -> community.episodes(new EnvironmentEpisodes(
                            community.build().episodes().pm25SpikeChance(), share(value))))),
            new Option("max-in-flight", "SIMULATOR_MAX_IN_FLIGHT", "10", "publishes awaiting acknowledgement at once",
                    (builder, value) -> builder.maxInFlight(integer(value))),
            new Option("registry", "SIMULATOR_REGISTRY_URL", "http://localhost:8080",
                    "register the community's devices at this gateway before they speak (only registered devices do)",
                    SimulatorOptions.Builder::registryUrl),
            new Option("registry-token", "SIMULATOR_REGISTRY_TOKEN", "eyJ...", "an admin's bearer token for registering",
                    SimulatorOptions.Builder::registryToken));

    private CommandLine() {
    }

    private static Option binCapacity(WasteKind kind, String kilograms) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return new Option(name + "-bin-kg", "SIMULATOR_" + kind.name() + "_BIN_KG", kilograms,
                "capacity of a " + name + " bin in kg",
                (builder, value) -> builder.binCapacityKg(kind, number(value)));
    }

    /**
     * @throws IllegalArgumentException naming the argument or variable at fault
     */
    static Parsed parse(String[] args, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Option option : OPTIONS) {
            String value = environment.get(option.environment());
            if (value != null) {
                values.put(option.flag(), value);
            }
        }
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; options are --name=value");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals >= 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            }
            else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                name = arg.substring(2);
                value = args[++i];
            }
            else {
                throw new IllegalArgumentException("--" + arg.substring(2) + " needs a value: --" + arg.substring(2) + "=...");
            }
            if (OPTIONS.stream().noneMatch(option -> option.flag().equals(name))) {
                throw new IllegalArgumentException("unknown option --" + name + "; see --help");
            }
            values.put(name, value);
        }

        SimulatorOptions.Builder builder = SimulatorOptions.builder();
        for (Option option : OPTIONS) {
            String value = values.get(option.flag());
            if (value == null || value.isBlank() && !option.flag().equals("password")) {
                continue;
            }
            try {
                option.apply().accept(builder, value.trim());
            }
            catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException("--" + option.flag() + " (" + option.environment() + "): " + e.getMessage(), e);
            }
        }
        SimulatorOptions options;
        try {
            options = builder.build();
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid options: " + e.getMessage(), e);
        }
        String start = values.get("start");
        if (start != null && !start.isBlank()) {
            try {
                options = options.toBuilder().simulatedStart(start(start.trim(), options.community().zone())).build();
            }
            catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--start (SIMULATOR_START): expected e.g. 2026-06-01T17:55 or "
                        + "2026-06-01T09:55:00Z, was '" + start + "'", e);
            }
        }
        return new Parsed(options, help);
    }

    /** The usage text for {@code --help}. */
    static String usage() {
        int width = OPTIONS.stream().mapToInt(option -> option.flag().length() + option.example().length()).max().orElse(40) + 6;
        String lines = OPTIONS.stream()
                .map(option -> String.format(Locale.ROOT, "  %-" + width + "s %s (env %s)",
                        "--" + option.flag() + "=" + option.example(), option.description(), option.environment()))
                .collect(Collectors.joining(System.lineSeparator()));
        return String.join(System.lineSeparator(),
                "Usage: java -jar device-simulator-exec.jar [--name=value ...]",
                "Simulates a residential community publishing meter, bin and environment readings over MQTT.",
                "",
                lines,
                "  --help" + " ".repeat(Math.max(1, width - 5)) + "prints this text");
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }

    /** A share, from 0 to 1. */
    private static double share(String value) {
        double share = number(value);
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share is between 0 and 1 (0.05 for 5 %), was " + value);
        }
        return share;
    }

    private static int minutes(String value) {
        int minutes = integer(value);
        if (minutes < 1) {
            throw new IllegalArgumentException("must be at least 1 minute, was " + value);
        }
        return minutes;
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static long wholeNumber(String value) {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        }
        catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + value + "'");
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static TimeWindow window(String value) {
        try {
            return TimeWindow.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a drop window is HH:mm-HH:mm, was '" + value + "'");
        }
    }

    private static LocalTime time(String value) {
        try {
            return LocalTime.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a collection time is HH:mm, was '" + value + "'");
        }
    }

    private static Instant start(String value, ZoneId zone) {
        if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(value).toInstant();
        }
        return LocalDateTime.parse(value).atZone(zone).toInstant();
    }
}
