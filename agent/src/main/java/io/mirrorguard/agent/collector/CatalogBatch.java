package io.mirrorguard.agent.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The constant catalog batch (catalog-batch.sql next to this class): the only SQL an audit sends. */
public final class CatalogBatch {

    public static final String RESOURCE = "catalog-batch.sql";
    private static final String SQL = load();

    private CatalogBatch() {}

    public static String sql() {
        return SQL;
    }

    private static String load() {
        try (InputStream in = CatalogBatch.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
