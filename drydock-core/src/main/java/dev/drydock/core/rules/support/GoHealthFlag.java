package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command-line flag with which a Go program checks its own health ({@code -healthcheck}), declared with the flag
 * package or pflag/cobra in the code drydock read: a HEALTHCHECK can run the program itself, with no other tool.
 *
 * @param name the flag's name, without dashes
 * @param takesValue whether it is a string flag (its value goes after it), not a boolean one
 * @param usage the usage text the code gives it, or ""
 * @param file where it is declared
 * @param line the line of the declaration
 */
public record GoHealthFlag(String name, boolean takesValue, String usage, String file, int line) {

    private static final Pattern DECLARED = Pattern.compile("\\.(Bool|String)(?:Var)?(P?)\\(\\s*(?:&[\\w.]+\\s*,\\s*)?"
            + "\"(healthcheck|health-check|health|check-health)\"\\s*,");
    private static final Pattern STRING = Pattern.compile("\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"\\s*");

    /** The first health flag the application's Go files declare. */
    public static Optional<GoHealthFlag> of(ReviewContext context, AppSource app) {
        for (String path : app.files()) {
            if (!path.endsWith(".go")) {
                continue;
            }
            Optional<SourceFile> file = context.project().source(path);
            if (file.isEmpty()) {
                continue;
            }
            String text = file.get().text();
            Matcher m = DECLARED.matcher(text);
            if (m.find()) {
                int at = m.end();
                if (!m.group(2).isEmpty()) {
                    at = skipArgument(text, at); // the one-letter shorthand of pflag's ...P functions
                }
                at = skipArgument(text, at); // the default value
                Matcher usage = STRING.matcher(text).region(at, text.length());
                return Optional.of(new GoHealthFlag(m.group(3), m.group(1).equals("String"),
                        usage.lookingAt() ? usage.group(1) : "", path, file.get().span(m.start(3), m.end(3)).startLine()));
            }
        }
        return Optional.empty();
    }

    /** The index after the argument that starts at {@code from} and its comma: a string, or text up to a comma. */
    private static int skipArgument(String text, int from) {
        Matcher string = STRING.matcher(text).region(from, text.length());
        int at = string.lookingAt() ? string.end() : from;
        int depth = 0;
        while (at < text.length()) {
            char ch = text.charAt(at++);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && depth-- == 0) {
                return at - 1;
            } else if (ch == ',' && depth == 0) {
                return at;
            }
        }
        return at;
    }

    /** The HEALTHCHECK that runs {@code program} with the flag. */
    public String recommendation(String program) {
        List<String> argv = takesValue ? List.of(program, "-" + name, "VALUE") : List.of(program, "-" + name);
        return "The program already checks its own health: its -" + name + " flag (" + file + " line " + line
                + (usage.isEmpty() ? "" : ": \"" + usage + "\"") + "). Run it as the image's probe, in exec form, which"
                + " needs no shell nor other tool: HEALTHCHECK --interval=30s --timeout=5s --start-period=10s"
                + " --retries=3 CMD " + Probes.json(argv)
                + (takesValue ? ", with VALUE replaced by what the usage text asks for" : "") + ".";
    }
}
