package dev.drydock.core.review;

import dev.drydock.core.edit.FixSafety;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Everything about a rule except its logic, in one place on the rule's class: the rule list,
 * {@code drydock rules}, the documentation and SARIF are generated from it. It is read when drydock-core is
 * compiled: the annotation processor of drydock-processor turns the annotations into {@code RuleCatalog}, and
 * {@link RuleMetadata} reads one by reflection only for a rule class compiled without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleDefinition {

    /** Kebab-case name that explains itself: {@code runs-as-root}. */
    String id();

    /** One line, as a heading: "Container runs as root". */
    String title();

    /** Default severity; a rule may report a finding at another one when the case warrants it. */
    Severity severity();

    Category category();

    /** What the rule looks at, in one or two sentences. */
    String checks();

    /** Why the situation is a problem. */
    String problem();

    /** What happens if it is left as it is. */
    String impact();

    /** What to do instead, in general terms; findings add the project's specifics. */
    String recommendation();

    /** Documentation that backs the rule: Docker, Compose, OWASP, the framework's own deployment guide. */
    String[] references() default {};

    /** The same check in other tools: hadolint {@code DL3002}, BuildKit {@code FromAsCasing}, Trivy, Checkov, KICS. */
    String[] aliases() default {};

    FixSafety fix() default FixSafety.NONE;

    /** Rough effort to address one finding: "5 min", "30 min", "2 h". */
    String effort() default "";

    /** Bad and good versions of a file, for the documentation and for the tests that run them. */
    RuleExample[] examples() default {};

    /**
     * The good practice, as a heading, for a rule that reports strengths besides (or rather than) findings:
     * "Minimal base image" where the title says what is wrong ("Final image starts from a full base image").
     * Empty for a rule that reports findings only.
     */
    String strength() default "";
}
