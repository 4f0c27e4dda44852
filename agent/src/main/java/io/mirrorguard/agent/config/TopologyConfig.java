package io.mirrorguard.agent.config;

import io.mirrorguard.rules.model.DeclaredLink;
import java.util.List;

/** Links declared by hand, for sessions whose other side the agent cannot read. */
public record TopologyConfig(List<DeclaredLink> links) {
    public TopologyConfig {
        links = links == null ? List.of() : List.copyOf(links);
    }
}
