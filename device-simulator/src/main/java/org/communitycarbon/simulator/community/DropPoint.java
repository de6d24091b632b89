package org.communitycarbon.simulator.community;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.CumulativeSeries.DayShape;
import org.communitycarbon.simulator.community.WasteSchedule.Opening;

/**
 * A timed waste-drop point with one sorting bin per waste kind, serving the households of its nearest
 * buildings. When a drop window opens it plans the window's deposits:
 * <ul>
 * <li>perishable waste: each household comes with probability {@code participation} (92 %, the Hangzhou
 * Yuhang figure) and brings all the kitchen waste it produced since its last deposit (0.5 kg a day on
 * average, mostly from dinner, so about four fifths arrive in the evening window);</li>
 * <li>residual waste in 30 % of windows (about 0.7 kg), recyclables in 6 % (about 1.5 kg), hazardous
 * waste in 0.4 % (about 0.2 kg);</li>
 * <li>each deposit is correctly sorted with the household's own accuracy (90 % on average), and the bin's
 * camera recognises it as the bin's kind; a wrongly sorted one the camera cannot name (no {@code detectedKind});</li>
 * <li>a share {@code missortShare} of deposits (2 %) the camera recognises as another kind, chosen at random:
 * wrongly sorted, with the kind it belongs to. These draws come from their own random stream, keyed by household
 * and time, so the other draws stay as they were.</li>
 * </ul>
 * Arrival times within the window are triangular, peaking 40 % into it, and end three minutes before it
 * closes, so that a bin reporting once a minute publishes every deposit while the window is open.
 */
final class DropPoint {

    static final double RESIDUAL_CHANCE = 0.30;
    static final double RECYCLABLE_CHANCE = 0.06;
    static final double HAZARDOUS_CHANCE = 0.004;

    private final String id;
    private final CommunitySpec spec;
    private final WasteSchedule schedule;
    private final long key;
    private final List<Household> households;
    private final CumulativeSeries[] kitchenWaste;
    private final Instant[] lastPerishableDeposit;
    private final Map<WasteKind, SortingBin> bins = new EnumMap<>(WasteKind.class);
    private Instant planFrom;

    /**
     * @param phases one report phase per bin, in {@link WasteKind} order
     * @param batteries has a battery for each bin
     * @param simulatedStart the bins start with what was deposited since the last collection before it
     */
    DropPoint(CommunitySpec spec, String id, List<Household> households, WasteSchedule schedule, long key,
            double[] phases, Batteries batteries, Instant simulatedStart) {
        this.id = id;
        this.spec = spec;
        this.schedule = schedule;
        this.key = key;
        this.households = List.copyOf(households);
        Instant lastCollection = schedule.lastCollection(simulatedStart);
        Instant from = lastCollection != null ? lastCollection : simulatedStart;
        this.planFrom = from;
        this.kitchenWaste = new CumulativeSeries[households.size()];
        this.lastPerishableDeposit = new Instant[households.size()];
        long firstDay = from.atZone(spec.zone()).toLocalDate().toEpochDay() - 2;
        for (int i = 0; i < households.size(); i++) {
            Household household = households.get(i);
            long householdKey = Noise.key(key, household.id());
            kitchenWaste[i] = new CumulativeSeries(spec.zone(), firstDay,
                    kitchenWaste(spec.perishableKgPerDay() * household.wasteFactor(), householdKey));
            lastPerishableDeposit[i] = from.minus(Duration.ofMinutes(90));
        }
        for (WasteKind kind : WasteKind.values()) {
            bins.put(kind, new SortingBin(spec.communityId(), this, kind, spec.binCapacityKg(kind),
                    phases[kind.ordinal()], schedule, batteries.of(SortingBin.deviceId(id, kind)), from));
        }
        // Deposits between the last collection and the start are already in the bins, unannounced.
        bins.values().forEach(bin -> bin.advance(simulatedStart, null, null));
    }

    String id() {
        return id;
    }

