package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ImageVariables;
import dev.drydock.core.rules.support.JavaImages;
import dev.drydock.core.rules.support.JvmSizes;
import dev.drydock.core.rules.support.OfficialImages;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.ShellWords;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "jvm-options-ignored",
        title = "JVM options are set in a variable java does not read",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "JAVA_OPTS, JAVA_OPTIONS and JAVA_OPTS_APPEND (the UBI OpenJDK images' run-java.sh) holding JVM options (a value starting with -) in the image's ENV or a"
                + " compose service's environment, when the container starts java itself: its command (ENTRYPOINT"
                + " and CMD, the base image's own ENTRYPOINT such as distroless's java -jar, or compose"
                + " command/entrypoint) runs java with no reference to the variable, and no entry-point script or"
                + " start script of the project on the way mentions it. Quiet when a shell expands it (sh -c \"exec"
                + " java $JAVA_OPTS -jar app.jar\"), when a script on the way cannot be read, when only CMD is set on"
                + " a base image that is not a Docker Official Image (its ENTRYPOINT script may read the variable),"
                + " and when the command runs a launcher script instead of java (Tomcat's catalina.sh, Gradle's and"
                + " sbt's start scripts, the run-java.sh of the UBI OpenJDK images, which all read JAVA_OPTS). When the"
                + " ignored options fix a heap (-Xmx, -XX:MaxHeapSize) at or above the container's memory limit, the"
                + " recommendation says to lower it too and no rename is offered as a fix: once read, that heap gets"
                + " the JVM killed.",
        problem = "JAVA_OPTS is a convention of start scripts, not of Java: the java launcher takes options only"
                + " from its command line, JDK_JAVA_OPTIONS (JDK 9 and later), JAVA_TOOL_OPTIONS and HotSpot's"
                + " _JAVA_OPTIONS. A container that runs java directly never hands the variable to the JVM.",
        impact = "The heap size, garbage collector, Spring profile or agent the variable sets never apply: the JVM"
                + " runs with its defaults (a heap of 25% of the memory limit), with nothing in the logs to show it.",
        recommendation = "Rename the variable to JDK_JAVA_OPTIONS, which the java launcher of JDK 9 and later reads"
                + " (JAVA_TOOL_OPTIONS for Java 8: every JVM reads it, jcmd and other tools included), or put the"
                + " options on the java command line.",
        references = {
                "https://docs.oracle.com/en/java/javase/21/docs/specs/man/java.html#using-the-jdk_java_options-launcher-environment-variable",
                "https://docs.oracle.com/en/java/javase/21/troubleshoot/environment-variables-and-system-properties.html",
                "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY app.jar .
                        USER 10001
                        ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
                        ENTRYPOINT ["java", "-jar", "app.jar"]
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY app.jar .
                        USER 10001
                        ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75"
                        ENTRYPOINT ["java", "-jar", "app.jar"]
                        """))
public final class JvmOptionsIgnored implements Rule {

    /** Names start scripts read their JVM options from, which the java launcher does not. */
    private static final List<String> SCRIPT_NAMES = List.of("JAVA_OPTS", "JAVA_OPTIONS", "JAVA_OPTS_APPEND");

    /** How a container's command treats the variable. */
    private enum Use { NO_JAVA, UNKNOWN, READ, IGNORED }

    /** What the container does with the variable, and the java it starts (null when none). */
    private record Verdict(Use use, EntryPoint java) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (ImageVariables.Entry entry : ImageVariables.of(image)) {
                if (entry.kind() == Variables.Kind.ENV && entry.effective() && SCRIPT_NAMES.contains(entry.name())
                        && jvmOptions(entry.value())) {
                    imageEnv(context, image, entry);
                }
            }
            for (Container c : image.containers()) {
                for (String name : SCRIPT_NAMES) {
                    Optional<Service.EnvVar> var = c.service() == null ? Optional.empty() : c.service().env(name);
                    if (var.isPresent() && var.get().value() != null && jvmOptions(var.get().value().value())) {
                        Verdict verdict = verdict(context, c, name);
                        if (verdict.use() == Use.IGNORED) {
                            composeEnv(context, c, verdict.java(), name, var.get());
                        }
                    }
                }
            }
        }
    }

    private void imageEnv(ReviewContext context, BuiltImage image, ImageVariables.Entry entry) {
        Container ignoring = null;
        EntryPoint java = null;
        for (Container c : image.containers()) {
            Verdict verdict = verdict(context, c, entry.name());
            if (verdict.use() == Use.READ || verdict.use() == Use.UNKNOWN) {
                return;
            }
            if (verdict.use() == Use.IGNORED && ignoring == null) {
                ignoring = c;
                java = verdict.java();
            }
        }
        if (ignoring == null) {
            return;
        }
        String target = replacement(ignoring);
        SourceFile file = entry.instruction().file();
        String heapWarning = heapAboveLimit(entry.value(), ignoring);
        Fix fix = java.environment().containsKey(target) || !heapWarning.isEmpty() ? null
                : rename(file, entry.entry().name().span(), entry.name(), target);
        context.finding(this, image.dockerfile(), entry.entry().span(), message("ENV " + entry.name(),
                        entry.value(), ignoring, java))
                .recommendation(recommendation(entry.name(), target, ignoring) + heapWarning)
                .fix(fix)
                .add();
    }

    private void composeEnv(ReviewContext context, Container c, EntryPoint java, String name, Service.EnvVar var) {
        Located<String> value = var.value();
        String target = replacement(c);
        Fix fix = null;
        String heapWarning = heapAboveLimit(value.value(), c);
        if (!java.environment().containsKey(target) && heapWarning.isEmpty()) {
            fix = rename(value.file(), var.listForm() ? value.span() : value.keySpan(), name, target);
        }
        context.finding(this, value.file().path(), value.keySpan(), message(name + " in the environment of "
                        + c.name(), value.value(), c, java))
                .recommendation(recommendation(name, target, c) + heapWarning)
                .fix(fix)
                .add();
    }

    private static String message(String what, String value, Container c, EntryPoint java) {
        List<String> options = ShellWords.split(value);
        return what + " sets " + String.join(" ", options) + ", but " + (c.isComposeService() ? c.name() : "the container")
                + " starts java itself (`"
                + String.join(" ", java.args()) + "`) and nothing passes the variable on: the java launcher reads"
                + " options only from its command line, JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS and _JAVA_OPTIONS, so "
                + (options.size() == 1 ? "this option never applies" : "none of these options applies")
                + " and the JVM runs with its defaults";
    }

    private static String recommendation(String name, String target, Container c) {
        OptionalInt release = release(c);
        return "Rename " + name + " to " + target + (target.equals("JDK_JAVA_OPTIONS")
                ? ", which the java launcher of JDK 9 and later reads (the image runs Java " + release.getAsInt()
                        + "); unlike JAVA_TOOL_OPTIONS, it is not applied to jcmd, jstack or another JVM tool run in"
                        + " the container"
                : ", which every JVM reads from Java 5 on (and prints \"Picked up JAVA_TOOL_OPTIONS\" on stderr);"
                        + " JDK_JAVA_OPTIONS reads the same for the java launcher alone, from JDK 9 on")
                + ". Or put the options on the java command line.";
    }

    /**
     * A warning when the ignored options fix the heap at the container's memory limit or above it: once java reads
     * them, the JVM, which needs memory beyond its heap, is killed (exit 137) as the heap grows. Empty otherwise.
     */
    private static String heapAboveLimit(String value, Container c) {
        String heap = JvmSizes.maxHeapOption(ShellWords.split(value));
        Located<Service.ByteSize> limit = AppFacts.memoryLimit(c);
        if (heap == null || limit == null || limit.value() == null || limit.value().bytes() <= 0
                || JvmSizes.maxHeapBytes(heap) < limit.value().bytes()) {
            return "";
        }
        long limitMib = limit.value().bytes() / (1024 * 1024);
        return " Lower " + heap + " when you do: it is not below the " + limit.value().text() + " memory limit of "
                + c.name() + ", and a JVM whose heap grows to the limit is killed (exit 137), since it also needs"
                + " memory for metaspace, thread stacks and buffers; -Xmx" + limitMib * 3 / 4 + "m (three quarters of"
                + " the limit) or -XX:MaxRAMPercentage=75 fits.";
    }

    /** JDK_JAVA_OPTIONS when the image runs Java 9 or later, else JAVA_TOOL_OPTIONS, which Java 8 reads too. */
    private static String replacement(Container c) {
        OptionalInt release = release(c);
        return release.isPresent() && release.getAsInt() >= 9 ? "JDK_JAVA_OPTIONS" : "JAVA_TOOL_OPTIONS";
    }

    private static OptionalInt release(Container c) {
        BaseImage base = baseImage(c);
        return base instanceof BaseImage.External external && external.reference() != null
                ? JavaImages.featureRelease(external.reference()) : OptionalInt.empty();
    }

    private static BaseImage baseImage(Container c) {
        return c.build() == null || c.build().model() == null || c.build().stage() == null ? null
                : Stages.rootBase(c.build().model(), c.build().stage());
    }

    /** The new name written over the old one, where the file holds the name as it is (unquoted or quoted). */
    private static Fix rename(SourceFile file, Span span, String name, String target) {
        String text = file.text().substring(span.start(), span.end());
        int at = text.startsWith(name) ? 0 : text.length() > 1 && "\"'".indexOf(text.charAt(0)) >= 0
                && text.startsWith(name, 1) ? 1 : -1;
        if (at < 0) {
            return null;
        }
        int start = span.start() + at;
        return Fix.of("rename " + name + " to " + target + ", which java reads", FixSafety.UNSAFE,
                TextEdit.replace(file.path(), start, start + name.length(), target));
    }

    /**
     * Whether the container's java gets the variable: READ when the command, a script on the way or the start
     * script mentions it; IGNORED when it starts java with none of them doing so; UNKNOWN when a script cannot be
     * read or the base image's own ENTRYPOINT may stand before the CMD; NO_JAVA when the command starts no java.
     */
    private static Verdict verdict(ReviewContext context, Container c, String name) {
        EffectiveCommand command = c.command();
        EntryPoint ep = c.entryPoint();
        if (command == null || ep == null) {
            return new Verdict(Use.NO_JAVA, null);
        }
        EntryPoint java = ep;
        Pattern mention = Pattern.compile("(?<![A-Za-z0-9_])" + name + "(?![A-Za-z0-9_])");
        List<String> texts = new ArrayList<>(command.argv());
        if (command.script() != null) {
            texts.add(command.script());
        }
        List<SourceFile> scripts = new ArrayList<>();
        if (ep.runtime() != Runtime.JAVA) {
            AppFacts.StartScript start = AppFacts.startScript(context, c).orElse(null);
            if (start == null || start.started().runtime() != Runtime.JAVA) {
                return new Verdict(Use.NO_JAVA, null);
            }
            java = start.started();
            scripts.add(start.file());
        }
        for (String script : ep.scripts()) {
            SourceFile file = c.build() == null ? null : c.scripts().find(script).orElse(null);
            if (file == null) {
                return new Verdict(Use.UNKNOWN, java);
            }
            scripts.add(file);
        }
        if (texts.stream().anyMatch(t -> mention.matcher(t).find())
                || scripts.stream().anyMatch(file -> reads(c.scripts().parsed(file), name, mention))) {
            return new Verdict(Use.READ, java);
        }
        if (command.entrypointOrigin() == null && !command.inheritsEntrypoint() && !officialBase(c)) {
            return new Verdict(Use.UNKNOWN, java);
        }
        return new Verdict(Use.IGNORED, java);
    }

    /**
     * Whether a start script expands the variable (a comment or a quoted mention reads nothing); one the parser could
     * not fully read counts when its text names the variable.
     */
    private static boolean reads(ShellScript script, String name, Pattern mention) {
        return !ScriptRuns.expansions(script, name).isEmpty()
                || script.hasProblems() && mention.matcher(script.text().file().text()).find();
    }

    private static boolean officialBase(Container c) {
        return baseImage(c) instanceof BaseImage.External external && external.reference() != null
                && OfficialImages.published(external.reference());
    }

    private static boolean jvmOptions(String value) {
        return value != null && value.strip().startsWith("-");
    }
}
