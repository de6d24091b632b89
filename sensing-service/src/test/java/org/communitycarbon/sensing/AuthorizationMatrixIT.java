package org.communitycarbon.sensing;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.testing.AuthorizationMatrix;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every operation of the service's OpenAPI description, called by every kind of caller, answers as
 * {@code authorization-matrix.txt} says (see {@link AuthorizationMatrix}).
 */
@SensingServiceTest
class AuthorizationMatrixIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    DeviceDirectory directory;

    @Test
    void everyOperationAnswersEveryCallerAsTheMatrixSays() throws Exception {
        TestRegistry.of(mvc, AuthorizationMatrix.COMMUNITY)
                .meter("matrix-meter", DeviceType.ELECTRICITY_METER, AuthorizationMatrix.HOUSEHOLD)
                .register(directory);
        AuthorizationMatrix.of(mvc, "/api/sensing/openapi")
                .with("id", AuthorizationMatrix.HOUSEHOLD)
                .with("deviceId", "matrix-meter")
                .with("kind", "gateway")
                .with("name", "matrix-gateway")
                .with("commandId", "00000000-0000-3000-8000-000000000000")
                .with("month", "2025-01")
                .verify("authorization-matrix.txt");
    }
}
