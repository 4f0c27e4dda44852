package io.mirrorguard.agent.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official OASIS SARIF 2.1.0 schema (draft-04), stored as a test resource so validation needs no network. */
public final class SarifSchema {

    private static final Schema SCHEMA = load();

    private SarifSchema() {}

    private static Schema load() {
        try (InputStream in = SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource /sarif/sarif-schema-2.1.0.json is missing");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema violation of {@code sarif}; empty when valid. */
    public static List<Error> validate(String sarif) {
        return SCHEMA.validate(sarif, InputFormat.JSON);
    }
}
