package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compose files meant for development by what they hold rather than by their name: one in which every
 * service built builds a development or test stage ({@code build.target: dev}, {@code target: development}), or one
 * whose opening comment says so ("for the development setup", "not intended for production"). Such a
 * file starts the stack on developers' machines, with the database and cache beside it, as a
 * compose.override.yml does.
 */
public final class DevelopmentComposeFiles {

    /** An opening comment that rules production out: "not intended for production", "not for production use". */
    private static final Pattern NOT_FOR_PRODUCTION = Pattern.compile(
            "\\bnot\\s+(?:(?:intended|meant|suitable|designed|ready)\\s+)?(?:to\\s+be\\s+used\\s+)?(?:for|in)\\s+"
                    + "(?:use\\s+in\\s+)?production\\b");

    /**
     * An opening comment that states development as the file's use: "this file is for the development setup",
     * "is meant for local development", "only for debugging". A comment that also speaks of deploying the
     * file is about more than development.
     */
    private static final Pattern FOR_DEVELOPMENT = Pattern.compile(
            "\\b(?:(?:is|are)\\s+(?:only\\s+)?(?:(?:meant|intended|used)\\s+)?|only\\s+)for\\s+(?:the\\s+)?\\W*"
                    + "(?:local\\s+)?\\W*(?:development|debugging|testing)\\b");

    private static final Pattern DEPLOY = Pattern.compile("\\bdeploy");

    private DevelopmentComposeFiles() {}

    /**
     * The paths of the compose files that are development files by their build targets or their opening
     * comment. A file that builds one service for development and another for production (a legacy or
     * alternative service beside the real ones) is not one.
     */
    public static Set<String> files(Project project) {
        Set<String> out = new HashSet<>();
        for (ComposeProject compose : project.composeProjects()) {
            Map<String, Boolean> allDevelopment = new HashMap<>();
            for (Service service : compose.services().values()) {
                if (service.build() == null) {
                    continue;
                }
                Located<String> target = service.build().target();
                String file = (target != null ? target.node() : service.build().node()).file().path();
                boolean development = target != null && BuiltImage.isDevelopmentStageName(target.value());
                allDevelopment.merge(file, development, Boolean::logicalAnd);
            }
            allDevelopment.forEach((file, development) -> {
                if (development) {
                    out.add(file);
                }
            });
            for (ComposeFile file : compose.files()) {
                if (saysDevelopment(file.source())) {
                    out.add(file.source().path());
                }
            }
        }
        return out;
    }

    /** Whether the comment lines that open the file say it is for development, not production. */
    static boolean saysDevelopment(SourceFile source) {
        StringBuilder header = new StringBuilder();
        for (int line = 1; line <= source.lineCount(); line++) {
            String text = source.line(line).strip();
            if (text.startsWith("#")) {
                header.append(text.substring(1)).append(' ');
            } else if (!text.isEmpty() && !text.equals("---")) {
                break;
            }
        }
        String comment = header.toString().toLowerCase(Locale.ROOT);
        return NOT_FOR_PRODUCTION.matcher(comment).find()
                || FOR_DEVELOPMENT.matcher(comment).find() && !DEPLOY.matcher(comment).find();
    }
}
