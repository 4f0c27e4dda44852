package io.mirrorguard.rules.snapshot;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.SharedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * FleetSnapshot to and from JSON (docs/snapshot-format.md). Reading is strict: every record component must be
 * present (null where the model allows it), with its exact JSON type; unknown fields are errors.
 */
public final class SnapshotJson {
    private static final ObjectMapper MAPPER = build();

    private SnapshotJson() {}

    /** The configured mapper: records by component, ISO-8601 instants, strict types. Shared; do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(FleetSnapshot snapshot) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write snapshot", e);
        }
    }

    public static FleetSnapshot read(String json) throws SnapshotFormatException {
        try {
            return check(convert(MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    public static FleetSnapshot read(InputStream in) throws SnapshotFormatException {
        try {
            return check(convert(MAPPER.readTree(in)));
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Snapshots older than the availability-group sections get them filled in (see {@link LegacySections}). */
    private static FleetSnapshot convert(JsonNode tree) throws JsonProcessingException, SnapshotFormatException {
        if (tree == null || tree.isMissingNode()) {
            throw new SnapshotFormatException("$", "expected an object, found nothing", null);
        }
        LegacySections.fill(tree);
        return MAPPER.treeToValue(tree, FleetSnapshot.class);
    }

    private static FleetSnapshot check(FleetSnapshot s) throws SnapshotFormatException {
        if (s == null) {
            throw new SnapshotFormatException("$", "expected an object, found null", null);
        }
        if (s.formatVersion() != FleetSnapshot.FORMAT_VERSION) {
            throw new SnapshotFormatException("$.formatVersion", "unsupported format version " + s.formatVersion()
                    + " (this build reads " + FleetSnapshot.FORMAT_VERSION + ")", null);
        }
        if (s.takenAt() == null) {
            throw new SnapshotFormatException("$.takenAt", "must not be null", null);
        }
        // Instance names are matched case-insensitively everywhere (config, topology, API), so "SQLA" and "sqla"
        // would be one instance with two sets of facts: ambiguous, rejected like an exact duplicate.
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < s.instances().size(); i++) {
            var inst = s.instances().get(i);
            String at = "$.instances[" + i + "]";
            if (inst == null) {
                throw new SnapshotFormatException(at, "must not be null", null);
            }
            if (inst.target() == null || inst.target().name() == null || inst.target().name().isBlank()) {
                throw new SnapshotFormatException(at + ".target.name", "required", null);
            }
            String name = inst.target().name();
            Integer first = firstByName.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (first != null) {
                String other = s.instances().get(first).target().name();
                throw new SnapshotFormatException(at + ".target.name", "instance '" + name + "' is already listed at $.instances["
                        + first + "]" + (other.equals(name) ? "" : " as '" + other + "' (names differ only in case)"),
                        null);
            }
            if (inst.collection() == null) {
                throw new SnapshotFormatException(at + ".collection", "must not be null", null);
            }
            Object[][] sections = {
                {"identity", inst.identity()}, {"masterKey", inst.masterKey()}, {"certificates", inst.certificates()},
                {"endpoints", inst.endpoints()}, {"serverPrincipals", inst.serverPrincipals()},
                {"masterPrincipals", inst.masterPrincipals()}, {"serverRoleMembers", inst.serverRoleMembers()},
                {"serverPermissions", inst.serverPermissions()}, {"mirroredDatabases", inst.mirroredDatabases()},
                {"witnessRoles", inst.witnessRoles()}, {"availabilityReplicas", inst.availabilityReplicas()},
                {"connections", inst.connections()}, {"availabilityGroups", inst.availabilityGroups()},
                {"availabilityDatabases", inst.availabilityDatabases()}, {"seedingOperations", inst.seedingOperations()}};
            for (Object[] sec : sections) {
                if (sec[1] == null) {
                    throw new SnapshotFormatException(at + "." + sec[0], "must not be null", null);
                }
                if (((io.mirrorguard.rules.model.Section<?>) sec[1]).value() instanceof List<?> list
                        && list.contains(null)) {
                    throw new SnapshotFormatException(at + "." + sec[0] + ".value", "must not contain null", null);
                }
            }
        }
        return s;
    }

    private static SnapshotFormatException translate(JsonProcessingException e) {
        if (e instanceof JsonParseException p) {
            var loc = p.getLocation();
            String original = p.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field ")) {
                // Jackson reports the key in single quotes; the last value would silently win otherwise.
                return new SnapshotFormatException("$", "duplicate key " + original.substring("Duplicate field ".length())
                        + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr(), e);
            }
            return new SnapshotFormatException("$", "malformed JSON at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ": " + p.getOriginalMessage(), e);
        }
        if (!(e instanceof JsonMappingException m)) {
            return new SnapshotFormatException("$", e.getOriginalMessage(), e);
        }
        String path = path(m.getPath());
        if (m instanceof UnrecognizedPropertyException u) {
            return new SnapshotFormatException(path, "unknown field (known: " + u.getKnownPropertyIds() + ")", e);
        }
        if (m instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() != null ? v.getCause() : v;
            return new SnapshotFormatException(path, "invalid value: " + cause.getMessage(), e);
        }
        String msg = m.getOriginalMessage();
        if (msg != null && msg.startsWith("Missing") && msg.contains("creator property")) {
            int q1 = msg.indexOf('\'');
            int q2 = msg.indexOf('\'', q1 + 1);
            String field = q1 >= 0 && q2 > q1 ? msg.substring(q1 + 1, q2) : "?";
            return new SnapshotFormatException(path, "missing required field '" + field + "'", e);
        }
        if (m instanceof InvalidFormatException f) {
            return new SnapshotFormatException(path, expected(f.getTargetType()) + ", found '" + f.getValue() + "'", e);
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            if (msg != null && msg.contains("null")) {
                return new SnapshotFormatException(path, expected(mi.getTargetType()) + ", found null", e);
            }
            return new SnapshotFormatException(path, expected(mi.getTargetType()), e);
        }
        return new SnapshotFormatException(path, msg, e);
    }

    private static String expected(Class<?> t) {
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "expected an integer";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "expected true or false";
        }
        if (t == String.class) {
            return "expected a string";
        }
        if (t == Instant.class) {
            return "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (t == LocalDate.class) {
            return "expected a date such as 2026-01-31";
        }
        if (t == UUID.class) {
            return "expected a UUID string";
        }
        if (t.isEnum()) {
            return "expected one of " + List.of(t.getEnumConstants());
        }
        if (List.class.isAssignableFrom(t) || java.util.Collection.class.isAssignableFrom(t)) {
            return "expected an array";
        }
        if (java.util.Map.class.isAssignableFrom(t)) {
            return "expected an object";
        }
        return "expected " + (t.isRecord() ? "an object (" + t.getSimpleName() + ")" : t.getSimpleName());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** A cluster's agent reads every instance's facts from the store: their text shared as the collector shares it. */
    private static final class SharedTextDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return SharedText.of(super.deserialize(p, ctxt));
        }
    }

    private static ObjectMapper build() {
        JsonMapper m = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("shared-text").addDeserializer(String.class, new SharedTextDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Records are (de)serialised by their components only; helpers such as Section.isRead() are not fields.
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType t : new LogicalType[] {LogicalType.Textual}) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }
}
