package org.communitycarbon.sensing.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.RegistryRules;
import org.communitycarbon.model.registry.SubsystemKind;
import org.jspecify.annotations.Nullable;

/**
 * The CSV inventory of a community: one line per building, household, common area, energy subsystem, drop
 * point or device, the {@code record} column saying which (docs/devices.md has the format). Reading it checks
 * every line against the rules, against the other lines and against what is registered, and gives either the
 * places and devices that would change — nothing for a line that states what is registered already — or every
 * bad line with its column and reason. No Spring, no database: what is registered comes in as {@link Current}.
 */
final class InventoryCsv {

    static final List<String> COLUMNS = List.of("record", "id", "name", "building", "members", "subsystem_kind",
            "device_type", "model", "location", "binding", "bound_id", "status", "installed", "retired", "replaces", "capacity_kg");

    /** A waste bin's capacity; a file without this column leaves registered capacities as they are. */
    static final String CAPACITY = "capacity_kg";

    private static final List<String> PLACE_COLUMNS = List.of("name", "building", "members", "subsystem_kind");
    private static final List<String> DEVICE_COLUMNS = List.of("device_type", "model", "location", "binding", "bound_id", "status",
            "installed", "retired", "replaces", CAPACITY);

    /** The {@code record} words, in the order changes are applied. */
    static final Map<String, @Nullable PlaceKind> RECORDS = records();

