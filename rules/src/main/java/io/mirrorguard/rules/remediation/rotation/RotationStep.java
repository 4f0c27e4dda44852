package io.mirrorguard.rules.remediation.rotation;

import io.mirrorguard.rules.remediation.RemediationAction;
import java.util.List;

/** The next step of a rotation: its stage, the actions to run now (possibly none), and why. */
public record RotationStep(RotationStage stage, List<RemediationAction> actions, String explanation) {
    public RotationStep {
        actions = List.copyOf(actions);
    }
}
