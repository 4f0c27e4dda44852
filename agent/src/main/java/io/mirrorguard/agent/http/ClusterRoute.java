package io.mirrorguard.agent.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.store.ClusterAgents;
import io.mirrorguard.agent.store.SharedDatabase;
import io.mirrorguard.agent.store.StoreException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/cluster}: the agents sharing this agent's store, their last check-in, and the instances each
 * audits now and owns (assigned to it among the alive agents, so it exports their per-instance metrics: every agent
 * computes the same assignment from the same check-in table, see store.InstanceOwners). An agent on its own
 * answers {@code clustered: false} with no agents.
 */
final class ClusterRoute implements Handler {

    private final AuditService audits;

    ClusterRoute(AuditService audits) {
        this.audits = audits;
    }

    @Override
    public void handle(Context ctx) {
        Optional<String> unknown = ctx.queryParamMap().keySet().stream().findFirst();
        if (unknown.isPresent()) {
            throw ApiError.badRequest(unknown.get(), "unknown query parameter; allowed: none");
        }
        Optional<AuditStore> store = audits.store().filter(AuditStore::isShared);
        Map<String, Object> body = new LinkedHashMap<>();
        if (store.isEmpty()) {
            body.put("clustered", false);
            body.put("agents", List.of());
        } else {
            SharedDatabase db = store.get().sharedDatabase().orElseThrow();
            List<ClusterAgents.Agent> agents;
            try {
                agents = new ClusterAgents(db).list(Instant.now(), audits.instanceNames());
            } catch (StoreException e) {
                throw new ApiError(503, "the storage.url database cannot be reached", null);
            }
            body.put("clustered", true);
            body.put("self", store.get().agentId().orElse(null));
            body.put("agents", agents.stream().map(ClusterRoute::agent).toList());
        }
        ctx.status(200).contentType("application/json").result(ApiJson.write(body));
    }

    private static Map<String, Object> agent(ClusterAgents.Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("alive", a.alive());
        m.put("lastCheckin", a.lastCheckin().toString());
        m.put("checkinIntervalSeconds", a.checkinInterval().toMillis() / 1000.0);
        m.put("auditing", List.copyOf(a.auditing()));
        // assigned to this agent among the alive ones: it alone exports their per-instance metrics
        m.put("owns", List.copyOf(a.owns()));
        return m;
    }
}
