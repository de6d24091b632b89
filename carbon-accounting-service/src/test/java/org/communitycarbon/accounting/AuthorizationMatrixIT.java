package org.communitycarbon.accounting;

import org.communitycarbon.testing.AuthorizationMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every operation of the service's OpenAPI description, called by every kind of caller, answers as
 * {@code authorization-matrix.txt} says (see {@link AuthorizationMatrix}).
 */
@AccountingServiceTest
class AuthorizationMatrixIT {

    @Autowired
    MockMvc mvc;

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() throws Exception {
        AuthorizationMatrix.of(mvc, "/api/accounting/openapi")
                .with("deviceId", "matrix-meter")
                .with("areaId", "matrix-area")
                .with("buildingId", "matrix-building")
                .with("methodologyId", "wuhan-pilot")
                .with("version", "1")
                .with("month", "2025-01")
                .verify("authorization-matrix.txt");
    }
}
