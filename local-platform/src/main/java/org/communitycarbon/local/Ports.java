package org.communitycarbon.local;

import org.communitycarbon.infra.FreePorts;

/** Where the gateway and each service listen. */
public record Ports(int gateway, int sensing, int accounting, int credits, int recycling, int ops) {

    /** The documented ports of the local run (and of docker-compose). */
    public static Ports standard() {
        return new Ports(8080, 8081, 8082, 8083, 8084, 8085);
    }

    /** Free ports, for tests. */
    public static Ports anyFree() {
        return new Ports(FreePorts.any(), FreePorts.any(), FreePorts.any(), FreePorts.any(), FreePorts.any(), FreePorts.any());
    }

    Ports requireFree() {
        FreePorts.requireFree(gateway, "the gateway");
        FreePorts.requireFree(sensing, "sensing-service");
        FreePorts.requireFree(accounting, "carbon-accounting-service");
        FreePorts.requireFree(credits, "credits-service");
        FreePorts.requireFree(recycling, "recycling-service");
        FreePorts.requireFree(ops, "ops-ticket-service");
        return this;
    }
}
