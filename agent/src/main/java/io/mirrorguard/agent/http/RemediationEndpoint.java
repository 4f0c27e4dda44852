package io.mirrorguard.agent.http;

/**
 * What the remediation routes of the API call: GET /api/v1/remediation/plan, POST /api/v1/remediation/apply and
 * GET /api/v1/remediation/journal. Implemented by the remediation package; bodies are JSON-serialisable maps.
 */
public interface RemediationEndpoint {

    /** The plan for the latest audit, within the automatic-mode allowlists, with its hash. */
    Object plan();

    /** Applies the plan if its hash is {@code hash}: 200 with the report, or 409 when the fleet changed. */
    Response apply(String hash);

    /** Every journaled action's latest state. */
    Object journal();

    record Response(int status, Object body) {}
}
