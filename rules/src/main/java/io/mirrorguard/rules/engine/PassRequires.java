package io.mirrorguard.rules.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catalog sections that must all have been READ for the rule to PASS: on the finding's instance, and for link
 * rules ({@link #alsoOnPeer()}) on its peer too. The engine turns a PASS whose sections were not all read into an
 * ERROR naming them (a partly read instance is unknown, not compliant), whatever the rule itself concluded; FAIL,
 * NOT_APPLICABLE and ERROR pass through. A rule without this annotation can PASS only on an instance read
 * completely. The table in docs/rules/README.md ("What a PASS needs") is checked against these annotations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PassRequires {
    FactSection[] value();

    /** The finding's peer must have these sections read as well (rules judging both ends of a link). */
    boolean alsoOnPeer() default false;
}
