package org.communitycarbon.support.messaging;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.PlatformEvent;
import org.communitycarbon.model.Require;
import org.communitycarbon.support.JsonFieldPath;
import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON for events and device messages, both of which come from outside a service.
 * <p>
 * <b>Bounded.</b> The parser refuses, before building anything, a document longer than
 * {@value #MAX_DOCUMENT_BYTES} bytes, nesting deeper than {@value #MAX_DEPTH}, a number of more than
 * {@value #MAX_NUMBER_LENGTH} characters, a string of more than {@value #MAX_STRING_LENGTH}, a property name of
 * more than {@value #MAX_NAME_LENGTH} and more than {@value #MAX_TOKENS} tokens; the reason it gives is at most
 * {@link ContractViolation#MAX_MESSAGE} characters.
 * <p>
 * <b>Tolerant reader, strict writer.</b> Reading ignores properties it does not know and checks nothing
 * of an event beyond its JSON shape, so a producer can add optional fields, and a rule tightened later
 * does not make events already on a topic unreadable; a reader checks the fields it uses. Writing an
 * event runs {@link PlatformEvent#validate()} first, so what goes out meets the contract.
 */
public final class EventCodec {

    public static final long MAX_DOCUMENT_BYTES = 1_048_576;
    public static final int MAX_DEPTH = 16;
    public static final int MAX_NUMBER_LENGTH = 64;
    public static final int MAX_STRING_LENGTH = 4_096;
    public static final int MAX_NAME_LENGTH = 128;
    public static final long MAX_TOKENS = 10_000;

    private final JsonMapper mapper;

    private EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The codec of events between services. */
    public static EventCodec create() {
        return new EventCodec(builder().build());
    }

    /** The codec of device messages: enum values in any case ({@code "perishable"} or {@code "PERISHABLE"}). */
    public static EventCodec lenientEnums() {
        return new EventCodec(builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
    }

    private static JsonMapper.Builder builder() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxTokenCount(MAX_TOKENS)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstants())
                        .addSerializer(Instant.class, new IsoInstants.Writer()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** The JSON of {@code value}; an event is validated first. */
    public byte[] encode(Object value) {
        if (value instanceof PlatformEvent event) {
            event.validate();
        }
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
        String reason = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? expected(mismatch.getTargetType()) + valueOf(mismatch)
                : Require.abbreviate(plain(String.valueOf(e.getOriginalMessage())), 200);
        return new InvalidMessageException(field == null ? "not valid JSON: " + reason : field + ": " + reason, field, e);
    }

    /** Jackson's message without its hints for Java programmers (which setting to change, which feature to enable). */
    static String plain(String message) {
        return message.replaceAll(",? from `StreamReadConstraints\\.\\w+\\(\\)`", "")
                .replaceAll(":? enable `[\\w.]+` to allow", "")
                .replaceAll("\\s+", " ").trim();
    }

    /** What a field of this type must be, in the words of the device API. */
    static String expected(Class<?> type) {
        if (type == Instant.class) {
            return "must be an ISO-8601 instant with an offset, such as 2026-11-22T08:00:00Z or 2026-11-22T16:00:00+08:00";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        return "must be a " + (type.isRecord() || Map.class.isAssignableFrom(type) ? "JSON object" : type.getSimpleName());
    }

    private static String valueOf(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException format && format.getValue() != null) {
            Object value = format.getValue();
            String shown = value instanceof String text ? "\"" + Require.abbreviate(text, 40) + "\"" : Require.abbreviate(value.toString(), 40);
            return ", was " + shown;
        }
        return "";
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
