package org.communitycarbon.accounting.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;

import org.communitycarbon.model.sensing.MeterType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The methodologies as shipped in carbon-accounting-service.yml. */
class ShippedMethodologiesTest {

    private final AccountingSettings settings = load();

    @Test
    void reproducesTheWuhanPilotFactorsExactly() {
        Methodology wuhan = settings.methodologies().get("wuhan-pilot");

        assertThat(wuhan.sortedPerishableWasteKgCo2ePerKg()).isEqualByComparingTo("0.2");
        assertThat(wuhan.greenTravelKgCo2ePerKm()).isEqualByComparingTo("0.15");
        // 0.78 kg per 10 kWh of monthly saving
        assertThat(wuhan.electricitySavingKgCo2ePerKwh().multiply(BigDecimal.TEN)).isEqualByComparingTo("0.78");
        assertThat(wuhan.recycledGoodsKgCo2ePerKg()).isEqualByComparingTo("0.3");
        assertThat(settings.defaultMethodology()).isEqualTo("wuhan-pilot");
    }

    @Test
    void offersTheGridFactorMethodologyBesideIt() {
        Methodology grid = settings.methodologies().get("mee-grid-2023");

        assertThat(grid.electricitySavingKgCo2ePerKwh()).isEqualByComparingTo("0.5306");
        assertThat(grid.sortedPerishableWasteKgCo2ePerKg()).isEqualByComparingTo("0.2");
        assertThat(grid.description()).contains("0.5306");
        assertThat(settings.methodologies().get("wuhan-pilot").description()).contains("misprint");
    }

    @Test
    void pricesConsumptionWithTheOfficialFactors() {
        Methodology wuhan = settings.methodologies().get("wuhan-pilot");

        assertThat(wuhan.emissionFactor(MeterType.ELECTRICITY)).isEqualByComparingTo("0.5306");
        assertThat(wuhan.emissionFactor(MeterType.GAS)).isEqualByComparingTo("2.1622");
        assertThat(wuhan.emissionFactor(MeterType.WATER)).isEqualByComparingTo("0.168");
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void refusesACommunityMappedToAnUnknownMethodology() {
        assertThatThrownBy(() -> new AccountingSettings(ZoneId.of("UTC"), "wuhan-pilot", Map.of("c1", "nope"), settings.methodologies()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accounting.communities.c1");
    }

    private static AccountingSettings load() {
        try {
            var environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("shipped", new ClassPathResource("carbon-accounting-service.yml"))
                    .forEach(environment.getPropertySources()::addLast);
            return new Binder(ConfigurationPropertySources.get(environment), new PropertySourcesPlaceholdersResolver(environment))
                    .bind("accounting", AccountingSettings.class).get();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
