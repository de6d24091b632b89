package org.communitycarbon.model.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.sensing.WasteKind;
import org.junit.jupiter.api.Test;

class MonthlyFiguresPublishedTest {

    private static MonthlyFiguresPublished event(String month, String zone, int revision, List<MonthlyFigure> figures) {
        return new MonthlyFiguresPublished(MonthlyFiguresPublished.eventIdOf(ReportSource.OPS, "maple-court", month, revision), 1,
                "maple-court", Instant.parse("2026-12-01T00:00:00Z"), ReportSource.OPS, month, zone, revision, true, figures);
    }

    private static MonthlyFigure figure(String name, String value) {
        return new MonthlyFigure(name, new BigDecimal(value), Unit.COUNT);
    }

    @Test
    void acceptsTheNamesTheCatalogueMakes() {
        List<MonthlyFigure> figures = new ArrayList<>();
        figures.add(figure(MonthlyFigureNames.WORK_ORDERS_OPENED, "12"));
        figures.add(figure(MonthlyFigureNames.wasteOf(WasteKind.RECYCLABLE), "2106.25"));
        figures.add(figure(MonthlyFigureNames.reductionOf(ReductionBehaviour.SORTED_PERISHABLE_WASTE), "0.000001"));
        event("2026-11", "Asia/Shanghai", 1, figures).validate();
        assertThat(MonthlyFigureNames.wasteOf(WasteKind.RECYCLABLE)).isEqualTo("waste.kg.recyclable");
    }

    @Test
    void namesTheFieldAtFault() {
        assertThatThrownBy(() -> event("2026-13", "Asia/Shanghai", 1, List.of()).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("month"));
        assertThatThrownBy(() -> event("2026-11", "Mars/Olympus", 1, List.of()).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("zone"));
        assertThatThrownBy(() -> event("2026-11", "UTC", 0, List.of()).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("revision"));
        assertThatThrownBy(() -> event("2026-11", "UTC", 1, List.of(figure("deposits.count", "-1"))).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("figures[0].value"));
        assertThatThrownBy(() -> event("2026-11", "UTC", 1, List.of(figure("deposits.count", "0.0000001"))).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("figures[0].value"));
        assertThatThrownBy(() -> event("2026-11", "UTC", 1, List.of(figure("Deposits", "1"))).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("figures[0].name"));
        assertThatThrownBy(() -> event("2026-11", "UTC", 1, List.of(figure("a.b", "1"), figure("a.b", "2"))).validate())
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("figures[1].name"));
    }
}
