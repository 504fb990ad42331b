package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
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
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "distribution-upgrade",
        title = "The build upgrades the whole distribution",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "The RUNs of the stages a build uses, in shell form, heredocs and exec form: apt-get/apt/aptitude"
                + " dist-upgrade or full-upgrade, zypper dist-upgrade/dup (except on openSUSE Tumbleweed, whose"
                + " documented update command it is), dnf/yum distro-sync and dnf system-upgrade. A plain upgrade"
                + " (apt-get upgrade, dnf upgrade, zypper update, apk upgrade) is not reported: it only updates the"
                + " installed packages within the base image's release.",
        problem = "A distribution upgrade resolves dependencies freely: it may remove packages the base image or the"
                + " application relies on, pull in new ones, or, when the package sources point at a moving suite,"
                + " move the image to the next release of the distribution, all decided at build time.",
        impact = "The image no longer matches its base image's release and the build result depends on the day it"
                + " ran; upgrades across releases inside a container also tend to fail on essential packages that"
                + " cannot be replaced without a running init system.",
        recommendation = "Pick a base image of the release you want and rebuild it regularly; if the base image is"
                + " behind on security updates, apt-get upgrade -y (or dnf upgrade -y, zypper update) applies them"
                + " without changing the release.",
        references = {
                "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
                "https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often",
                "https://en.opensuse.org/SDB:Zypper_usage"},
        aliases = {"DL3005", "DL3035", "DS-0024", "DS024"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
                        """))
public final class DistributionUpgrade implements Rule {

    private static final Set<String> APT = Set.of("dist-upgrade", "full-upgrade");
    private static final Set<String> ZYPPER = Set.of("dist-upgrade", "dup");
    private static final Set<String> RPM = Set.of("distro-sync", "distrosync", "dsync", "system-upgrade");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                boolean tumbleweed = isTumbleweed(Stages.rootBase(image.model(), stage));
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    if (MissingPackageManagers.reported(run)) {
                        continue; // package-manager-not-in-image reports this RUN
                    }
                    for (Call call : run.calls()) {
                        Optional<Invocation> invocation = PackageCommands.invocation(call);
                        if (invocation.isPresent() && upgradesDistribution(invocation.get(), tumbleweed)) {
                            report(context, image, invocation.get());
                        }
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, Invocation invocation) {
        Call call = invocation.call();
        String command = call.name() + " " + invocation.subcommand().value();
        String plain = switch (invocation.manager()) {
            case APT -> call.name() + " upgrade -y";
            case ZYPPER -> "zypper --non-interactive update";
            default -> call.name() + " upgrade -y";
        };
        context.finding(this, image.dockerfile(), call.spanTo(invocation.subcommand()), command + " upgrades the"
                        + " whole distribution at build time: it may remove or replace packages of the base image and"
                        + " the result depends on the day of the build")
                .recommendation("Use a base image of the release you want and rebuild it regularly; to apply"
                        + " security updates on top of it, " + plain + " keeps the release.")
                .add();
    }

    private static boolean upgradesDistribution(Invocation invocation, boolean tumbleweed) {
        if (invocation.subcommand() == null) {
            return false;
        }
        String verb = invocation.verb();
        return switch (invocation.manager()) {
            case APT -> APT.contains(verb);
            case ZYPPER -> ZYPPER.contains(verb) && !tumbleweed;
            case RPM -> RPM.contains(verb);
            case APK -> false;
        };
    }

    /** openSUSE Tumbleweed is a rolling release: zypper dup is its documented way to update. */
    private static boolean isTumbleweed(BaseImage base) {
        return base instanceof BaseImage.External external
                && external.written().toLowerCase(Locale.ROOT).contains("tumbleweed");
    }
}
