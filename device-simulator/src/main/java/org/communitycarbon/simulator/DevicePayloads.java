package org.communitycarbon.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the device API, written with a plain Jackson 3 {@link JsonMapper}: record components by
 * name, instants as ISO-8601 strings (Jackson 3's default), decimals as exact numbers. Absent values are
 * left out, as a device leaves out registers it does not have.
 */
public final class DevicePayloads {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private DevicePayloads() {
    }

    /** The mapper; thread-safe. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Record payload) {
        return MAPPER.writeValueAsBytes(payload);
    }
}
