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

    private static final List<String> PROPERTIES = List.of("UseAppHost", "PublishSingleFile", "PublishAot", "SelfContained");
    private static final Pattern TARGET_FRAMEWORK = Pattern.compile("<TargetFramework>\\s*net(\\d+)\\.\\d+\\s*</TargetFramework>");
    private static final Pattern RUNTIME_IDENTIFIER = Pattern.compile("<RuntimeIdentifier>\\s*[^<\\s]");
    private static final Pattern PROPERTY_OPTION = Pattern.compile("(?i)(?:-|--|/)(?:p|property):(.+)");
    private static final Pattern PROPERTY_FLAG = Pattern.compile("(?i)(?:-|--|/)(?:p|property)");

    /**
     * The publish: the properties that decide its output, from the project file and the command line, and the line
     * of the Dockerfile that runs it.
     *
     * @param runtimeIdentifier whether it targets a runtime ({@code -r linux-x64}, {@code <RuntimeIdentifier>})
     * @param targetMajor the .NET version of the project's one {@code <TargetFramework>} (8 for net8.0), or 0
     */
    public record Publish(Map<String, Boolean> properties, boolean runtimeIdentifier, int targetMajor, int line) {

        /**
         * Whether the output needs a .NET runtime installed beside it; empty when that is not known. Native AOT needs
         * none; SelfContained says it when written; else a publish for a runtime is self-contained for projects
         * before .NET 8 (as PublishSingleFile made it) and framework-dependent from .NET 8 on, and one for no
         * runtime is framework-dependent.
         */
        public Optional<Boolean> frameworkDependent() {
            if (Boolean.TRUE.equals(properties.get("PublishAot"))) {
                return Optional.of(false);
            }
            Boolean selfContained = properties.get("SelfContained");
            if (selfContained != null) {
                return Optional.of(!selfContained);
            }
            if (targetMajor >= 8) {
                return Optional.of(true);
            }
            boolean impliedRuntime = runtimeIdentifier || Boolean.TRUE.equals(properties.get("PublishSingleFile"));
            return impliedRuntime ? (targetMajor > 0 ? Optional.of(false) : Optional.empty()) : Optional.of(true);
        }

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
        return context.memo("dotnet-publish", c, () -> read(context, c));
    }

    private static Optional<Publish> read(ReviewContext context, Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        String project = DotnetAssemblies.of(context, c).flatMap(a -> context.project().source(a.project()))
                .map(f -> f.text()).orElse("");
        Map<String, Boolean> fromProject = projectProperties(project);
        Matcher target = TARGET_FRAMEWORK.matcher(project);
        int targetMajor = target.find() ? Integer.parseInt(target.group(1)) : 0;
        boolean projectRuntime = RUNTIME_IDENTIFIER.matcher(project).find();
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
                Publish publish = new Publish(properties, projectRuntime || runtimeOption(args), targetMajor,
                        call.span().startLine());
                if (found != null && (!found.properties().equals(properties)
                        || found.runtimeIdentifier() != publish.runtimeIdentifier())) {
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

    private static boolean runtimeOption(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("-r") || a.equals("--runtime") || a.startsWith("--runtime=")
                || a.startsWith("-r:") || a.startsWith("-p:RuntimeIdentifier=") || a.startsWith("/p:RuntimeIdentifier="));
    }

    /**
     * Reads -p:Name=value (also /p:, -property:, several joined by ; and -p Name=value) and --self-contained
     * ({@code --sc}, with an optional true or false; {@code --no-self-contained}); false for a profile.
     */
    private static boolean commandLineProperties(List<String> args, Map<String, Boolean> out) {
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i).toLowerCase(Locale.ROOT);
            if (arg.equals("--no-self-contained")) {
                out.put("SelfContained", false);
                continue;
            }
            if (arg.matches("--(self-contained|sc)[=:](true|false)")) {
                out.put("SelfContained", arg.endsWith("true"));
                continue;
            }
            if (arg.equals("--self-contained") || arg.equals("--sc")) {
                String next = i + 1 < args.size() ? args.get(i + 1).toLowerCase(Locale.ROOT) : "";
                boolean valued = next.equals("true") || next.equals("false");
                out.put("SelfContained", !valued || Boolean.parseBoolean(next));
                i += valued ? 1 : 0;
                continue;
            }
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
