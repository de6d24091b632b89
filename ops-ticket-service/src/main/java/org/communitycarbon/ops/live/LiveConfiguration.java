package org.communitycarbon.ops.live;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The live stream's heartbeat runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LiveConfiguration {
}
