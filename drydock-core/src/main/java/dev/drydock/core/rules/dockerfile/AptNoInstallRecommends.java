package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.PackageCommands.Manager;
import dev.drydock.core.rules.support.PackageCommands.Operation;
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "apt-no-install-recommends",
        title = "apt installs recommended packages too",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "Every apt-get install, apt install and aptitude install of the stages a build uses, in shell and"
                + " exec form, wherever it sits in a multi-line RUN: fires when neither --no-install-recommends"
                + " (aptitude: -R/--without-recommends) nor -o APT::Install-Recommends=false|0 is given and no earlier"
                + " RUN of the stage's lineage writes APT::Install-Recommends \"false\"|\"0\" into apt's configuration."
                + " An install that names no package and no --fix-broken (apt-get install -y alone) installs nothing"
                + " and is left out. Points at the apt-get ... install words. Low in the image's own stages, info in builder stages"
                + " (there it costs build time only).",
        problem = "By default apt installs each package's Recommends as well: documentation, optional tools and"
                + " libraries the application never uses.",
        impact = "Larger images (often tens to hundreds of MB), slower pulls and more packages for scanners to"
                + " report and for attackers to use.",
        recommendation = "Add --no-install-recommends to apt-get install and list explicitly the few recommended"
                + " packages the application turns out to need (ca-certificates is the usual one).",
        references = {
                "https://docs.docker.com/build/building/best-practices/#apt-get",
                "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {"DL3015", "DS029", "DS-0029", "APT-GET Not Avoiding Additional Packages"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.8-slim
                        RUN apt-get update \\
                            && apt-get install -y ca-certificates curl \\
                            && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.8-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends ca-certificates curl \\
                            && rm -rf /var/lib/apt/lists/*
                        """))
public final class AptNoInstallRecommends implements Rule {

    private static final Pattern SETTING = Pattern.compile(
            "apt::install-recommends\\s*=?\\s*\"?(false|0|no|off)\"?", Pattern.CASE_INSENSITIVE);

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            List<Stage> imageStages = image.imageStages();
            Map<Stage, Boolean> stageConfigures = new IdentityHashMap<>();
            for (Stage stage : image.neededStages()) {
                boolean builder = !imageStages.contains(stage);
                boolean configured = lineageConfigures(image, stage, stageConfigures);
                int aptConfCopy = stage.copies().stream().filter(AptNoInstallRecommends::copiesAptConf)
                        .mapToInt(c -> c.instruction().span().start()).min().orElse(Integer.MAX_VALUE);
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    if (MissingPackageManagers.reported(run)) {
                        continue; // package-manager-not-in-image reports this RUN
                    }
                    // a RUN may write the setting and install in one go: echo ... > /etc/apt/apt.conf.d/... && apt-get install
                    configured |= writesSetting(run.instruction().rawText());
                    boolean configuredHere = configured || aptConfCopy < run.instruction().span().start();
                    for (Call call : run.calls()) {
                        Optional<Operation> install = PackageCommands.install(call);
                        if (install.isEmpty() || install.get().manager() != Manager.APT || avoidsRecommends(call)
                                || configuredHere || installsNothing(call)) {
                            continue;
                        }
                        report(context, image, stage, install.get(), builder, run.script() != null);
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, Stage stage, Operation install, boolean builder,
            boolean shellForm) {
        Call call = install.call();
        List<String> names = install.names();
        String packages = names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
        String message = call.name() + " " + install.subcommand().value() + packages
                + " runs without --no-install-recommends: apt also installs every package these recommend"
                + (builder ? "; in the builder " + Stages.describe(stage) + " this costs build time only"
                        : ", and they stay in the image");
        String flag = call.is("aptitude") ? "--without-recommends" : "--no-install-recommends";
        String fixed = call.name() + " " + install.subcommand().value() + " " + (call.options().has("-y", "--yes",
                "--assume-yes") ? "-y " : "") + flag + (names.isEmpty() ? "" : " " + String.join(" ", names));
        context.finding(this, image.dockerfile(), call.spanTo(install.subcommand()), message)
                .severity(builder ? Severity.INFO : Severity.LOW)
                .recommendation("Write " + fixed + "; if the application then misses something a recommendation"
                        + " provided (often ca-certificates), add that package by name.")
                .fix(shellForm ? Fix.of("add " + flag, FixSafety.UNSAFE, TextEdit.insert(image.dockerfile(),
                        install.subcommand().span().end(), " " + flag)) : null)
                .add();
    }

    /** {@code apt-get install -y} with no package and no --fix-broken: there is nothing to recommend anything. */
    private static boolean installsNothing(Call call) {
        return PackageCommands.invocation(call).map(i -> i.arguments().isEmpty()).orElse(false)
                && !call.options("-o", "--option", "-t", "--target-release", "-c", "--config-file")
                        .has("-f", "--fix-broken");
    }

    private static boolean avoidsRecommends(Call call) {
        Call.Options options = call.options("-o", "--option", "-t", "--target-release", "-c", "--config-file");
        if (options.has("--no-install-recommends")
                || call.is("aptitude") && options.has("--without-recommends", "-R")) {
            return true;
        }
        for (String value : options.values("--install-recommends")) {
            if (value.matches("(?i)false|0|no|off")) {
                return true;
            }
        }
        for (String value : options.values("-o", "--option")) {
            if (SETTING.matcher(value).find()) {
                return true;
            }
        }
        // an argument such as apt::install-recommends=false in exec form
        return call.args().stream().anyMatch(a -> SETTING.matcher(a.value()).find());
    }

    /** Whether a RUN or COPY of a stage the stage is built on turns recommendations off in apt's configuration. */
    private static boolean lineageConfigures(BuiltImage image, Stage stage, Map<Stage, Boolean> stageConfigures) {
        for (Stage s : Stages.lineage(image.model(), stage)) {
            if (s != stage && stageConfigures.computeIfAbsent(s, AptNoInstallRecommends::configures)) {
                return true;
            }
        }
        return false;
    }

    private static boolean configures(Stage stage) {
        return stage.runs().stream().anyMatch(r -> writesSetting(r.instruction().rawText()))
                || stage.copies().stream().anyMatch(AptNoInstallRecommends::copiesAptConf);
    }

    private static boolean copiesAptConf(CopyCommand copy) {
        return copy.containerPath().startsWith("/etc/apt/apt.conf.d");
    }

    /** Whether a RUN writes the setting into apt's configuration (not just passes it to one apt-get with -o). */
    private static boolean writesSetting(String text) {
        return SETTING.matcher(text).find() && text.toLowerCase(java.util.Locale.ROOT).contains("apt.conf");
    }
}
