package org.communitycarbon.sensing.credentials;

import java.util.Arrays;

import org.communitycarbon.model.ContractViolation;

/**
 * Who an MQTT account speaks for: one registered device, or a gateway that publishes for all of its community's
 * registered devices (a concentrator, a vendor's cloud bridge, the simulator).
 */
public enum AccountKind {
    DEVICE("device"), GATEWAY("gateway");

    private final String slug;

    AccountKind(String slug) {
        this.slug = slug;
    }

    /** As in usernames and URLs. */
    public String slug() {
        return slug;
    }

    static AccountKind ofSlug(String slug, String field) {
        return Arrays.stream(values()).filter(kind -> kind.slug.equals(slug)).findFirst()
                .orElseThrow(() -> new ContractViolation(field, "must be device or gateway"));
    }
}
