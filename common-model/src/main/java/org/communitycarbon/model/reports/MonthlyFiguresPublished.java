package org.communitycarbon.model.reports;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;

/**
 * One service's figures of one community for one calendar month in the community's time zone. A service publishes
 * the running month as it goes ({@code complete} false) and the month once more after it ended ({@code complete}
 * true); each publication with different figures is a new {@code revision}, so a reader keeps the highest revision of
 * each (community, month, source) and a late correction replaces what it corrects.
 *
 * @param occurredAt when the figures were counted
 * @param source the service that counted them
 * @param month the month, {@code 2026-11}
 * @param zone the community's time zone the month was cut in
 * @param revision 1 for the first publication of this month by this source, then 2, 3…
 * @param complete whether the month had ended when the figures were counted
 * @param figures each figure once; counts and totals, never rates (see {@link MonthlyFigureNames})
 */
public record MonthlyFiguresPublished(
        UUID eventId,
        int schemaVersion,
        String communityId,
        Instant occurredAt,
        ReportSource source,
        String month,
        String zone,
        int revision,
        boolean complete,
        List<MonthlyFigure> figures) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Most figures in one publication. */
    public static final int MAX_FIGURES = 100;

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,31}(\\.[A-Za-z0-9_]{1,40}){1,2}");
    private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");

    /** One event per revision of a source's month of a community. */
    public static UUID eventIdOf(ReportSource source, String communityId, String month, int revision) {
        return EventIds.of("monthly-figures", source.name(), communityId, month, Integer.toString(revision));
    }

    /** The month as a value; call after {@link #validate()} or on events that passed it. */
    public YearMonth yearMonth() {
        return YearMonth.parse(month);
    }

    @Override
    public void validate() {
        Require.envelope(eventId, schemaVersion, SCHEMA_VERSION, communityId, occurredAt);
        Require.present(source, "source");
        Require.present(month, "month");
        try {
            YearMonth parsed = YearMonth.parse(month);
            if (parsed.getYear() < 2000 || parsed.getYear() > 2999) {
                throw new ContractViolation("month", "must be a month between 2000-01 and 2999-12, was " + month);
            }
        }
        catch (DateTimeParseException e) {
            throw new ContractViolation("month", "must be a month like 2026-11, was " + Require.abbreviate(month, 20));
        }
        Require.present(zone, "zone");
        try {
            ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            throw new ContractViolation("zone", "must be a time zone like Asia/Shanghai, was " + Require.abbreviate(zone, 40));
        }
        if (revision < 1 || revision > 1_000_000) {
            throw new ContractViolation("revision", "must be between 1 and 1000000, was " + revision);
        }
        Require.present(figures, "figures");
        if (figures.size() > MAX_FIGURES) {
            throw new ContractViolation("figures", "must hold at most " + MAX_FIGURES + " figures, held " + figures.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < figures.size(); i++) {
            String at = "figures[" + i + "]";
            MonthlyFigure figure = Require.present(figures.get(i), at);
            String name = Require.present(figure.name(), at + ".name");
            if (!NAME.matcher(name).matches()) {
                throw new ContractViolation(at + ".name", "must be a figure name like deposits.count, was "
                        + Require.abbreviate(name, 80));
            }
            if (!names.add(name)) {
                throw new ContractViolation(at + ".name", "figure " + name + " appears twice");
            }
            BigDecimal value = Require.decimal(figure.value(), at + ".value", BigDecimal.ZERO, MAX_VALUE, 6);
            if (value.compareTo(figure.value()) != 0) {
                throw new ContractViolation(at + ".value", "must have at most 6 decimal places, was " + Require.show(figure.value()));
            }
            Require.present(figure.unit(), at + ".unit");
        }
    }
}
