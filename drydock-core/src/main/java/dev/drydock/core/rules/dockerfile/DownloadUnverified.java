package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DownloadChecks;
import dev.drydock.core.rules.support.DownloadMaterial;
import dev.drydock.core.rules.support.Downloads;
import dev.drydock.core.rules.support.Downloads.Download;
import dev.drydock.core.rules.support.RunStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "download-unverified",
        title = "A RUN downloads a file without checking it",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The shell-form RUNs and heredoc scripts of the stages a build uses: a curl or wget that writes a"
                + " file (curl -o/-O, > file, wget's default name, -O FILE, -P DIR, tee FILE) or pipes it into tar,"
                + " unzip, gunzip, dpkg, rpm or install, when nothing in that RUN (or a later RUN of the stage, for the"
                + " same file) checks it: sha256sum -c and the other digest tools' --check, a digest compared in"
                + " [ \"$(sha256sum f | cut ...)\" = \"$SUM\" ] or by a script (php hash_file), gpg --verify, gpgv,"
                + " cosign verify-blob, minisign -V, openssl dgst -verify, slsa-verifier, gh attestation verify,"
                + " rpm -K, apk add of a signed .apk, or a --checksum/--sha256 option naming the file. A checksum or"
                + " signature check that names none of the RUN's downloads (sha256sum -c SHA256SUMS) counts for all of"
                + " them; so does a script of the project (a program ending in .sh or run as ./name) run after the"
                + " file's own checksum or signature (its URL with .sha256, .asc, .minisig...) was fetched in the"
                + " same RUN. Not reported: signatures, checksum lists, keys and certificates themselves, package"
                + " repository definitions, URLs fixed by a commit or digest, output read by $(...) or piped into a"
                + " shell (remote-script-piped-to-shell).",
        problem = "The RUN installs whatever the server returns today: a new release under the same name, a"
                + " tampered file from a compromised project, mirror or CDN, or an error page. Unlike ADD --checksum,"
                + " nothing stops the build when the bytes change.",
        impact = "A supply-chain attack on the download reaches the image, with the build's root privileges, and"
                + " builds of the same Dockerfile differ without anyone noticing.",
        recommendation = "Download a fixed version and check it in the same RUN against the checksum its publisher"
                + " gives (echo \"<sha256>  file\" | sha256sum -c -) or its signature (gpg --batch --verify file.asc"
                + " file), before unpacking or running it. For a single file, ADD --checksum=sha256:<digest> URL DEST"
                + " (Dockerfile syntax 1.6 or later) downloads and checks in one step.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#add-or-copy",
                "https://docs.docker.com/reference/dockerfile/#add---checksum",
                "https://cheatsheetseries.owasp.org/cheatsheets/Software_Supply_Chain_Security_Cheat_Sheet.html",
                "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN curl -fsSL -o /tmp/tool.tar.gz https://example.com/tool/1.4.2/tool-linux-amd64.tar.gz \\
                         && tar -xzf /tmp/tool.tar.gz -C /usr/local/bin \\
                         && rm /tmp/tool.tar.gz
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN curl -fsSL -o /tmp/tool.tar.gz https://example.com/tool/1.4.2/tool-linux-amd64.tar.gz \\
                         && echo "5b9a1c0e7d3f2a4b6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d  /tmp/tool.tar.gz" \\
                            | sha256sum -c - \\
                         && tar -xzf /tmp/tool.tar.gz -C /usr/local/bin \\
                         && rm /tmp/tool.tar.gz
                        """))
public final class DownloadUnverified implements Rule {

    private static final Pattern MOVING = Pattern.compile("(?i)(\\blatest\\b|/(master|main|HEAD|nightly)/)");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            List<BuildRuns.StageRun> runs = BuildRuns.of(image);
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r).run();
                List<Download> all = Downloads.of(run);
                List<Download> artifacts = all.stream().filter(DownloadUnverified::needsCheck).toList();
                if (artifacts.isEmpty()) {
                    continue;
                }
                List<DownloadChecks.Check> checks = DownloadChecks.of(run);
                List<DownloadChecks.Check> later = laterChecks(runs, r);
                for (Download download : artifacts) {
                    if (checked(download, artifacts, checks, later)) {
                        continue;
                    }
                    Download companion = companion(download, all);
                    if (companion == null || !scriptRunsAfter(run, companion)) {
                        report(context, image, download, companion);
                    }
                }
            }
        }
    }

    private static boolean needsCheck(Download download) {
        String url = download.source();
        return !DownloadMaterial.verifies(download.file(), url)
                && !DownloadMaterial.repositoryDefinition(download.file())
                && !DownloadMaterial.contentAddressed(url) && !DownloadMaterial.local(url);
    }

    /**
     * A check in the same RUN that names the file (or its URL's file), or a checker that names none of the RUN's
     * downloads (sha256sum -c SHA256SUMS, a variable for the file); in a later RUN, one that names the file.
     */
    private static boolean checked(Download download, List<Download> artifacts, List<DownloadChecks.Check> checks,
            List<DownloadChecks.Check> later) {
        for (DownloadChecks.Check check : checks) {
            if (names(check, download) || check.general() && artifacts.stream().noneMatch(d -> names(check, d))) {
                return true;
            }
        }
        return later.stream().anyMatch(check -> names(check, download));
    }

    /** The checksum or signature of this download fetched in the same RUN: its URL with a suffix (tool.tgz.sha256). */
    private static Download companion(Download download, List<Download> all) {
        String url = download.url().value();
        for (Download other : all) {
            String otherUrl = other.url().value();
            if (other != download && otherUrl.length() > url.length() && otherUrl.startsWith(url)
                    && DownloadMaterial.verifies(other.file(), other.source())) {
                return other;
            }
        }
        return null;
    }

    /**
     * A script of the project runs after the checksum or signature is fetched ({@code ./verify.sh},
     * {@code /usr/bin/verify-release.sh}): the check is in a file the Dockerfile cannot show.
     */
    private static boolean scriptRunsAfter(RunStep run, Download companion) {
        List<Call> calls = run.calls();
        int from = calls.indexOf(companion.call());
        for (Call call : calls.subList(from + 1, calls.size())) {
            String program = call.program() == null ? "" : call.program().value();
            if (program.endsWith(".sh") || program.startsWith("./")) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(DownloadChecks.Check check, Download download) {
        return download.names().stream().anyMatch(check::mentions);
    }

    private static List<DownloadChecks.Check> laterChecks(List<BuildRuns.StageRun> runs, int index) {
        List<DownloadChecks.Check> out = new ArrayList<>();
        for (int i = index + 1; i < runs.size(); i++) {
            if (runs.get(i).stage() == runs.get(index).stage()) {
                out.addAll(DownloadChecks.of(runs.get(i).run()));
            }
        }
        return out;
    }

    private void report(ReviewContext context, BuiltImage image, Download download, Download companion) {
        String tool = download.call().name();
        String written = download.url().value();
        boolean resolved = !download.source().equals(written) && !download.source().contains("$");
        String shown = resolved ? written + " (" + download.source() + ")" : written;
        String moving = MOVING.matcher(download.source()).find()
                ? " The URL names no fixed version: pin one first." : "";
        String message;
        String recommendation;
        if (download.file() == null) {
            String name = download.urlName().isEmpty() ? "download" : download.urlName();
            message = tool + " pipes " + shown + " straight into " + download.consumer().name()
                    + ": nothing checks its checksum or signature before it is used";
            recommendation = "Download it to a file, check it, then use it: " + fetch(tool, name, written)
                    + " && echo \"<sha256>  " + name + "\" | sha256sum -c - && " + use(download.consumer(), name)
                    + " && rm " + name + " (with the SHA-256 its publisher gives, or verify its signature with gpg"
                    + " --batch --verify)." + moving;
        } else {
            boolean named = !PathNames.fileName(download.file()).startsWith("$");
            String file = named ? download.file() : "<file>";
            message = tool + " downloads " + shown + " to " + (named ? file : "a file named after the URL's last"
                    + " segment") + (companion == null
                    ? ", and nothing in the RUN checks its checksum or signature"
                    : " and fetches its checksum or signature (" + companion.name() + ") too, but nothing in the RUN"
                            + " checks the file against it");
            recommendation = "Check it right after the download, with the SHA-256 its publisher gives: echo"
                    + " \"<sha256>  " + file + "\" | sha256sum -c - (or verify its signature: gpg --batch --verify "
                    + file + ".asc " + file + ")." + (download.source().contains("$") && !resolved ? ""
                            : " For a single file, ADD --checksum=sha256:<digest> " + (resolved ? download.source() : written)
                                    + " " + file + " downloads and checks it (Dockerfile syntax 1.6 or later).") + moving;
        }
        context.finding(this, image.dockerfile(), download.call().span(), message)
                .recommendation(recommendation)
                .add();
    }

    private static String fetch(String tool, String file, String url) {
        return tool.equals("wget") ? "wget -O " + file + " " + url : "curl -fsSLo " + file + " " + url;
    }

    /** The consumer reading the file instead of its input: tar -xz -C /opt -f app.tgz, tar xzf app.tgz. */
    private static String use(Call consumer, String file) {
        StringBuilder out = new StringBuilder(consumer.name());
        boolean named = false;
        for (Call.Arg arg : consumer.args()) {
            named |= arg.value().equals("-");
            out.append(' ').append(arg.value().equals("-") ? file : arg.value());
        }
        if (!named) {
            out.append(consumer.is("tar", "bsdtar", "gtar") ? " -f " : " ").append(file);
        }
        return out.toString();
    }
}
