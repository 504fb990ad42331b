package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the stages a container's image needs run {@code dotnet publish}, and so which files the publish output holds
 * besides the assembly: the apphost (an executable named after the assembly, there unless UseAppHost is false), and
 * whether the assembly itself is left out (PublishSingleFile bundles it into the apphost, PublishAot compiles it to
 * native code).
 */
public final class DotnetPublishes {

    private static final List<String> PROPERTIES = List.of("UseAppHost", "PublishSingleFile", "PublishAot");
    private static final Pattern PROPERTY_OPTION = Pattern.compile("(?i)(?:-|--|/)(?:p|property):(.+)");
    private static final Pattern PROPERTY_FLAG = Pattern.compile("(?i)(?:-|--|/)(?:p|property)");

    /**
     * The publish: the properties that decide its output, from the project file and the command line, and the line
     * of the Dockerfile that runs it.
     */
    public record Publish(Map<String, Boolean> properties, int line) {

        /** Whether the output has the apphost: UseAppHost is not false. */
        public boolean appHost() {
            return !Boolean.FALSE.equals(properties.get("UseAppHost"));
        }

        /** The property that leaves the assembly's .dll out of the output (PublishSingleFile, PublishAot), or null. */
        public String withoutDll() {
            for (String p : List.of("PublishSingleFile", "PublishAot")) {
                if (Boolean.TRUE.equals(properties.get(p))) {
                    return p;
                }
            }
            return null;
        }
    }

    private DotnetPublishes() {}

    /**
     * The one way the image's stages publish the container's application; empty when no stage runs dotnet publish,
     * when they run it with different properties, or with a publish profile (which may set any of them).
     */
    public static Optional<Publish> of(ReviewContext context, Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        Map<String, Boolean> fromProject = DotnetAssemblies.of(context, c)
                .flatMap(a -> context.project().source(a.project())).map(f -> projectProperties(f.text()))
                .orElse(Map.of());
        Publish found = null;
        for (RunStep run : RunStep.of(c.build().model(), Stages.needed(c.build().model(), c.build().stage()))) {
            for (Call call : run.calls("dotnet")) {
                List<String> args = call.args().stream().map(Call.Arg::value).toList();
                if (args.isEmpty() || !args.get(0).equals("publish")) {
                    continue;
                }
                Map<String, Boolean> properties = new LinkedHashMap<>(fromProject);
                if (!commandLineProperties(args, properties)) {
                    return Optional.empty();
                }
                Publish publish = new Publish(properties, call.span().startLine());
                if (found != null && !found.properties().equals(properties)) {
                    return Optional.empty();
                }
                found = found == null ? publish : found;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Map<String, Boolean> projectProperties(String text) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String name : PROPERTIES) {
            Matcher m = Pattern.compile("<" + name + ">\\s*(?i:(true|false))\\s*</" + name + ">").matcher(text);
            if (m.find()) {
                out.put(name, Boolean.parseBoolean(m.group(1).toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    /** Reads -p:Name=value (also /p:, -property:, several joined by ; and -p Name=value); false for a profile. */
    private static boolean commandLineProperties(List<String> args, Map<String, Boolean> out) {
        for (int i = 1; i < args.size(); i++) {
            Matcher joined = PROPERTY_OPTION.matcher(args.get(i));
            String assignments = joined.matches() ? joined.group(1)
                    : PROPERTY_FLAG.matcher(args.get(i)).matches() && i + 1 < args.size() ? args.get(++i) : null;
            if (assignments == null) {
                continue;
            }
            for (String assignment : assignments.split("[;,]")) {
                int eq = assignment.indexOf('=');
                String name = eq < 0 ? assignment.strip() : assignment.substring(0, eq).strip();
                if (name.equalsIgnoreCase("PublishProfile")) {
                    return false;
                }
                String value = eq < 0 ? "" : assignment.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
                PROPERTIES.stream().filter(name::equalsIgnoreCase).findFirst().ifPresent(p -> {
                    if (value.equals("true") || value.equals("false")) {
                        out.put(p, Boolean.parseBoolean(value));
                    }
                });
            }
        }
        return true;
    }
}
