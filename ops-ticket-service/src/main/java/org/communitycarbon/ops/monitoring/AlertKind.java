package org.communitycarbon.ops.monitoring;

import java.util.Arrays;
import java.util.List;

/** Environment or energy. */
public enum AlertKind {
    ENVIRONMENT, ENERGY;

    List<AlertRule> rules() {
        return Arrays.stream(AlertRule.values()).filter(rule -> rule.kind() == this).toList();
    }
}
