package org.communitycarbon.local;

import java.nio.file.Path;
import java.time.Duration;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.simulator.DeviceSimulator;

/** What the console says once everything is up: where each part is and how to use it. */
final class Banner {

    private Banner() {
    }

    static String text(LocalPlatform platform, EmbeddedInfrastructure infrastructure, LocalPlatform.Settings settings, Path data,
            Duration took) {
        Ports ports = settings.ports();
        DeviceSimulator simulator = platform.simulator();
        String communityId = simulator == null ? "maple-court" : simulator.options().communityId();
        String community = simulator == null ? "off (--no-simulator)"
                : communityId + ": " + simulator.counts().devices() + " devices, each reporting once per simulated minute"
                        + (simulator.options().speed() == 1 ? "" : " (speed x" + simulator.options().speed() + ")");
        return """

                Community Carbon Platform is running (started in %d s)
                  Dashboard & API      %s                (sign in as manager; every /api call needs a bearer token)
                  Services             sensing :%d  accounting :%d  credits :%d  recycling :%d  ops :%d
                                       through the gateway at %s/api/<service>/...
                  Get a token          curl -s -X POST %s/auth/token -d username=resident -d password=%s
                  Demo users           resident, resident2, tryout, manager, staff, committee, street, merchant, recycler, partner, admin
                                       password: %s  (made for this run; --demo-password= or DEMO_PASSWORD to choose)
                  Reachable from       this machine only (127.0.0.1); MQTT from the network, with device accounts
                  MQTT broker          tcp://localhost:%d  devices log in with their own accounts (docs/mqtt-api.md#credentials)
                  Simulated community  %s
                  PostgreSQL           %s  (each service its own roles; to look around: user %s, password %s)
                  Kafka                %s
                  Data                 %s (temporary: deleted when you stop)
                Press Ctrl-C to stop.
                """.formatted(took.toSeconds(), platform.gatewayUrl(), ports.sensing(), ports.accounting(), ports.credits(),
                ports.recycling(), ports.ops(), platform.gatewayUrl(), platform.gatewayUrl(), platform.demoPassword(),
                platform.demoPassword(), infrastructure.mqtt().port(), community,
                infrastructure.postgres().jdbcUrl(), infrastructure.postgres().admin().username(),
                infrastructure.postgres().admin().password(),
                infrastructure.kafka().bootstrapServers(), data);
    }
}
