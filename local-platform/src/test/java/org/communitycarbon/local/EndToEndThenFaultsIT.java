package org.communitycarbon.local;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The end-to-end tests, then the fault tests, in one JVM on one platform ({@link SharedPlatform}): the faults last,
 * because they stop PostgreSQL and Kafka and kill service instances. The build runs them only through this suite.
 */
@Suite
@SelectClasses({ PlatformEndToEndIT.class, FaultToleranceIT.class })
class EndToEndThenFaultsIT {
}
