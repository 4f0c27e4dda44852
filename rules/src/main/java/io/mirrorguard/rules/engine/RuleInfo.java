package io.mirrorguard.rules.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, on the rule class itself so it cannot drift from the code; no defaults on purpose. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Catalog id, kebab-case; also the doc file name. */
    String id();

    String title();

    /** Default severity of a FAIL; a rule may raise or lower it per finding, the policy may override it. */
    Severity severity();

    Category category();

    String rationale();

    String remediation();

    String procedureStep();

    String[] references();
}
