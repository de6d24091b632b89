package org.communitycarbon.sensing.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The device registry's settings.
 *
 * @param refreshInterval how often the in-memory directory reloads what changed, also what other instances
 *        made; the instance that makes a change reloads right after its commit
 * @param importMaxBytes the largest CSV inventory accepted (413 beyond)
 * @param importMaxLines the most lines (records, the header not counted) of one CSV inventory (413 beyond)
 * @param importMaxErrors the most bad lines an import's answer lists; it counts them all
 */
@ConfigurationProperties("sensing.registry")
public record RegistrySettings(
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("5MB") DataSize importMaxBytes,
        @DefaultValue("20000") int importMaxLines,
        @DefaultValue("100") int importMaxErrors) {
}
