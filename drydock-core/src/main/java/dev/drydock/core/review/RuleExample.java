package dev.drydock.core.review;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pair of files that shows a rule at work: {@code bad} makes the rule report, {@code good} is the same
 * file written right and makes it report nothing. The tests review both; the documentation shows both.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface RuleExample {

    /** The file name the contents stand for: {@code Dockerfile}, {@code compose.yaml}, {@code .dockerignore}... */
    String file() default "Dockerfile";

    String bad();

    String good();

    /**
     * The rest of the project, when one file alone cannot show the rule (a Dockerfile that runs the
     * {@code app.py} beside it): the same in both versions.
     */
    ExampleFile[] alongside() default {};
}