    static final String DEVICE = "device";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).setRecordSeparator('\n').get();

    private InventoryCsv() {
    }

    private static Map<String, @Nullable PlaceKind> records() {
        Map<String, @Nullable PlaceKind> records = new LinkedHashMap<>();
        records.put("building", PlaceKind.BUILDING);
        records.put("household", PlaceKind.HOUSEHOLD);
        records.put("area", PlaceKind.COMMON_AREA);
        records.put("subsystem", PlaceKind.ENERGY_SUBSYSTEM);
        records.put("drop-point", PlaceKind.DROP_POINT);
        records.put(DEVICE, null);
        return records;
    }

    static String recordOf(PlaceKind kind) {
        return RECORDS.entrySet().stream().filter(e -> e.getValue() == kind).findFirst().orElseThrow().getKey();
    }

    /** What is registered in the community. */
    record Current(Map<PlaceKind, Map<String, PlaceSpec>> places, Map<String, DeviceSpec> devices) {

        static Current of(List<Place> places, List<Device> devices) {
            Map<PlaceKind, Map<String, PlaceSpec>> byKind = new EnumMap<>(PlaceKind.class);
            for (PlaceKind kind : PlaceKind.values()) {
                byKind.put(kind, new HashMap<>());
            }
            places.forEach(p -> byKind.get(p.kind()).put(p.id(), p.spec()));
            Map<String, DeviceSpec> byId = new HashMap<>();
            devices.forEach(d -> byId.put(d.id(), d.spec()));
            return new Current(byKind, byId);
        }
    }

    /** A bad line: its number in the file (1 is the header), the column at fault, and why. */
    record LineError(long line, String column, String reason) {
    }

    /** The outcome of reading a file. */
    sealed interface Outcome permits Plan, Rejected {
    }

    /**
     * What to write, places in {@link PlaceKind} order, and per record word how many lines create, update or
     * leave unchanged a place or device ({@code updated} counts devices the file retires by replacing them).
     */
    record Plan(int lines, List<PlaceSpec> places, List<DeviceSpec> devices, Map<String, Integer> created,
            Map<String, Integer> updated, Map<String, Integer> unchanged) implements Outcome {
    }

    /** Every bad line, the first {@code maxErrors} listed. */
    record Rejected(int errorCount, List<LineError> errors) implements Outcome {
    }

    /** The file has more lines than allowed. */
    static final class TooManyLines extends RuntimeException {

        TooManyLines(int maxLines) {
            super("The inventory has more than " + maxLines + " lines; split it into several files");
        }
    }

    private record Line(long number, String record, String id, Map<String, String> values) {

        String get(String column) {
            return values.getOrDefault(column, "");
        }
    }

    private record PlaceLine(long number, PlaceSpec spec) {
    }

    private record DeviceLine(long number, DeviceSpec spec) {
    }

    /** Reads {@code text} against what is registered; throws {@link TooManyLines} beyond {@code maxLines}. */
    static Outcome read(String text, Current current, int maxLines, int maxErrors) {
        Errors errors = new Errors(maxErrors);
        List<Line> lines = new ArrayList<>();
        List<String> header = null;
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                long number = parser.getCurrentLineNumber();
                if (header == null) {
                    header = header(record, errors);
                    if (errors.count() > 0) {
                        return errors.rejected();
                    }
                    continue;
                }
                if (lines.size() >= maxLines) {
                    throw new TooManyLines(maxLines);
                }
                if (record.size() > header.size()) {
                    errors.add(number, "", "has " + record.size() + " values, the header names " + header.size() + " columns");
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    values.put(header.get(i), record.get(i));
                }
                lines.add(new Line(number, values.getOrDefault("record", "").toLowerCase(Locale.ROOT), values.getOrDefault("id", ""),
                        values));
            }
            if (header == null) {
                errors.add(1, "record", "the file is empty; its first line names the columns: " + String.join(",", COLUMNS));
                return errors.rejected();
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            errors.add(0, "", "not valid CSV: " + Require.abbreviate(String.valueOf(e.getMessage()), 200));
            return errors.rejected();
        }
        return new Reader(current, errors, lines.size(), header.contains(CAPACITY)).read(lines);
    }

    private static List<String> header(CSVRecord record, Errors errors) {
        List<String> header = new ArrayList<>();
        for (String name : record) {
            String column = name.toLowerCase(Locale.ROOT).replace("\uFEFF", "");
            if (!COLUMNS.contains(column)) {
                errors.add(1, Require.abbreviate(column, 40), "unknown column; the columns are " + String.join(",", COLUMNS));
            }
            else if (header.contains(column)) {
                errors.add(1, column, "appears twice");
            }
            header.add(column);
        }
        for (String required : List.of("record", "id")) {
            if (!header.contains(required)) {
                errors.add(1, required, "is a required column");
            }
        }
        return header;
    }

    /** Writes the community's places and devices in the format {@link #read} reads. */
    static String write(List<Place> places, List<Device> devices) {
        StringWriter out = new StringWriter(128 * (places.size() + devices.size() + 1));
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(COLUMNS);
            for (Place p : places) {
                printer.printRecord(recordOf(p.kind()), p.id(), p.name(), text(p.buildingId()), p.members() == null ? "" : p.members(),
                        p.subsystemKind() == null ? "" : p.subsystemKind().name(), "", "", "", "", "", "", "", "", "", "");
            }
            for (Device d : devices) {
                printer.printRecord(DEVICE, d.id(), "", "", "", "", d.type(), d.model(), text(d.location()), d.binding().csvName(),
                        d.boundId(), d.status().name(), d.installedOn(), d.retiredOn() == null ? "" : d.retiredOn(), text(d.replaces()),
                        d.capacityKg() == null ? "" : d.capacityKg().stripTrailingZeros().toPlainString());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** The bad lines, all counted; the answer lists the first {@code max} by line number. */
    private static final class Errors {

        private final int max;
        private final List<LineError> all = new ArrayList<>();

        Errors(int max) {
            this.max = max;
        }

        void add(long line, String column, String reason) {
            all.add(new LineError(line, column, reason));
        }

        int count() {
            return all.size();
        }

        Rejected rejected() {
            List<LineError> sorted = new ArrayList<>(all);
            sorted.sort(java.util.Comparator.comparingLong(LineError::line));
            return new Rejected(all.size(), List.copyOf(sorted.subList(0, Math.min(max, sorted.size()))));
        }
    }

    /** One read: checks each line alone, then against the others and what is registered. */
    private static final class Reader {

        private final Current current;
        private final Errors errors;
        private final int lineCount;
        /** Ids the file names, per kind of place, even on lines that are otherwise bad (to avoid follow-on errors). */
        private final Map<PlaceKind, Map<String, Long>> placeIds = new EnumMap<>(PlaceKind.class);
        private final Map<String, Long> deviceIds = new HashMap<>();
        private final List<PlaceLine> places = new ArrayList<>();
        private final List<DeviceLine> devices = new ArrayList<>();
        private final Map<String, DeviceSpec> fileDevices = new HashMap<>();
        /** Whether the file has the capacity column: without it, a registered device keeps its capacity. */
        private final boolean statesCapacity;

        Reader(Current current, Errors errors, int lineCount, boolean statesCapacity) {
            this.current = current;
            this.errors = errors;
            this.lineCount = lineCount;
            this.statesCapacity = statesCapacity;
            for (PlaceKind kind : PlaceKind.values()) {
                placeIds.put(kind, new HashMap<>());
            }
        }

        Outcome read(List<Line> lines) {
            for (Line line : lines) {
                readAlone(line);
            }
            for (PlaceLine place : places) {
                checkBuilding(place);
            }
            Map<String, DeviceSpec> retirements = new LinkedHashMap<>();
            Map<String, String> replacedBy = new HashMap<>();
            current.devices().values().stream().filter(d -> d.replaces() != null)
                    .forEach(d -> replacedBy.put(Objects.requireNonNull(d.replaces()), d.id()));
            for (DeviceLine device : devices) {
                checkDevice(device, retirements, replacedBy);
            }
            if (errors.count() > 0) {
                return errors.rejected();
            }
            return plan(retirements);
        }

        private void readAlone(Line line) {
            if (!RECORDS.containsKey(line.record())) {
                errors.add(line.number(), "record", "must be one of " + String.join(", ", RECORDS.keySet()) + ", was '"
                        + Require.abbreviate(line.record(), 40) + "'");
                return;
            }
            if (!Require.isIdentifier(line.id())) {
                errors.add(line.number(), "id", line.id().isEmpty() ? "is required"
                        : "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
                return;
            }
            PlaceKind kind = RECORDS.get(line.record());
            Map<String, Long> ids = kind == null ? deviceIds : placeIds.get(kind);
            Long first = ids.putIfAbsent(line.id(), line.number());
            if (first != null) {
                errors.add(line.number(), "id", line.record() + " " + line.id() + " appears already on line " + first);
                return;
            }
            int before = errors.count();
            for (String column : kind == null ? PLACE_COLUMNS : DEVICE_COLUMNS) {
                if (!line.get(column).isEmpty()) {
                    errors.add(line.number(), column, kind == null ? "is for place lines, not device lines" : "is for device lines only");
                }
            }
            if (kind == null) {
                DeviceSpec spec = device(line);
                if (spec != null && errors.count() == before) {
                    devices.add(new DeviceLine(line.number(), spec));
                    fileDevices.put(spec.id(), spec);
                }
            }
            else {
                PlaceSpec spec = place(kind, line);
                if (spec != null && errors.count() == before) {
                    places.add(new PlaceLine(line.number(), spec));
                }
            }
        }

        private @Nullable PlaceSpec place(PlaceKind kind, Line line) {
            String name = check(line, "name", v -> RegistryRules.name(v, "name"));
            String building = line.get("building");
            if (kind == PlaceKind.BUILDING && !building.isEmpty()) {
                errors.add(line.number(), "building", "must be empty on a building line");
            }
            else if (kind == PlaceKind.HOUSEHOLD || !building.isEmpty()) {
                check(line, "building", v -> Require.identifier(v.isEmpty() ? null : v, "building"));
            }
            Integer members = null;
            String membersText = line.get("members");
            if (kind == PlaceKind.HOUSEHOLD) {
                members = wholeNumber(membersText);
                if (members == null || members < 1 || members > RegistryRules.MAX_MEMBERS) {
                    errors.add(line.number(), "members", "must be a whole number from 1 to " + RegistryRules.MAX_MEMBERS + ", was '"
                            + Require.abbreviate(membersText, 20) + "'");
                }
            }
            else if (!membersText.isEmpty()) {
                errors.add(line.number(), "members", "is for household lines only");
            }
            SubsystemKind subsystemKind = null;
            String kindText = line.get("subsystem_kind");
            if (kind == PlaceKind.ENERGY_SUBSYSTEM) {
                subsystemKind = oneOf(line, "subsystem_kind", SubsystemKind.class);
            }
            else if (!kindText.isEmpty()) {
                errors.add(line.number(), "subsystem_kind", "is for subsystem lines only");
            }
            // the file does not state a building's supply: a line keeps what the registry has, and cannot move a supply away
            PlaceSpec registered = current.places().get(kind).get(line.id());
            boolean supply = registered != null && registered.buildingSupply();
            if (supply && !building.equals(registered.buildingId())) {
                errors.add(line.number(), "building", recordOf(kind) + " " + line.id() + " is the supply of building "
                        + registered.buildingId() + " (its meter is the master meter); unmark it through the registry API"
                        + " (buildingSupply false) before moving it");
            }
            return name == null ? null
                    : new PlaceSpec(kind, line.id(), name, building.isEmpty() ? null : building, members, subsystemKind, supply);
        }

        private @Nullable DeviceSpec device(Line line) {
            String type = check(line, "device_type", v -> RegistryRules.deviceType(v.isEmpty() ? null : v, "device_type").slug());
            String model = check(line, "model", v -> RegistryRules.model(v.isEmpty() ? null : v, "model"));
            String location = line.get("location").isEmpty() ? null
                    : check(line, "location", v -> RegistryRules.location(v, "location"));
            Binding binding = null;
            String bindingText = line.get("binding").toLowerCase(Locale.ROOT);
            for (Binding candidate : Binding.values()) {
                if (candidate.csvName().equals(bindingText)) {
                    binding = candidate;
                }
            }
            if (binding == null) {
                errors.add(line.number(), "binding", "must be one of household, area, subsystem, drop-point, was '"
                        + Require.abbreviate(bindingText, 40) + "'");
            }
            String boundId = check(line, "bound_id", v -> Require.identifier(v.isEmpty() ? null : v, "bound_id"));
            DeviceStatus status = line.get("status").isEmpty() ? DeviceStatus.ACTIVE : oneOf(line, "status", DeviceStatus.class);
            LocalDate installed = date(line, "installed", true);
            LocalDate retired = date(line, "retired", status == DeviceStatus.RETIRED);
            if (status == DeviceStatus.ACTIVE && !line.get("retired").isEmpty()) {
                errors.add(line.number(), "retired", "must be empty unless status is RETIRED");
            }
            if (installed != null && retired != null && retired.isBefore(installed)) {
                errors.add(line.number(), "retired", "must not be before installed " + installed + ", was " + retired);
            }
            String replaces = line.get("replaces").isEmpty() ? null
                    : check(line, "replaces", v -> Require.identifier(v, "replaces"));
            if (line.id().equals(replaces)) {
                errors.add(line.number(), "replaces", "a device cannot replace itself");
            }
            BigDecimal capacity = null;
            if (!statesCapacity) {
                DeviceSpec registered = current.devices().get(line.id());
                capacity = registered == null ? null : registered.capacityKg();
            }
            else if (!line.get(CAPACITY).isEmpty() && type != null) {
                capacity = check(line, CAPACITY, v -> RegistryRules.capacityKg(type, decimal(v), CAPACITY));
            }
            if (type == null || model == null || binding == null || boundId == null || status == null || installed == null) {
                return null;
            }
            return new DeviceSpec(line.id(), type, model, location, binding, boundId, status, installed,
                    status == DeviceStatus.RETIRED ? retired : null, replaces, capacity);
        }

        private void checkBuilding(PlaceLine place) {
            String building = place.spec().buildingId();
            if (building != null && !placeIds.get(PlaceKind.BUILDING).containsKey(building)
                    && !current.places().get(PlaceKind.BUILDING).containsKey(building)) {
                errors.add(place.number(), "building", "no building " + building + " in the community or in this file");
            }
        }

        private void checkDevice(DeviceLine line, Map<String, DeviceSpec> retirements, Map<String, String> replacedBy) {
            DeviceSpec spec = line.spec();
            PlaceKind boundKind = spec.binding().placeKind();
            if (!placeIds.get(boundKind).containsKey(spec.boundId()) && !current.places().get(boundKind).containsKey(spec.boundId())) {
                errors.add(line.number(), "bound_id", "no " + spec.binding().csvName() + " " + spec.boundId()
                        + " in the community or in this file");
            }
            DeviceSpec registered = current.devices().get(spec.id());
            if (registered != null) {
                if (!registered.type().equals(spec.type())) {
                    errors.add(line.number(), "device_type", "device " + spec.id() + " is registered as " + registered.type()
                            + "; a device's type does not change");
                }
                if (registered.status() == DeviceStatus.RETIRED && spec.status() == DeviceStatus.ACTIVE) {
                    errors.add(line.number(), "status", "device " + spec.id() + " was retired on " + registered.retiredOn()
                            + "; retiring is final");
                }
                if (registered.replaces() != null && !registered.replaces().equals(spec.replaces())) {
                    errors.add(line.number(), "replaces", "device " + spec.id() + " replaced " + registered.replaces()
                            + "; that does not change");
                }
            }
            String replaced = spec.replaces();
            if (replaced == null || replaced.equals(registered == null ? null : registered.replaces())) {
                return;
            }
            DeviceSpec old = fileDevices.containsKey(replaced) ? fileDevices.get(replaced) : current.devices().get(replaced);
            if (old == null) {
                if (!deviceIds.containsKey(replaced)) {
                    errors.add(line.number(), "replaces", "no device " + replaced + " in the community or in this file");
                }
                return;
            }
            String other = replacedBy.putIfAbsent(replaced, spec.id());
            if (other != null && !other.equals(spec.id())) {
                errors.add(line.number(), "replaces", "device " + replaced + " is replaced by " + other + " already");
                return;
            }
            if (!old.type().equals(spec.type())) {
                errors.add(line.number(), "replaces", "device " + replaced + " is a " + old.type() + ", not a " + spec.type());
            }
            else if (old.binding() != spec.binding() || !old.boundId().equals(spec.boundId())) {
                errors.add(line.number(), "replaces", "device " + replaced + " serves " + old.binding().csvName() + " " + old.boundId()
                        + "; its replacement must serve the same place");
            }
            else if (fileDevices.containsKey(replaced)) {
                if (old.status() == DeviceStatus.ACTIVE) {
                    errors.add(line.number(), "replaces", "device " + replaced + " stays ACTIVE in this file; a replaced device is "
                            + "RETIRED (or leave it out and it is retired on the replacement's installed day)");
                }
            }
            else if (old.status() == DeviceStatus.ACTIVE) {
                if (spec.installedOn().isBefore(old.installedOn())) {
                    errors.add(line.number(), "installed", "must not be before " + replaced + " was installed, " + old.installedOn());
                }
                else {
                    retirements.put(replaced, old.retired(spec.installedOn()));
                }
            }
        }

        private Plan plan(Map<String, DeviceSpec> retirements) {
            Map<String, Integer> created = counts();
            Map<String, Integer> updated = counts();
            Map<String, Integer> unchanged = counts();
            List<PlaceSpec> changedPlaces = new ArrayList<>();
            for (PlaceKind kind : PlaceKind.values()) {
                for (PlaceLine line : places) {
                    if (line.spec().kind() != kind) {
                        continue;
                    }
                    PlaceSpec registered = current.places().get(kind).get(line.spec().id());
                    String record = recordOf(kind);
                    tally(registered, line.spec(), record, created, updated, unchanged);
                    if (!line.spec().equals(registered)) {
                        changedPlaces.add(line.spec());
                    }
                }
            }
            List<DeviceSpec> changedDevices = new ArrayList<>();
            for (DeviceLine line : devices) {
                DeviceSpec registered = current.devices().get(line.spec().id());
                tally(registered, line.spec(), DEVICE, created, updated, unchanged);
                if (!line.spec().equals(registered)) {
                    changedDevices.add(line.spec());
                }
            }
            changedDevices.addAll(retirements.values());
            updated.merge(DEVICE, retirements.size(), Integer::sum);
            return new Plan(lineCount, changedPlaces, changedDevices, created, updated, unchanged);
        }

        private static <T> void tally(@Nullable T registered, T spec, String record, Map<String, Integer> created,
                Map<String, Integer> updated, Map<String, Integer> unchanged) {
            Map<String, Integer> counter = registered == null ? created : registered.equals(spec) ? unchanged : updated;
            counter.merge(record, 1, Integer::sum);
        }

        private static Map<String, Integer> counts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            RECORDS.keySet().forEach(record -> counts.put(record, 0));
            return counts;
        }

        /** The checked value, or null after recording the column's error. */
        private <T> @Nullable T check(Line line, String column, Function<String, T> rule) {
            try {
                return rule.apply(line.get(column));
            }
            catch (ContractViolation e) {
                String message = e.getMessage();
                String prefix = column + ": ";
                errors.add(line.number(), column, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
                return null;
            }
        }

        private <E extends Enum<E>> @Nullable E oneOf(Line line, String column, Class<E> type) {
            String value = line.get(column);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            errors.add(line.number(), column, "must be one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ", was '"
                    + Require.abbreviate(value, 40) + "'");
            return null;
        }

        private @Nullable LocalDate date(Line line, String column, boolean required) {
            String value = line.get(column);
            if (value.isEmpty()) {
                if (required) {
                    errors.add(line.number(), column, "is required: a date such as 2026-11-22");
                }
                return null;
            }
            try {
                return LocalDate.parse(value);
            }
            catch (DateTimeParseException e) {
                errors.add(line.number(), column, "must be a date such as 2026-11-22, was '" + Require.abbreviate(value, 40) + "'");
                return null;
            }
        }

        /** A decimal number as written in the file; anything else is refused naming the column. */
        private static BigDecimal decimal(String text) {
            if (text.length() > 40) {
                throw new ContractViolation(CAPACITY, "must be a number of kg such as 60 or 12.5, was '" + Require.abbreviate(text, 20) + "'");
            }
            try {
                return new BigDecimal(text);
            }
            catch (NumberFormatException e) {
                throw new ContractViolation(CAPACITY, "must be a number of kg such as 60 or 12.5, was '" + Require.abbreviate(text, 20) + "'");
            }
        }

        private static @Nullable Integer wholeNumber(String text) {
            if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
                return null;
            }
            return Integer.valueOf(text);
        }
    }
}
