package dev.drydock.core.review;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A file of a {@link RuleExample}'s project that is the same in its bad and its good version. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface ExampleFile {

    /** The path relative to the project root, '/'-separated: {@code app.py}, {@code src/server.js}. */
    String name();

    String content();
}
