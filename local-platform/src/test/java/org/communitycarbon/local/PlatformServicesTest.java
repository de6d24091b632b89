package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.communitycarbon.gateway.GatewayServiceApplication;
import org.communitycarbon.infra.DatabaseLogin;
import org.communitycarbon.infra.SchemaRoles;
import org.junit.jupiter.api.Test;

/** The local run starts each service with its own PostgreSQL roles, never the superuser's. */
class PlatformServicesTest {

    private static final Map<String, String> SCHEMAS = Map.of("sensing-service", "sensing", "carbon-accounting-service", "accounting",
            "credits-service", "credits", "recycling-service", "recycling", "ops-ticket-service", "ops");

    private final Endpoints endpoints = new Endpoints("jdbc:postgresql://localhost:15432/carbon",
            schema -> new SchemaRoles(schema, new DatabaseLogin(SchemaRoles.ownerName(schema), schema + "-owner-secret"),
                    new DatabaseLogin(SchemaRoles.appName(schema), schema + "-app-secret")),
            "localhost:9092", "tcp://localhost:1883", null, null, null);

    @Test
    void eachServiceRunsAsItsSchemasRuntimeRoleAndMigratesAsItsOwner() {
        List<PlatformServices.Application> applications = PlatformServices.all(Ports.standard(), endpoints, "demo-secret", List.of());
        for (PlatformServices.Application application : applications) {
            if (application.name().equals(GatewayServiceApplication.NAME)) {
                assertThat(application.arguments()).noneMatch(argument -> argument.startsWith("--spring.datasource")
                        || argument.startsWith("--spring.flyway"));
                continue;
            }
            String schema = SCHEMAS.get(application.name());
            assertThat(PlatformServices.schemaOf(application.name())).isEqualTo(schema);
            assertThat(application.arguments()).as(application.name()).contains(
                    "--spring.datasource.username=" + schema + "_app", "--spring.datasource.password=" + schema + "-app-secret",
                    "--spring.flyway.user=" + schema + "_owner", "--spring.flyway.password=" + schema + "-owner-secret");
        }
        assertThat(applications).extracting(PlatformServices.Application::name).containsAll(SCHEMAS.keySet());
    }
}
