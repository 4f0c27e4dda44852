package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.MirroringEndpoint;

@RuleInfo(
        id = EndpointPresent.ID,
        title = "Instance has a DATABASE_MIRRORING endpoint",
        severity = Severity.CRITICAL,
        category = Category.OUTBOUND,
        rationale = "Partners, witnesses and availability replicas talk only through the single DATABASE_MIRRORING"
                + " endpoint; an instance in a topology without one cannot take part.",
        remediation = "CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)"
                + " FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE <cert>, ENCRYPTION = REQUIRED ALGORITHM AES,"
                + " ROLE = ALL);",
        procedureStep = "Outbound step 3: create the database mirroring endpoint using the certificate",
        references = {Refs.OUTBOUND, Refs.CREATE_ENDPOINT, Refs.ENDPOINT})
@PassRequires({FactSection.ENDPOINTS})
public final class EndpointPresent extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "endpoint-present";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/endpoint";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = baseSubject(n);
        if (out.unread(n, null, subject, "endpoints", v.facts().endpoints())) {
            return;
        }
        if (v.endpoint().isEmpty()) {
            out.fail(n, null, subject, n + " is in a mirroring topology but has no DATABASE_MIRRORING endpoint",
                    Evidence.of("no row in sys.database_mirroring_endpoints", "one DATABASE_MIRRORING endpoint"));
            return;
        }
        MirroringEndpoint ep = v.endpoint().get();
        out.pass(n, null, subject, n + " has the DATABASE_MIRRORING endpoint [" + ep.name() + "]",
                Evidence.of("endpoint [" + ep.name() + "] port " + ep.port(), "one DATABASE_MIRRORING endpoint")
                        .with("endpoint", ep.name()).with("port", ep.port()));
    }
}
