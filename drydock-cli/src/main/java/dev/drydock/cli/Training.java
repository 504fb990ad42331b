package dev.drydock.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The run the launcher makes once per build to train the JVM's start-up cache (the classes a run loads
 * and links are stored ahead of time): a review of each project given, in text, and of the first one in
 * the machine formats CI uses, so that a Node, Java, Go or Python project with a pyproject.toml finds the
 * classes it needs in the cache and not only the stack of one example. Output goes nowhere.
 */
public final class Training {

    private Training() {}

    public static void main(String[] projects) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String project : projects) {
            Main.run(new String[] {"review", project, "--fail-on", "none"}, sink, sink);
        }
        if (projects.length > 0) {
            for (String format : new String[] {"json", "sarif", "markdown"}) {
                Main.run(new String[] {"review", projects[0], "--format", format, "--fail-on", "none"}, sink, sink);
            }
        }
    }
}
