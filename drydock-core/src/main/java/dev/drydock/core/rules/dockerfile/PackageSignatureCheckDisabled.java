package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
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
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "package-signature-check-disabled",
        title = "A package manager is told to skip signature verification",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The RUNs of the stages a build uses (builder stages included), in shell form, heredocs and exec"
                + " form: apk --allow-untrusted; apt-get/apt/aptitude --allow-unauthenticated, --force-yes,"
                + " --allow-insecure-repositories; yum/dnf/microdnf/tdnf --nogpgcheck; zypper --no-gpg-checks and"
                + " addrepo --no-gpgcheck; rpm -i/-U/-F with --nosignature, --nodigest, --noverify or --nofiledigest."
                + " Also these settings anywhere in the RUN's text (as -o or --setopt values, or written into files):"
                + " [trusted=yes] or [allow-insecure=yes] in an apt source, Trusted: yes in a"
                + " deb822 source, APT::Get::AllowUnauthenticated or Acquire::AllowInsecureRepositories set to true,"
                + " gpgcheck=0 (a .repo file, yum.conf, dnf.conf, --setopt). Each option or setting is reported where"
                + " it is written. Quiet for a trusted apt source whose URI is file: or copy: (a repository the build"
                + " made on the image's own disk). An install of package files only (apk add --allow-untrusted"
                + " ./vendor.apk) is quiet when the same RUN downloads the file (download-unverified then reports an"
                + " unchecked download) or checks it first (gpg --verify, sha256sum -c ...), the publisher's own"
                + " procedure for a package outside the distribution's keys; otherwise the advice is to check the"
                + " file, not to drop the switch the install cannot do without.",
        problem = "Package managers check every package and repository index against the distribution's signing"
                + " keys; these switches turn that check off, so whatever the mirror, a proxy or an attacker on the"
                + " network serves is installed as root.",
        impact = "A tampered or substituted package runs its install scripts as root during the build and ships in"
                + " the image: a supply-chain compromise of everything built from this Dockerfile.",
        recommendation = "Keep verification on and trust the repository's key instead: download it over HTTPS and"
                + " reference it (deb [signed-by=/etc/apt/keyrings/vendor.gpg] ..., rpm --import KEY-URL,"
                + " gpgkey= in the .repo file, a public key in /etc/apk/keys). For a single downloaded package,"
                + " check its published SHA-256 before installing it.",
        references = {
                "https://wiki.debian.org/DebianRepository/UseThirdParty",
                "https://manpages.debian.org/bookworm/apt/sources.list.5.en.html",
                "https://dnf.readthedocs.io/en/latest/conf_ref.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {"CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM rockylinux:9.3
                        RUN dnf install -y --nogpgcheck https://example.com/agent-1.2.3.rpm && dnf clean all
                        """,
                good = """
                        FROM rockylinux:9.3
                        RUN rpm --import https://example.com/RPM-GPG-KEY-agent \\
                         && dnf install -y https://example.com/agent-1.2.3.rpm && dnf clean all
                        """))
public final class PackageSignatureCheckDisabled implements Rule {

    private static final Pattern APT_SETTING = Pattern.compile("(?i)(APT::Get::AllowUnauthenticated"
            + "|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)"
            + "\\s*=?\\s*\"?(true|1|yes|on)\\b");
    private static final Pattern GPGCHECK_OFF = Pattern.compile(
            "(?i)((?<!local)pkg_gpgcheck|(?<!_)gpgcheck)\\s*=\\s*(0|false|no|off)\\b");
    private static final Pattern TRUSTED_SOURCE = Pattern.compile("(?i)\\b(trusted|allow-insecure)=yes\\b"
            + "|(?im)^\\s*Trusted:\\s*yes\\b");
    private static final Pattern LOCAL_URI = Pattern.compile("(?i)^\\s*[\"']?(file|copy):");
    private static final Pattern DEB822_LOCAL_URIS = Pattern.compile("(?im)^\\s*URIs:\\s*(file|copy):");
    /** Words (lower case) of which every match of the settings above holds one: a RUN without any is not searched. */
    private static final List<String> SETTING_WORDS = List.of("::allow", "gpgcheck", "trusted", "allow-insecure");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    check(context, image, run);
                }
            }
        }
    }

    private void check(ReviewContext context, BuiltImage image, RunStep run) {
        List<Span> reported = new ArrayList<>();
        for (Call call : run.calls()) {
            for (Found found : options(call, run)) {
                reported.add(found.word().span());
                context.finding(this, image.dockerfile(), found.word().span(), found.message())
                        .recommendation(found.recommendation())
                        .add();
            }
        }
        Instruction instruction = run.instruction();
        String text = instruction.rawText();
        if (!mayHoldSetting(text)) {
            return;
        }
        for (Pattern pattern : List.of(APT_SETTING, GPGCHECK_OFF, TRUSTED_SOURCE)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                int start = instruction.span().start() + m.start();
                int end = instruction.span().start() + m.end();
                String matched = m.group().strip();
                if (inComment(text, m.start()) || reported.stream().anyMatch(s -> s.start() < end && start < s.end())
                        || pattern == TRUSTED_SOURCE && localSource(text, m.start(), m.end())) {
                    continue;
                }
                int lead = m.group().indexOf(matched);
                Span span = instruction.file().span(start + lead, start + lead + matched.length());
                reported.add(span);
                context.finding(this, image.dockerfile(), span, describe(pattern, matched))
                        .recommendation(recommend(pattern))
                        .add();
            }
        }
    }

    private static boolean mayHoldSetting(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : SETTING_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private record Found(Call.Arg word, String message, String recommendation) {}

    private static final String KEY_FOR_REPOSITORY = "Remove it and trust the repository's signing key instead"
            + " (downloaded over HTTPS and referenced with signed-by=, gpgkey= or rpm --import).";

    private static List<Found> options(Call call, RunStep run) {
        List<Found> out = new ArrayList<>();
        Optional<Invocation> invocation = PackageCommands.invocation(call);
        if (invocation.isPresent()) {
            String name = call.name();
            List<String> files = localPackages(invocation.get());
            if (!files.isEmpty() && downloadedOrVerified(run, call, files)) {
                return out; // download-unverified reports a package file fetched unchecked; a checked one is fine
            }
            for (Call.Options.Option option : invocation.get().options().all()) {
                String o = option.name();
                String message = switch (invocation.get().manager()) {
                    case APK -> o.equals("--allow-untrusted") ? name + " --allow-untrusted installs packages whose"
                            + " signature is missing or made with an unknown key" : null;
                    case APT -> switch (o) {
                        case "--allow-unauthenticated" -> name + " --allow-unauthenticated installs packages from"
                                + " repositories whose signature is missing or invalid";
                        case "--force-yes" -> name + " --force-yes answers yes to everything, unauthenticated"
                                + " packages included (apt deprecated it for that reason)";
                        case "--allow-insecure-repositories" -> name + " --allow-insecure-repositories accepts"
                                + " repository indexes that are not signed";
                        default -> null;
                    };
                    case RPM -> o.equals("--nogpgcheck") ? name + " --nogpgcheck installs packages without checking"
                            + " their GPG signatures" : null;
                    case ZYPPER -> o.equals("--no-gpg-checks") ? "zypper --no-gpg-checks ignores failed signature"
                            + " checks and installs anyway"
                            : (o.equals("--no-gpgcheck") || o.equals("-G")) && isAddRepo(invocation.get())
                                    ? "zypper addrepo " + o + " adds a repository whose packages are never checked"
                                    : null;
                };
                if (message != null && !files.isEmpty()) {
                    out.add(new Found(option.word(), name + " " + o + " installs " + String.join(", ", files)
                            + ", a package file it cannot check against the distribution's keys, and nothing in"
                            + " the RUN checks it", LOCAL_FILE));
                } else if (message != null) {
                    out.add(new Found(option.word(), message, KEY_FOR_REPOSITORY));
                }
            }
        } else if (call.is("rpm")) {
            Call.Options options = call.options("--root", "-r", "--dbpath", "--define", "-D", "--prefix",
                    "--relocate", "--excludepath");
            if (options.has("-i", "-U", "-F", "--install", "--upgrade", "--freshen", "--reinstall")) {
                for (Call.Options.Option option : options.all()) {
                    if (RPM_NO_VERIFY.contains(option.name())) {
                        out.add(new Found(option.word(), "rpm " + option.name() + " installs without verifying the"
                                + " package's " + (option.name().equals("--nosignature") ? "signature" : "digests"),
                                "Remove " + option.name() + " and import the vendor's key first (rpm --import"
                                        + " KEY-URL), or check the package's published SHA-256."));
                    }
                }
            }
        }
        return out;
    }

    private static final String LOCAL_FILE = "Check the file in the same RUN before installing it: with the"
            + " SHA-256 its publisher gives (echo \"<sha256>  FILE\" | sha256sum -c -) or its signature (gpg --verify"
            + " FILE.sig FILE with the publisher's key); the switch is then only there because the package manager"
            + " knows no key for it. When the publisher has a repository or signing key for the package manager,"
            + " install from that instead and drop the switch.";

    /** Programs that check a file's checksum or signature. */
    private static final List<String> VERIFIERS = List.of("gpg", "gpgv", "gpg2", "sha256sum", "sha512sum", "sha384sum",
            "sha1sum", "md5sum", "cosign", "minisign", "rpmkeys", "openssl");

    /**
     * The package files an install names when it names nothing else ({@code apk add --allow-untrusted ./x.apk}): a
     * repository package beside them is installed unchecked too, and the switch is then reported as usual.
     */
    private static List<String> localPackages(Invocation invocation) {
        List<String> files = new ArrayList<>();
        for (Call.Arg arg : invocation.arguments()) {
            String v = arg.value();
            if (!PackageCommands.isPackageFile(v)) {
                return List.of();
            }
            files.add(v);
        }
        return files;
    }

    /** Whether the RUN downloads one of the files (download-unverified's case) or checks it before the install. */
    private static boolean downloadedOrVerified(RunStep run, Call install, List<String> files) {
        boolean mentioned = false;
        boolean verifier = false;
        for (Call c : run.calls()) {
            if (c == install) {
                break;
            }
            boolean names = c.args().stream().anyMatch(a -> files.stream()
                    .anyMatch(f -> a.value().contains(PathNames.fileName(f))));
            if (names && c.is("curl", "wget")) {
                return true;
            }
            mentioned |= names;
            verifier |= VERIFIERS.contains(c.name());
        }
        return mentioned && verifier;
    }

    private static final List<String> RPM_NO_VERIFY = List.of("--nosignature", "--nodigest", "--noverify",
            "--nofiledigest");

    private static boolean isAddRepo(Invocation invocation) {
        return invocation.verb().equals("addrepo") || invocation.verb().equals("ar");
    }

    private static String describe(Pattern pattern, String matched) {
        if (pattern == APT_SETTING) {
            return matched + " turns apt's signature check off: unsigned or tampered repositories are accepted";
        }
        if (pattern == GPGCHECK_OFF) {
            return matched + " turns the GPG signature check off: packages are installed without checking who"
                    + " signed them";
        }
        return matched + " marks an apt source as trusted: apt installs from it without checking signatures";
    }

    private static String recommend(Pattern pattern) {
        if (pattern == TRUSTED_SOURCE) {
            return "Download the repository's key over HTTPS into /etc/apt/keyrings and write the source as deb"
                    + " [signed-by=/etc/apt/keyrings/NAME.gpg] URL SUITE COMPONENT.";
        }
        if (pattern == GPGCHECK_OFF) {
            return "Write gpgcheck=1 with gpgkey=KEY-URL (or rpm --import KEY-URL) instead.";
        }
        return KEY_FOR_REPOSITORY;
    }

    /**
     * Whether the trusted source is a repository on the image's own disk ({@code deb [trusted=yes] file:///tmp/repo
     * ./}, the way the official images install packages they built in the same RUN): no download to tamper with.
     */
    private static boolean localSource(String text, int start, int end) {
        int lineEnd = text.indexOf('\n', end);
        String line = text.substring(end, lineEnd < 0 ? text.length() : lineEnd);
        int close = line.indexOf(']');
        if (close >= 0 && LOCAL_URI.matcher(line.substring(close + 1)).find()) {
            return true;
        }
        if (text.substring(start, end).strip().regionMatches(true, 0, "Trusted:", 0, 8)) {
            int paragraphStart = text.lastIndexOf("\n\n", start);
            int paragraphEnd = text.indexOf("\n\n", end);
            String paragraph = text.substring(paragraphStart < 0 ? 0 : paragraphStart,
                    paragraphEnd < 0 ? text.length() : paragraphEnd);
            return DEB822_LOCAL_URIS.matcher(paragraph).find();
        }
        return false;
    }

    /** Whether the match is on a comment line. */
    private static boolean inComment(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at) + 1;
        return text.substring(lineStart, at).strip().startsWith("#");
    }
}
