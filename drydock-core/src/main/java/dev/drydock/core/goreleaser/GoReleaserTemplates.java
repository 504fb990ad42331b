package dev.drydock.core.goreleaser;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GoReleaser's templates ({@code {{ .ProjectName }}}, {@code {{ .Env.NAME }}}) filled in with what the configuration
 * tells: its project name and the literal values of its {@code env} list. Every other template (the tag, version,
 * commit, date, a variable the file does not set, a function) is known only at release time: it is written as a shell
 * variable, {@code ${Tag}} or {@code ${NAME}} for a field, {@code ${TEMPLATE}} for the rest, so that readers of
 * declared builds take it for a value they cannot know.
 */
public final class GoReleaserTemplates {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{-?(.*?)-?}}");
    private static final Pattern FIELD = Pattern.compile("\\s*\\.(Env\\.)?([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private final String projectName;
    private final Map<String, String> env;

    /** @param projectName the project name, or null when it is not known */
    public GoReleaserTemplates(String projectName, Map<String, String> env) {
        this.projectName = projectName;
        this.env = env;
    }

    /** The text with the templates filled in, or written as variables where their value is not known. */
    public String apply(String written) {
        if (written == null || !written.contains("{{")) {
            return written;
        }
        Matcher template = TEMPLATE.matcher(written);
        return template.replaceAll(m -> Matcher.quoteReplacement(value(m.group(1))));
    }

    private String value(String inside) {
        Matcher field = FIELD.matcher(inside);
        if (!field.matches()) {
            return "${TEMPLATE}";
        }
        String name = field.group(2);
        if (field.group(1) != null) {
            String set = env.get(name);
            return set != null && !set.contains("{{") && !set.contains("$") ? set : "${" + name + "}";
        }
        return name.equals("ProjectName") && projectName != null ? projectName : "${" + name + "}";
    }
}
