package org.communitycarbon.recycling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@RecyclingServiceTest
class OpenApiIT {

    @Autowired
    MockMvcTester mvc;

    @Test
    void servesItsOpenApiDescriptionWithoutAToken() {
        assertThat(mvc.get().uri("/api/recycling/openapi")).hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.info.title", v -> v.assertThat().isEqualTo(RecyclingServiceApplication.NAME))
                .hasPathSatisfying("$.paths['/api/recycling/categories'].get", v -> v.assertThat().isNotNull())
                .hasPathSatisfying("$.paths['/api/recycling/pickups'].post", v -> v.assertThat().isNotNull())
                .hasPathSatisfying("$.paths['/api/recycling/pickups/{id}'].get", v -> v.assertThat().isNotNull())
                .hasPathSatisfying("$.paths['/api/recycling/communities/{communityId}/pickups'].get",
                        v -> v.assertThat().isNotNull());
    }

    @Test
    void documentsTheIdempotencyKeyAsTheOnlyParameterOfABooking() {
        assertThat(mvc.get().uri("/api/recycling/openapi")).hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.paths['/api/recycling/pickups'].post.parameters[*].name",
                        v -> v.assertThat().asInstanceOf(LIST).containsExactly("Idempotency-Key"))
                .hasPathSatisfying("$.paths['/api/recycling/pickups'].post.parameters[0].required", v -> v.assertThat().isEqualTo(true));
    }

    @Test
    void saysThatTheSeededPricesAreExampleDefaults() {
        assertThat(mvc.get().uri("/api/recycling/openapi")).hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.components.schemas.CategoryView.properties.pricePerKgCny.description",
                        v -> v.assertThat().asString().contains("example defaults"));
    }
}
