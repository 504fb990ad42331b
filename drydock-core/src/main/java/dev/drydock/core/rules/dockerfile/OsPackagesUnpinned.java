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
import dev.drydock.core.rules.support.PackageCommands.Manager;
import dev.drydock.core.rules.support.PackageCommands.Operation;
import dev.drydock.core.rules.support.PackageCommands.Package;
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "os-packages-unpinned",
        title = "System packages are installed without a version",
        severity = Severity.INFO,
        category = Category.MAINTAINABILITY,
        checks = "Every apt-get/apt/aptitude install, apk add, yum/dnf/microdnf/tdnf install and zypper install in"
                + " the RUNs of the stages a build uses (builder stages included), in shell form, heredocs and exec"
                + " form. It reports an install command when its stage's base image is pinned by digest (the base"
                + " is frozen, the packages are what still drifts) or when the command itself pins some packages and"
                + " not others; on a base image named by tag the distribution's packages move with every rebuild of"
                + " the tag anyway, so unpinned packages there are not reported. A package counts as pinned with"
                + " apt's name=version (or name/release), apk's =, ~, <, >,"
                + " rpm's name-version[-release] or a comparison (name>=1.2), zypper's = < > or name-version;"
                + " local .deb/.rpm/.apk files, groups (@name), capabilities, patterns and words built from variables"
                + " are left alone. One finding per install command, pointing at its unpinned package words. A"
                + " constraint written unquoted against a name (apk add sqlite>3.38) is a shell redirection: the"
                + " package is installed without it and the output goes to a file named 3.38; that is reported (low)"
                + " on any base image.",
        problem = "Without versions, each build installs whatever the distribution's mirror holds that day: two"
                + " builds of the same Dockerfile can contain different packages. Pinning every package is no cure"
                + " either: Debian, Ubuntu and Alpine keep only the current version of a package in their"
                + " repositories, so an exact pin such as curl=7.88.1-10+deb12u5 breaks the build as soon as a"
                + " security update replaces it.",
        impact = "Builds are not fully reproducible: a package update can change behaviour between two builds of"
                + " the same commit. This is informational: for most images the better trade-off is a base image"
                + " pinned by version and rebuilt regularly, which keeps the security fixes coming; that is why"
                + " only a frozen (digest-pinned) base, a half-pinned install command or a constraint the shell"
                + " turned into a redirection is reported.",
        recommendation = "Where reproducibility matters enough to pin the base image by digest, pin the packages"
                + " too (apt-get install -y libpq5=15.8-0+deb12u1, apk add curl~8.9, dnf install -y httpd-2.4.62)"
                + " and expect to update the pins when the distribution replaces those versions, or use"
                + " snapshot.debian.org for apt; in an install command that pins some packages, pin the others as"
                + " well or none.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#apt-get",
                "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
                "https://snapshot.debian.org/",
                "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Holding_a_specific_package_back"},
        aliases = {"DL3008", "DL3018", "DL3033", "DL3037", "DL3041", "Apt Get Install Pin Version Not Defined",
                "Unpinned Package Version in Apk Add", "Yum install Without Version",
                "Missing Version Specification In dnf install", "Zypper Install Without Version"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM alpine:3.20.3@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d
                        RUN apk add --no-cache curl
                        """,
                good = """
                        FROM alpine:3.20.3@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d
                        RUN apk add --no-cache curl~8
                        """))
public final class OsPackagesUnpinned implements Rule {

    /** An rpm name-version[-release]: a version (and a release) after a dash, each starting with a digit. */
    private static final Pattern RPM_VERSION = Pattern.compile(".+-\\d[^-]*(-\\d[^-]*)?$");
    private static final Pattern VERSION_AFTER_OPERATOR = Pattern.compile(".*[=<>~]\\s*\\d.*");
    private static final Pattern APK_OPERATOR = Pattern.compile(".*[=<>~].*");
    private static final Pattern RPM_OPERATOR = Pattern.compile(".*[=<>].*");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                boolean frozenBase = pinnedByDigest(Stages.rootBase(image.model(), stage));
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    if (MissingPackageManagers.reported(run)) {
                        continue; // package-manager-not-in-image reports this RUN
                    }
                    for (Call call : run.calls()) {
                        PackageCommands.install(call).ifPresent(install -> check(context, image, frozenBase, install));
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, BuiltImage image, boolean frozenBase, Operation install) {
        if (install.manager() == Manager.ZYPPER && zypperNonPackageType(install.call())) {
            return;
        }
        List<Package> unpinned = install.packages().stream().filter(p -> !pinned(install.manager(), p.word())).toList();
        List<Package> explicitlyPinned = install.packages().stream().filter(p -> !unpinned.contains(p)
                && explicitVersion(install.manager(), p.word().value())).toList();
        Call call = install.call();
        List<String> cut = new ArrayList<>();
        List<Package> cutPackages = new ArrayList<>();
        for (Package p : unpinned) {
            call.versionCutOff(p.word()).ifPresent(redirect -> {
                cut.add(p.word().value() + redirect);
                cutPackages.add(p);
            });
        }
        if (!cut.isEmpty()) {
            reportCutOff(context, image, install, cutPackages, cut);
            return;
        }
        if (unpinned.isEmpty() || !frozenBase && explicitlyPinned.isEmpty()) {
            return;
        }
        String names = String.join(", ", unpinned.stream().map(Package::name).toList());
        String example = switch (install.manager()) {
            case APT, ZYPPER -> unpinned.get(0).name() + "=<version>";
            case APK -> unpinned.get(0).name() + "~<major.minor>";
            case RPM -> unpinned.get(0).name() + "-<version>";
        };
        context.finding(this, image.dockerfile(), Spans.cover(unpinned.stream().map(p -> p.word().span()).toList()),
                        call.name() + " " + install.subcommand().value() + " installs " + names + " without a version"
                                + (frozenBase ? " on a base image pinned by digest" : " next to "
                                        + String.join(", ", explicitlyPinned.stream().map(p -> p.word().value())
                                                .toList()))
                                + ": these are whatever the repository holds on the day of the build")
                .recommendation("Pin " + names + " only where a specific version matters (" + example + ") and"
                        + " update the pin when the distribution replaces that version; rebuilding regularly on the"
                        + " pinned base keeps the security fixes coming"
                        + (install.manager() == Manager.APT ? "; for fully reproducible installs, point apt at"
                                + " snapshot.debian.org." : "."))
                .add();
    }

    /** A version constraint written unquoted (apk add sqlite>3.38): the shell made it a redirection. */
    private void reportCutOff(ReviewContext context, BuiltImage image, Operation install, List<Package> unpinned,
            List<String> cut) {
        Call call = install.call();
        context.finding(this, image.dockerfile(), Spans.cover(unpinned.stream().map(p -> p.word().span()).toList()),
                        call.name() + " " + install.subcommand().value() + ": the shell reads " + String.join(", ", cut)
                                + " as " + (cut.size() == 1 ? "a package name and a redirection" : "package names"
                                        + " and redirections") + ", so " + call.name() + " installs "
                                + String.join(", ", unpinned.stream().map(Package::name).toList())
                                + " without the version constraint and writes its output to a file named after the"
                                + " version")
                .severity(Severity.LOW)
                .recommendation("Quote the constraint so the shell passes it whole: '" + String.join("' '", cut)
                        + "'.")
                .add();
    }

    /**
     * Whether the stage starts from an image pinned by digest: only then is the base frozen (a version tag,
     * even a full one, is rebuilt with the distribution's updates, and the packages drift with it anyway).
     */
    private static boolean pinnedByDigest(BaseImage base) {
        return base instanceof BaseImage.External external && external.reference() != null
                && external.reference().isPinnedByDigest();
    }

    /** A version written out, not a release name or a variable: name=1.2, name~1.2, name-1.2. */
    private static boolean explicitVersion(Manager manager, String word) {
        return !word.contains("$") && (VERSION_AFTER_OPERATOR.matcher(word).matches()
                || (manager == Manager.RPM || manager == Manager.ZYPPER) && RPM_VERSION.matcher(word).matches());
    }

    static boolean pinned(Manager manager, Call.Arg word) {
        String w = word.value();
        if (!word.literal() || w.contains("$") || w.contains("*") || w.contains("?")) {
            return true; // built from a variable or a glob: the version is decided elsewhere
        }
        return switch (manager) {
            case APT -> w.contains("=") || w.contains("/");
            case APK -> APK_OPERATOR.matcher(w).matches();
            case RPM -> w.startsWith("@") || w.contains("(") || RPM_OPERATOR.matcher(w).matches()
                    || RPM_VERSION.matcher(w).matches();
            case ZYPPER -> RPM_OPERATOR.matcher(w).matches() || w.contains(":") || RPM_VERSION.matcher(w).matches();
        };
    }

    /** zypper install -t pattern|patch|product: the names are not packages with versions. */
    private static boolean zypperNonPackageType(Call call) {
        Optional<String> type = call.options("-t", "--type", "-r", "--repo", "--from").values("-t", "--type")
                .stream().findFirst();
        return type.isPresent() && !type.get().equals("package");
    }
}
