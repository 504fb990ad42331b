package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
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
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "package-manager-prompts",
        title = "A package manager asks for a confirmation the build cannot give",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "Every apt-get/apt/aptitude, yum/dnf/tdnf and zypper command that installs, upgrades or removes"
                + " packages in the RUNs of the stages a build uses (builder stages included), in shell form,"
                + " heredocs and exec form. Fine with apt's -y/--yes/--assume-yes, -qq (or -q -q, -q=2) or"
                + " -o APT::Get::Assume-Yes=true; yum/dnf/tdnf -y/--assumeyes or --setopt=assumeyes=1; zypper"
                + " -n/--non-interactive/-y/--no-confirm; `yes |` in front; or assume-yes written into apt.conf,"
                + " yum.conf or dnf.conf by this or an earlier RUN of the stage. apk and microdnf never ask and are"
                + " not looked at.",
        problem = "These package managers ask before they change the system (apt-get: 'Do you want to continue?'"
                + " as soon as the command does more than install the named packages; yum, dnf and zypper: before"
                + " every transaction). A build has no terminal and an empty standard input: apt-get answers"
                + " 'Abort.', dnf and yum take the default 'No', zypper reports 'Cannot read input: bad stream or"
                + " EOF', and the RUN fails. DEBIAN_FRONTEND=noninteractive does not answer this question; it only"
                + " silences debconf.",
        impact = "The build fails, or, for apt-get, works only while no dependency needs to be installed and breaks"
                + " the day a package gains one.",
        recommendation = "Answer yes on the command line: apt-get install -y, dnf install -y, yum install -y,"
                + " zypper --non-interactive install (or zypper install -y).",
        references = {
                "https://docs.docker.com/build/building/best-practices/#apt-get",
                "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
                "https://dnf.readthedocs.io/en/latest/command_ref.html",
                "https://en.opensuse.org/SDB:Zypper_usage"},
        aliases = {"DL3014", "DL3030", "DL3034", "DL3038", "DS-0021", "DS021",
                "APT-GET Missing Flags To Avoid Manual Input", "Yum Install Allows Manual Input",
                "Missing Flag From Dnf Install", "Missing Zypper Non-interactive Switch"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update \\
                         && apt-get install --no-install-recommends curl \\
                         && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update \\
                         && apt-get install -y --no-install-recommends curl \\
                         && rm -rf /var/lib/apt/lists/*
                        """))
public final class PackageManagerPrompts implements Rule {

    private static final Set<String> APT_VERBS = Set.of("install", "reinstall", "remove", "purge", "upgrade",
            "dist-upgrade", "full-upgrade", "safe-upgrade", "autoremove", "autopurge", "build-dep", "satisfy");
    private static final Set<String> RPM_VERBS = Set.of("install", "in", "reinstall", "groupinstall", "localinstall",
            "update", "upgrade", "up", "update-minimal", "upgrade-minimal", "distro-sync", "distrosync", "dsync",
            "downgrade", "remove", "erase", "rm", "autoremove", "groupremove", "groupupdate", "groupupgrade", "swap",
            "builddep", "debuginfo-install");
    private static final Set<String> RPM_MODULE_VERBS = Set.of("install", "enable", "disable", "reset", "remove",
            "switch-to");
    private static final Set<String> ZYPPER_VERBS = Set.of("install", "in", "remove", "rm", "update", "up", "patch",
            "dist-upgrade", "dup", "source-install", "si", "install-new-recommends", "inr");
    private static final Pattern APT_QUIET_LEVEL = Pattern.compile("(-q|--quiet)=(\\d+)");
    private static final Pattern APT_ASSUME_YES = Pattern.compile(
            "apt::get::assume-yes\\s*=?\\s*\"?(true|1|yes|on)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RPM_ASSUME_YES = Pattern.compile(
            "(?<![a-z_])assumeyes\\s*=\\s*(true|1|yes|on)\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            AssumeYes assumeYes = new AssumeYes(image);
            for (Stage stage : image.neededStages()) {
                List<RunStep> runs = RunStep.of(image.model(), List.of(stage));
                for (int r = 0; r < runs.size(); r++) {
                    RunStep run = runs.get(r);
                        if (MissingPackageManagers.reported(run)) {
                            continue; // package-manager-not-in-image reports this RUN
                        }
                    List<Call> calls = run.calls();
                    for (int i = 0; i < calls.size(); i++) {
                        Optional<Invocation> invocation = PackageCommands.invocation(calls.get(i));
                        if (invocation.isPresent() && asks(invocation.get()) && !answered(invocation.get())
                                && !pipedFromYes(calls, i) && !assumeYes.configured(stage, runs, r, invocation.get())) {
                            report(context, image, run, invocation.get());
                        }
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, RunStep run, Invocation invocation) {
        Call call = invocation.call();
        String command = call.name() + " " + invocation.subcommand().value();
        String switchWord = invocation.manager() == Manager.ZYPPER ? "--non-interactive" : "-y";
        String why = switch (invocation.manager()) {
            case APT -> call.name() + " asks 'Do you want to continue?' as soon as it has more to do than the"
                    + " packages named (a dependency, a removal); with no input it answers 'Abort.' and the RUN fails";
            case ZYPPER -> "zypper asks for confirmation and, with no terminal, stops with 'Cannot read input: bad"
                    + " stream or EOF'";
            default -> call.name() + " asks 'Is this ok [y/N]' before the transaction and, with no input, takes the"
                    + " default No: the RUN fails";
        };
        String fixed = invocation.manager() == Manager.ZYPPER ? "zypper --non-interactive "
                + invocation.subcommand().value() : command + " -y";
        TextEdit edit = invocation.manager() == Manager.ZYPPER
                ? TextEdit.insert(image.dockerfile(), call.program().span().end(), " --non-interactive")
                : TextEdit.insert(image.dockerfile(), invocation.subcommand().span().end(), " -y");
        context.finding(this, image.dockerfile(), call.spanTo(invocation.subcommand()),
                        command + " runs without " + switchWord + ": " + why)
                .recommendation("Write " + fixed + " ..."
                        + (invocation.manager() == Manager.APT ? " (DEBIAN_FRONTEND=noninteractive does not answer"
                                + " this question)." : "."))
                .fix(run.script() == null || call.program() == null ? null
                        : Fix.of("add " + switchWord, FixSafety.SAFE, edit))
                .add();
    }

    /** Whether the command changes installed packages and so asks first. */
    private static boolean asks(Invocation invocation) {
        if (invocation.subcommand() == null) {
            return false;
        }
        String verb = invocation.verb();
        return switch (invocation.manager()) {
            case APT -> APT_VERBS.contains(verb);
            case APK -> false;
            case RPM -> !invocation.call().is("microdnf") && (RPM_VERBS.contains(verb) || verb.equals("module")
                    && !invocation.arguments().isEmpty()
                    && RPM_MODULE_VERBS.contains(invocation.arguments().get(0).value()));
            case ZYPPER -> ZYPPER_VERBS.contains(verb);
        };
    }

    private static boolean answered(Invocation invocation) {
        Call.Options options = invocation.options();
        return switch (invocation.manager()) {
            case APT -> options.has("-y", "--yes", "--assume-yes") || aptQuietLevel(invocation) >= 2
                    || options.values("-o", "--option").stream().anyMatch(v -> APT_ASSUME_YES.matcher(v).find());
            case RPM -> options.has("-y", "--assumeyes")
                    || options.values("--setopt").stream().anyMatch(v -> RPM_ASSUME_YES.matcher(v).find());
            case ZYPPER -> options.has("-n", "--non-interactive", "-y", "--no-confirm");
            case APK -> true;
        };
    }

    /** apt's quiet level: -qq, -q -q, --quiet --quiet or -q=2 (level 2 implies -y). */
    private static int aptQuietLevel(Invocation invocation) {
        int level = 0;
        for (Call.Options.Option option : invocation.options().all()) {
            if (option.name().equals("-q") || option.name().equals("--quiet") && option.value() == null) {
                level++;
            }
        }
        for (Call.Arg arg : invocation.call().args()) {
            Matcher m = APT_QUIET_LEVEL.matcher(arg.value());
            if (m.matches()) {
                level = Math.max(level, Integer.parseInt(m.group(2)));
            }
        }
        return level;
    }

    /** {@code yes | apt-get install ...} */
    private static boolean pipedFromYes(List<Call> calls, int index) {
        Call call = calls.get(index);
        return call.command() != null && call.command().pipelineIndex() > 0 && index > 0
                && calls.get(index - 1).is("yes");
    }

    /**
     * Whether this or an earlier RUN of the stage's lineage writes assume-yes into the manager's
     * configuration; each RUN's text is read once per image and manager.
     */
    private static final class AssumeYes {
        private final BuiltImage image;
        private final Map<Manager, Map<Stage, Boolean>> stageWrites = new EnumMap<>(Manager.class);
        private final Map<Manager, Integer> scanned = new EnumMap<>(Manager.class);
        private final Map<Manager, Boolean> writtenInStage = new EnumMap<>(Manager.class);
        private Stage stage;

        AssumeYes(BuiltImage image) {
            this.image = image;
        }

        boolean configured(Stage stage, List<RunStep> runs, int current, Invocation invocation) {
            Manager manager = invocation.manager();
            if (manager != Manager.APT && manager != Manager.RPM) {
                return false;
            }
            Map<Stage, Boolean> writes = stageWrites.computeIfAbsent(manager, m -> new IdentityHashMap<>());
            for (Stage s : Stages.lineage(image.model(), stage)) {
                if (s != stage && writes.computeIfAbsent(s, x -> x.runs().stream()
                        .anyMatch(spec -> writesAssumeYes(manager, spec.instruction().rawText())))) {
                    return true;
                }
            }
            if (this.stage != stage) {
                this.stage = stage;
                scanned.clear();
                writtenInStage.clear();
            }
            int from = scanned.getOrDefault(manager, 0);
            boolean written = writtenInStage.getOrDefault(manager, false);
            for (int r = from; r <= current && !written; r++) {
                written = writesAssumeYes(manager, runs.get(r).instruction().rawText());
            }
            scanned.put(manager, Math.max(from, current + 1));
            writtenInStage.put(manager, written);
            return written;
        }
    }

    private static boolean writesAssumeYes(Manager manager, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return manager == Manager.APT ? APT_ASSUME_YES.matcher(text).find() && lower.contains("apt.conf")
                : RPM_ASSUME_YES.matcher(text).find() && (lower.contains("yum.conf") || lower.contains("dnf.conf"));
    }
}
