package io.mirrorguard.agent.collector;

import java.util.EnumMap;
import java.util.Map;

/** Every section the catalog batch returned, keyed by marker, never by position. */
final class BatchOutput {

    private final Map<CatalogSection, RawSection> sections;

    BatchOutput(Map<CatalogSection, RawSection> sections) {
        this.sections = new EnumMap<>(CatalogSection.class);
        this.sections.putAll(sections);
    }

    RawSection get(CatalogSection section) {
        RawSection s = sections.get(section);
        return s != null ? s : RawSection.missing(section, "no marker for this section in the batch output");
    }
}