    List<SortingBin> bins() {
        return List.copyOf(bins.values());
    }

    /** Plans every drop window that opens at or before {@code instant} and has not been planned yet. */
    void planUpTo(Instant instant) {
        while (true) {
            Opening opening = schedule.nextOpening(planFrom);
            if (opening == null || opening.opens().isAfter(instant)) {
                return;
            }
            plan(opening);
            planFrom = opening.closes();
        }
    }

    private void plan(Opening opening) {
        SplittableRandom random = new SplittableRandom(Noise.key(key, opening.opens().getEpochSecond()));
        Duration length = Duration.between(opening.opens(), opening.closes());
        long spanNanos = length.minusMinutes(3).toNanos();
        List<PlannedDeposit> planned = new ArrayList<>();
        for (int i = 0; i < households.size(); i++) {
            Household household = households.get(i);
            Instant at = opening.opens().plusNanos((long) (triangular(random, 0.4) * spanNanos));
            if (random.nextDouble() < spec.participation()) {
                double produced = kitchenWaste[i].valueAt(at) - kitchenWaste[i].valueAt(lastPerishableDeposit[i]);
                if (add(planned, random, at, household, WasteKind.PERISHABLE, produced)) {
                    lastPerishableDeposit[i] = at;
                }
            }
            if (random.nextDouble() < RESIDUAL_CHANCE) {
                add(planned, random, at.plusSeconds(20), household, WasteKind.RESIDUAL, 0.7 * logNormal(random, 0.5));
            }
            if (random.nextDouble() < RECYCLABLE_CHANCE) {
                add(planned, random, at.plusSeconds(40), household, WasteKind.RECYCLABLE, 1.5 * logNormal(random, 0.6));
            }
            if (random.nextDouble() < HAZARDOUS_CHANCE) {
                add(planned, random, at.plusSeconds(60), household, WasteKind.HAZARDOUS, 0.2 * logNormal(random, 0.5));
            }
        }
        planned.sort(Comparator.comparing(PlannedDeposit::at).thenComparing(PlannedDeposit::householdId));
        planned.forEach(deposit -> bins.get(deposit.kind()).enqueue(deposit));
    }

    private boolean add(List<PlannedDeposit> planned, SplittableRandom random, Instant at, Household household,
            WasteKind kind, double kilograms) {
        BigDecimal weight = BigDecimal.valueOf(Math.min(kilograms, 99.99)).setScale(2, RoundingMode.HALF_UP);
        if (weight.signum() <= 0) {
            return false;
        }
        boolean correct = random.nextDouble() < household.sortingAccuracy();
        SplittableRandom camera = new SplittableRandom(Noise.key(Noise.key(key, household.id()), at.toEpochMilli(), kind.ordinal()));
        if (camera.nextDouble() < spec.missortShare()) {
            WasteKind[] kinds = WasteKind.values();
            WasteKind other = kinds[(kind.ordinal() + 1 + camera.nextInt(kinds.length - 1)) % kinds.length];
            planned.add(new PlannedDeposit(at, household.id(), kind, weight, false, other));
        }
        else {
            planned.add(new PlannedDeposit(at, household.id(), kind, weight, correct, correct ? kind : null));
        }
        return true;
    }

    /** A triangular variate on [0, 1] with its mode at {@code mode}. */
    private static double triangular(SplittableRandom random, double mode) {
        double u = random.nextDouble();
        return u < mode ? Math.sqrt(u * mode) : 1 - Math.sqrt((1 - u) * (1 - mode));
    }

    /** A log-normal factor with mean 1. */
    private static double logNormal(SplittableRandom random, double sigma) {
        return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    /** Kitchen waste produced by a household: the daily amount varies by ±20 %, spread over the meals. */
    private static DayShape kitchenWaste(double kilogramsPerDay, long householdKey) {
        return MeterShapes.consumption(kilogramsPerDay, Profiles.KITCHEN_WASTE, dayOfYear -> 1, 0.2, 0.3, householdKey);
    }
}
