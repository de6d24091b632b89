package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.communitycarbon.model.reports.ReportSource;

/**
 * The figures of one or more communities' month, summed name by name, from the sources that every one of the
 * communities has published: a source missing for one community is missing for the sum, never counted as 0.
 */
record Figures(Set<ReportSource> sources, Map<String, BigDecimal> values) {

    static final Figures NONE = new Figures(Set.of(), Map.of());

    Figures {
        sources = sources.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(sources));
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    static Figures of(ReceivedFigures.CommunityMonth month) {
        return sum(List.of(month));
    }

    /** The sum over the communities: only the sources all of them published. */
    static Figures sum(List<ReceivedFigures.CommunityMonth> months) {
        if (months.isEmpty()) {
            return NONE;
        }
        Set<ReportSource> common = EnumSet.allOf(ReportSource.class);
        for (ReceivedFigures.CommunityMonth month : months) {
            common.retainAll(month.sources().keySet());
        }
        Map<String, BigDecimal> values = new TreeMap<>();
        for (ReceivedFigures.CommunityMonth month : months) {
            for (ReportSource source : common) {
                month.sources().get(source).values().forEach((name, value) -> values.merge(name, value, BigDecimal::add));
            }
        }
        return new Figures(common, values);
    }

    /** A figure, 0 when no source published it. */
    BigDecimal value(String name) {
        return values.getOrDefault(name, BigDecimal.ZERO);
    }

    /** The sum of the figures whose name starts with the prefix. */
    BigDecimal sumOf(String prefix) {
        return values.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
