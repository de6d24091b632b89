package org.communitycarbon.accounting;

import org.communitycarbon.testing.AuthorizationMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every operation of the service's OpenAPI description, called by every kind of caller, answers as
 * {@code authorization-matrix.txt} says (see {@link AuthorizationMatrix}).
 */
@AccountingServiceTest
class AuthorizationMatrixIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() throws Exception {
        // the partner caller's platform, serving the own community
        jdbc.update("""
                INSERT INTO travel_partner (id, name, modes, communities, created_by, created_at, updated_by, updated_at)
                VALUES (?, 'Matrix bikes', '{BIKE}', ARRAY[?], 'test', now(), 'test', now()) ON CONFLICT DO NOTHING""",
                AuthorizationMatrix.PARTNER, AuthorizationMatrix.COMMUNITY);
        AuthorizationMatrix.of(mvc, "/api/accounting/openapi")
                .with("Idempotency-Key", "matrix-batch")
                .with("deviceId", "matrix-meter")
                .with("areaId", "matrix-area")
                .with("buildingId", "matrix-building")
                .with("methodologyId", "wuhan-pilot")
                .with("version", "1")
                .with("month", "2025-01")
                .with("restatementId", "00000000-0000-0000-0000-000000000000")
                .verify("authorization-matrix.txt");
    }
}
