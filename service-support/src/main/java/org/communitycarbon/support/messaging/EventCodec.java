package org.communitycarbon.support.messaging;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.support.JsonFieldPath;
import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for events and device messages. Reading ignores properties it does not know, so a producer can
 * add optional fields in a compatible schema version without breaking older consumers; everything else
 * that is wrong fails with the name of the field.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public byte[] encode(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    /** @throws InvalidMessageException naming the field when the bytes are not a valid {@code type} */
    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new InvalidMessageException("payload is JSON null, expected an object", null, null);
            }
            return value;
        }
        catch (JacksonException e) {
            throw invalid(e);
        }
    }

    private static InvalidMessageException invalid(JacksonException e) {
        ContractViolation violation = contractViolation(e);
        if (violation != null) {
            return new InvalidMessageException(violation.getMessage(), violation.field(), e);
        }
        String field = JsonFieldPath.of(e);
        String reason = e.getOriginalMessage();
        return new InvalidMessageException(field == null ? "not valid JSON: " + reason : field + ": " + reason, field, e);
    }

    private static @Nullable ContractViolation contractViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContractViolation violation) {
                return violation;
            }
        }
        return null;
    }
}
