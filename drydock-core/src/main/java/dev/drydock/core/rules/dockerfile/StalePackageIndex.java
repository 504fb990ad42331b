package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.PackageCommands.Invocation;
import dev.drydock.core.rules.support.PackageCommands.Manager;
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "stale-package-index",
        title = "Packages are installed from an index refreshed in an earlier RUN",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The RUNs of the stages a build uses, with the stages they are built on, in order: an apt-get/apt/"
                + "aptitude update, apk update (or apk add -U), yum/dnf makecache, update or upgrade, or zypper"
                + " refresh leaves a package index in its layer; a later RUN that installs with the same package"
                + " manager without refreshing the index itself (apt-get update, apk --update/--no-cache, dnf"
                + " --refresh or makecache, zypper refresh) is reported at its install command. An index removed"
                + " (rm -rf /var/lib/apt/lists/*, dnf clean all, zypper clean...) or kept on a cache mount does not"
                + " count.",
        problem = "Docker caches each RUN by its text: the RUN that only refreshes the index is taken from the build"
                + " cache for weeks, while the RUN that installs is rebuilt whenever its package list changes. It"
                + " then installs from the old index in the cached layer.",
        impact = "The install fails once the mirror has replaced the versions the old index names (apt: 404 Not"
                + " Found; apk: unable to fetch), or it silently installs outdated packages without their"
                + " security fixes.",
        recommendation = "Refresh and install in the same RUN: RUN apt-get update && apt-get install -y ... && rm -rf"
                + " /var/lib/apt/lists/*, RUN apk add --no-cache ..., RUN dnf install -y ... && dnf clean all.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#apt-get",
                "https://docs.docker.com/build/cache/"},
        aliases = {"DS-0017", "DS017", "CKV_DOCKER_5", "Update Instruction Alone"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update
                        RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update \\
                         && apt-get install -y --no-install-recommends curl \\
                         && rm -rf /var/lib/apt/lists/*
                        """))
public final class StalePackageIndex implements Rule {

    private static final Pattern TRAILING_WILDCARD = Pattern.compile("/\\*$");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    private static final Map<Manager, List<String>> INDEX = Map.of(
            Manager.APT, List.of("/var/lib/apt/lists"),
            Manager.APK, List.of("/var/cache/apk", "/etc/apk/cache"),
            Manager.RPM, List.of("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf"),
            Manager.ZYPPER, List.of("/var/cache/zypp"));
    private static final Set<String> RPM_REFRESH = Set.of("makecache", "mc", "update", "upgrade", "up",
            "check-update", "distro-sync", "distrosync");

    /** Where an index was last refreshed and left in place. */
    private record Refresh(RunStep run, Call call) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Set<Span> reported = new HashSet<>();
            Map<Stage, EnumMap<Manager, Refresh>> after = new IdentityHashMap<>();
            for (Stage stage : image.neededStages()) {
                EnumMap<Manager, Refresh> index = indexBefore(context, image, stage, after, reported);
                walk(context, image, stage, index, true, reported);
                after.put(stage, new EnumMap<>(index));
            }
        }
    }

    /**
     * The indexes left by the stages {@code stage} is built on, walking each of them once per image
     * ({@code after} holds the indexes each walked stage leaves).
     */
    private EnumMap<Manager, Refresh> indexBefore(ReviewContext context, BuiltImage image, Stage stage,
            Map<Stage, EnumMap<Manager, Refresh>> after, Set<Span> reported) {
        List<Stage> lineage = Stages.inImage(image.model(), stage);
        List<Stage> ancestors = lineage.subList(0, lineage.size() - 1);
        int from = ancestors.size();
        while (from > 0 && !after.containsKey(ancestors.get(from - 1))) {
            from--;
        }
        EnumMap<Manager, Refresh> index = from == 0 ? new EnumMap<>(Manager.class)
                : new EnumMap<>(after.get(ancestors.get(from - 1)));
        for (Stage ancestor : ancestors.subList(from, ancestors.size())) {
            walk(context, image, ancestor, index, false, reported);
            after.put(ancestor, new EnumMap<>(index));
        }
        return index;
    }

    /** Follows the stage's RUNs, updating the indexes; reports only where {@code own}. */
    private void walk(ReviewContext context, BuiltImage image, Stage stage, Map<Manager, Refresh> index, boolean own,
            Set<Span> reported) {
        for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
            if (MissingPackageManagers.reported(run)) {
                continue; // package-manager-not-in-image reports this RUN
            }
            for (Call call : run.calls()) {
                step(context, image, run, call, index, own, reported);
            }
        }
    }

    private void step(ReviewContext context, BuiltImage image, RunStep run, Call call, Map<Manager, Refresh> index,
            boolean own, Set<Span> reported) {
        for (Manager manager : Manager.values()) {
            if (removes(call, INDEX.get(manager))) {
                index.remove(manager);
            }
        }
        Optional<Invocation> found = PackageCommands.invocation(call);
        if (found.isEmpty() || found.get().subcommand() == null) {
            return;
        }
        Invocation invocation = found.get();
        Manager manager = invocation.manager();
        if (cleans(invocation)) {
            index.remove(manager);
            return;
        }
        if (refreshes(invocation)) {
            boolean kept = INDEX.get(manager).stream().noneMatch(run::cacheMountCovers)
                    && !(manager == Manager.APK && invocation.options().has("--no-cache"));
            if (kept) {
                index.put(manager, new Refresh(run, call));
            } else {
                index.remove(manager);
            }
        }
        if (PackageCommands.install(call).isEmpty() || freshWithoutIndex(invocation)) {
            return;
        }
        Refresh last = index.get(manager);
        if (last == null || last.run() == run || !own || !reported.add(call.span())) {
            return;
        }
        String refresh = last.call().name() + " " + PackageCommands.invocation(last.call()).orElseThrow().subcommand()
                .value();
        String install = call.name() + " " + invocation.subcommand().value();
        context.finding(this, image.dockerfile(), call.spanTo(invocation.subcommand()), install + " uses the package"
                        + " index that " + refresh + " left in the layer of line "
                        + last.run().instruction().span().startLine() + ": the build cache keeps that RUN, so this"
                        + " install runs against an index that gets older with every build")
                .recommendation("Refresh the index in this RUN: " + sameRun(manager, install)
                        + ", and drop the RUN that only runs " + refresh + ".")
                .add();
    }

    private static String sameRun(Manager manager, String install) {
        return switch (manager) {
            case APT -> "apt-get update && " + install + " -y ... && rm -rf /var/lib/apt/lists/*";
            case APK -> "apk add --no-cache ...";
            case RPM -> install + " -y --refresh ... && dnf clean all";
            case ZYPPER -> "zypper --non-interactive refresh && " + install + " ... && zypper clean --all";
        };
    }

    private static boolean refreshes(Invocation invocation) {
        String verb = invocation.verb();
        return switch (invocation.manager()) {
            case APT -> verb.equals("update");
            case APK -> verb.equals("update") || invocation.options().has("-U", "--update", "--update-cache");
            case RPM -> RPM_REFRESH.contains(verb) || invocation.options().has("--refresh");
            case ZYPPER -> verb.equals("refresh") || verb.equals("ref");
        };
    }

    /** apk add --no-cache fetches fresh indexes and keeps none. */
    private static boolean freshWithoutIndex(Invocation invocation) {
        return invocation.manager() == Manager.APK && invocation.options().has("--no-cache");
    }

    private static boolean cleans(Invocation invocation) {
        return switch (invocation.manager()) {
            case RPM -> invocation.verb().equals("clean") && invocation.arguments().stream()
                    .anyMatch(a -> a.value().equals("all") || a.value().equals("metadata"));
            case ZYPPER -> invocation.verb().equals("clean") || invocation.verb().equals("cc");
            default -> false;
        };
    }

    /** An rm of the index folder, something inside it, or a folder above it. */
    static boolean removes(Call call, List<String> folders) {
        if (!call.is("rm")) {
            return false;
        }
        for (Call.Arg operand : call.options().operands()) {
            String path = TRAILING_SLASHES.matcher(TRAILING_WILDCARD.matcher(operand.value()).replaceAll("")).replaceAll("");
            for (String folder : folders) {
                if (path.equals(folder) || path.startsWith(folder + "/")
                        || folder.startsWith(path + "/") && path.length() > "/var".length()) {
                    return true;
                }
            }
        }
        return false;
    }
}
