package org.communitycarbon.recycling.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.recycling.Settlement;
import org.communitycarbon.recycling.price.PriceListView;
import org.communitycarbon.recycling.price.PriceView;
import org.junit.jupiter.api.Test;

class WeighingTest {

    private static final PriceListView PRICES = new PriceListView("maple-court", 3, null, null, null, null,
            List.of(new PriceView("PAPER", new BigDecimal("1.40"), 300), new PriceView("METAL", new BigDecimal("2.05"), 300)));

    @Test
    void paysCreditsAsWeightTimesCreditsPerKgAndNoCash() {
        Weighing weighing = Weighing.of(List.of(item("PAPER", "3.2")), Set.of("PAPER"), PRICES, Settlement.CREDITS);
        assertThat(weighing.credits()).isEqualTo(960);
        assertThat(weighing.amountCny()).isEqualByComparingTo("0");
        assertThat(weighing.priceVersion()).isEqualTo(3);
        assertThat(weighing.totalKg()).isEqualByComparingTo("3.2");
    }

    @Test
    void paysCashRoundedHalfUpToTheFenOnceOverAllItemsAndNoCredits() {
        // 0.333 × 1.40 = 0.4662, 0.777 × 2.05 = 1.59285: 2.05905 → 2.06
        Weighing weighing = Weighing.of(List.of(item("PAPER", "0.333"), item("METAL", "0.777")), Set.of("PAPER", "METAL"), PRICES,
                Settlement.CASH);
        assertThat(weighing.amountCny()).isEqualByComparingTo("2.06");
        assertThat(weighing.credits()).isZero();
    }

    @Test
    void roundsCreditsHalfUpToAWholeCredit() {
        assertThat(Weighing.of(List.of(item("PAPER", "0.001")), Set.of("PAPER"), PRICES, Settlement.CREDITS).credits()).isZero();
        assertThat(Weighing.of(List.of(item("PAPER", "0.002")), Set.of("PAPER"), PRICES, Settlement.CREDITS).credits()).isEqualTo(1);
    }

    @Test
    void refusesACategoryNotAllowedOrWeighedTwice() {
        assertThatThrownBy(() -> Weighing.of(List.of(item("METAL", "1")), Set.of("PAPER"), PRICES, Settlement.CASH))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("items[0].category"));
        assertThatThrownBy(() -> Weighing.of(List.of(item("PAPER", "1"), item("PAPER", "1")), Set.of("PAPER"), PRICES, Settlement.CASH))
                .isInstanceOfSatisfying(ContractViolation.class, e -> assertThat(e.field()).isEqualTo("items[1].category"));
    }

    private static WeighedItem item(String category, String kg) {
        return new WeighedItem(category, new BigDecimal(kg));
    }
}
