package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.JavaImages;
import dev.drydock.core.rules.support.KubernetesLimits;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.shell.ShellWords;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "jvm-heap-not-sized",
        title = "The JVM's heap is left at its default size",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "The java command a built container runs (ENTRYPOINT/CMD or compose command) for a maximum heap"
                + " setting: -Xmx, -XX:MaxHeapSize, -XX:MaxRAMPercentage, -XX:MaxRAM or -XX:MaxRAMFraction, on the"
                + " command line or in JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or _JAVA_OPTIONS (Dockerfile ENV or compose"
                + " environment; for an image only Kubernetes manifests run, every container's command, args or env)."
                + " Quiet when the command takes options from a variable it cannot resolve ($JAVA_OPTS set at run"
                + " time) or reads an argument file (@file). The message and recommendation compute the default heap"
                + " and the one to set from the memory limit: the compose service's (mem_limit,"
                + " deploy.resources.limits.memory), else, for an image only Kubernetes manifests run, the"
                + " resources.limits.memory every container that starts its java is deployed with (as every leaf"
                + " kustomization deploys it) when they agree: 25% of 1Gi is 256 MiB; -XX:MaxRAMPercentage=75, or 60"
                + " under 1 GiB. When the tag of the image's Java says a JVM that cannot see the container's limit"
                + " (Java 8 before 8u191; 8u191 to 8u371 and 11.0.0 to 11.0.15 on cgroup v2), the message says so and"
                + " recommends a fixed -Xmx or a newer tag instead of a percentage.",
        problem = "Without a setting, a container-aware JVM (JDK 10 and later, 8u191 and later) gives the heap at most"
                + " 25% of the container's memory limit (MaxRAMPercentage defaults to 25), or of the host's memory when"
                + " there is no limit.",
        impact = "With a limit, three quarters of the memory paid for stays unused by the heap while the application"
                + " collects garbage more often or fails with OutOfMemoryError; without one, the heap is sized from"
                + " the host's memory, which the other containers share.",
        recommendation = "Size the heap from the limit: java -XX:MaxRAMPercentage=75 (or 50 to 60 under 1 GiB, where"
                + " metaspace, threads and buffers take a larger share), and give the container a memory limit.",
        references = {
                "https://docs.oracle.com/en/java/javase/21/docs/specs/man/java.html",
                "https://docs.docker.com/reference/compose-file/services/#mem_limit",
                "https://docs.docker.com/guides/java/"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY app.jar .
                        USER 10001
                        ENTRYPOINT ["java", "-jar", "app.jar"]
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        WORKDIR /app
                        COPY app.jar .
                        USER 10001
                        ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]
                        """))
public final class JvmHeapNotSized implements Rule {

    private static final Set<String> HEAP_OPTIONS = Set.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAMPercentage",
            "-XX:MaxRAM", "-XX:MaxRAMFraction");
    private static final long MIB = 1024L * 1024;

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            EffectiveCommand command = c.command();
            if (ep == null || command == null || ep.runtime() != Runtime.JAVA || ep.development()
                    || !ep.unresolved().isEmpty() || sized(ep) || sizedByManifests(context, c, command)) {
                continue;
            }
            Located<Service.ByteSize> limit = AppFacts.memoryLimit(c);
            long limitBytes = limit == null || limit.value() == null ? 0 : limit.value().bytes();
            String limitText = limitBytes > 0 ? limit.value().text() : null;
            String limited = limitBytes > 0 ? c.name() + "'s " + limitText + " memory limit" : null;
            if (limitBytes == 0 && !c.isComposeService()) {
                // the limit every Kubernetes container that starts the image's java runs with
                var kube = KubernetesLimits.memoryLimit(context, c, r -> r.runsImageProgram(command.argv()));
                if (kube.isPresent()) {
                    limitBytes = kube.get().mib() * MIB;
                    limitText = kube.get().text();
                    limited = "the " + limitText + " memory limit at " + kube.get().where(null);
                }
            }
            int percent = limitBytes > 0 && limitBytes < 1024 * MIB ? 60 : 75;
            Optional<String> unseen = baseReference(c).flatMap(JavaImages::containerLimitUnseen);
            if (unseen.isPresent()) {
                reportLimitUnseen(context, c, command, unseen.get(), limitBytes, limitText);
                continue;
            }
            String message = limitBytes > 0
                    ? "java sets no maximum heap, so the JVM takes at most 25% of " + limited + " (about " + limitBytes / 4 / MIB + " MiB) for it"
                    : c.isComposeService()
                            ? "java sets no maximum heap, and " + c.name() + " has no memory limit: the JVM sizes its"
                                    + " heap at 25% of the memory it sees, the host's, which the other containers share"
                            : "java sets no maximum heap: the JVM gives the heap 25% of the memory limit the container"
                                    + " runs with (docker run -m, a Kubernetes limit), or of the host's memory without one";
            context.finding(this, command.origin(), message)
                    .recommendation("Size the heap from the container's limit: " + where(command, percent)
                            + (limitBytes > 0 ? " (" + limitBytes * percent / 100 / MIB + " MiB of "
                                    + limitText + ", leaving the rest to metaspace, threads and buffers)"
                                    : c.isComposeService() ? ", and give the service a memory limit (mem_limit or"
                                            + " deploy.resources.limits.memory)"
                                    : " (50 to 60 when the container gets less than 1 GiB), and run it with a memory limit")
                            + ".")
                    .fix(fix(c, command, percent))
                    .add();
        }
    }

    /**
     * A JVM that cannot see the container's limit takes a percentage of the host's memory, so a percentage option does
     * not help: the heap needs a fixed size, or a release that reads the limit.
     */
    private void reportLimitUnseen(ReviewContext context, Container c, EffectiveCommand command, String why,
            long limitBytes, String limitText) {
        String image = baseReference(c).map(ImageReference::familiarString).orElse("the base image");
        String size = limitBytes > 0 ? "-Xmx" + limitBytes * 3 / 4 / MIB + "m (75% of " + limitText + ")"
                : "a fixed -Xmx, about three quarters of the memory limit the container runs with";
        context.finding(this, command.origin(), "java sets no maximum heap, and " + image + " runs " + why
                        + ", memory the other containers share; -XX:MaxRAMPercentage would not help, since it is a"
                        + " share of that same memory")
                .recommendation("Move to a current tag of the same Java (8u372 or later, 11.0.16 or later, or a newer"
                        + " release), then size the heap with -XX:MaxRAMPercentage=75; until then give java " + size
                        + ".")
                .add();
    }

    private static Optional<ImageReference> baseReference(Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        return Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External external
                ? Optional.ofNullable(external.reference()) : Optional.empty();
    }

    /** Where the option goes: after java, or where the base image's own ENTRYPOINT leaves room for it. */
    private static String where(EffectiveCommand command, int percent) {
        String option = "-XX:MaxRAMPercentage=" + percent;
        if (!command.inheritsEntrypoint()) {
            return "add " + option + " after java";
        }
        String runs = String.join(" ", command.entrypoint());
        // java takes the argument after -jar as the jar's path, so nothing can go between them
        return command.entrypoint().contains("-jar")
                ? command.entrypointImage() + "'s ENTRYPOINT runs `" + runs + "` with CMD as the jar's path, so set"
                        + " ENV JAVA_TOOL_OPTIONS=\"" + option + "\""
                : command.entrypointImage() + "'s ENTRYPOINT runs `" + runs + "` with CMD as its arguments, so put "
                        + option + " first in the command";
    }

    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private static boolean sized(EntryPoint ep) {
        if (ep.interpreterOptions().keySet().stream().anyMatch(k -> HEAP_OPTIONS.contains(k)
                || k.startsWith("-Xmx"))) {
            return true;
        }
        for (String variable : OPTION_VARIABLES) {
            String value = ep.environment().get(variable);
            if (value != null && ShellWords.split(value).stream().anyMatch(JvmHeapNotSized::heapOption)) {
                return true;
            }
        }
        return false;
    }

    private static boolean heapOption(String option) {
        return option.startsWith("-Xmx") || HEAP_OPTIONS.stream()
                .anyMatch(h -> option.startsWith(h + "=") || option.startsWith(h + ":"));
    }

    /**
     * Whether the Kubernetes manifests size the heap of an image no compose file runs: every container of theirs that
     * starts the image's java sets a heap option in its command or args, or in one of the JVM's option variables
     * (a literal {@code env} value), or takes that variable from a ConfigMap or Secret drydock cannot read.
     */
    private static boolean sizedByManifests(ReviewContext context, Container c, EffectiveCommand command) {
        if (c.isComposeService()) {
            return false;
        }
        List<KubernetesRuns> runs = KubernetesRuns.of(context, c).stream()
                .filter(r -> r.runsImageProgram(command.argv())).toList();
        return !runs.isEmpty() && runs.stream().allMatch(r -> sizedBy(r.container()));
    }

    private static boolean sizedBy(KubeContainer k) {
        if (k.command().stream().anyMatch(JvmHeapNotSized::heapOption)
                || k.args().stream().anyMatch(JvmHeapNotSized::heapOption)) {
            return true;
        }
        for (String variable : OPTION_VARIABLES) {
            var literal = k.values().stream().filter(v -> v.name().equals(variable)).findFirst();
            boolean sized = literal.isPresent()
                    ? ShellWords.split(literal.get().value()).stream().anyMatch(JvmHeapNotSized::heapOption)
                    : k.environment().contains(variable); // from a ConfigMap or Secret
            if (sized) {
                return true;
            }
        }
        return false;
    }

    /** The option inserted after java in the final stage's own exec-form ENTRYPOINT or CMD that names java. */
    private static Fix fix(Container c, EffectiveCommand command, int percent) {
        Instruction own = WrittenInstructions.ownAt(c, command.origin());
        if (own == null || !(own.arguments() instanceof ExecForm exec) || exec.elements().isEmpty()) {
            return null;
        }
        String first = exec.elements().get(0).value();
        if (!first.equals("java") && !first.endsWith("/java")) {
            return null;
        }
        String option = "-XX:MaxRAMPercentage=" + percent;
        // the separator the list already uses between its elements ("java","-jar" or "java", "-jar")
        String separator = exec.elements().size() < 2 ? ", " : own.file().text().substring(
                exec.elements().get(0).span().end(), exec.elements().get(1).span().start());
        if (!separator.strip().equals(",")) {
            separator = ", ";
        }
        return Fix.of("size the heap at " + percent + "% of the container's memory", FixSafety.UNSAFE,
                TextEdit.insert(own.file().path(), exec.elements().get(0).span().end(), separator + "\"" + option + "\""));
    }
}
