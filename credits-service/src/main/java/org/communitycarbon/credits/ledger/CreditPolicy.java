package org.communitycarbon.credits.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a reduction becomes credits: whole credits, one per {@code gramsPerCredit} grams of CO2e, rounded
 * half up. The Hubei and Wuhan programmes use 1 g per credit.
 */
@ConfigurationProperties("credits")
public record CreditPolicy(@DefaultValue("1") BigDecimal gramsPerCredit) {

    private static final BigDecimal GRAMS_PER_KG = new BigDecimal(1000);

    public CreditPolicy {
        if (gramsPerCredit.signum() <= 0) {
            throw new IllegalArgumentException("credits.grams-per-credit must be positive");
        }
    }

    public long creditsFor(Quantity reduction) {
        if (reduction.unit() != Unit.KG_CO2E) {
            throw new IllegalArgumentException("a reduction is in KG_CO2E, not " + reduction.unit());
        }
        return reduction.value().multiply(GRAMS_PER_KG).divide(gramsPerCredit, 0, RoundingMode.HALF_UP).longValueExact();
    }
}
