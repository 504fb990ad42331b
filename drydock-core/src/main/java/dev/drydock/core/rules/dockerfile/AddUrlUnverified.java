package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "add-url-unverified",
        title = "ADD downloads a URL without checking what it got",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "Every ADD of an http(s) URL in the stages a build uses (written out or held by an ARG or ENV in"
                + " effect, ADD $RELEASE_URL /tmp/): fires when the ADD has no --checksum flag."
                + " ADD --checksum=sha256:... of a URL is the recommended form and passes (BuildKit verifies the"
                + " download and keys its cache on the digest); git repositories are not checked.",
        problem = "Without --checksum, ADD takes whatever the server returns for the URL today: a new release under"
                + " the same name, a compromised mirror, or an error page. ADD also never unpacks a downloaded"
                + " archive, which usually needs a RUN and leaves the archive in a layer.",
        impact = "Builds are not reproducible and a tampered download ends up in the image unnoticed.",
        recommendation = "Pin the download: ADD --checksum=sha256:<digest> URL DEST (Dockerfile syntax 1.6 or later;"
                + " get the digest with curl -fsSL URL | sha256sum). To unpack an archive, download, verify and unpack"
                + " in one RUN (curl -fsSLO URL && echo \"<digest>  file\" | sha256sum -c - && tar -xf file && rm file).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#add---checksum",
                "https://docs.docker.com/build/building/best-practices/#add-or-copy"},
        aliases = {"Curl or Wget Instead of Add"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/local/bin/tini
                        """,
                good = """
                        FROM debian:12.7-slim
                        ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c --chmod=755 \\
                            https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/local/bin/tini
                        """))
public final class AddUrlUnverified implements Rule {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (Step step : used.stage().steps()) {
                Instruction add = step.instruction();
                if (add.kind() != InstructionKind.ADD || add.flag("checksum").isPresent()) {
                    continue;
                }
                for (Word source : CopySources.sources(add)) {
                    String written = CopySources.unquote(source.value());
                    String url = resolve(written, step);
                    if (!CopySources.isUrl(url) || CopySources.isGit(url)) {
                        continue;
                    }
                    String shown = url.equals(written) ? url : written + " (" + url + ")";
                    boolean archive = CopySources.isTarArchive(url);
                    context.finding(this, add.file().path(), source.span(), "ADD downloads " + shown
                                    + " without --checksum: nothing checks that the file is the one the Dockerfile"
                                    + " was written for" + (archive ? ", and ADD does not unpack a downloaded archive" : ""))
                            .recommendation(archive
                                    ? "Download, verify and unpack in one RUN: curl -fsSLO " + url + " && echo \"<sha256>  "
                                            + CopySources.basename(url) + "\" | sha256sum -c - && tar -xf "
                                            + CopySources.basename(url) + " && rm " + CopySources.basename(url)
                                            + ", so the archive is not kept in a layer."
                                    : "Write ADD --checksum=sha256:<digest> " + url + " "
                                            + CopySources.destination(add).value() + " (the digest of the file you"
                                            + " tested: curl -fsSL " + url + " | sha256sum).")
                            .add();
                }
            }
        }
    }

    /** The source with the ARG and ENV values in effect put in ({@code ADD $DIST_URL /tmp/}), where known. */
    private static String resolve(String source, Step step) {
        String text = source;
        for (int pass = 0; pass < 3 && text.contains("$"); pass++) {
            Matcher m = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = step.variables().lookup(name);
                m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
            }
            m.appendTail(out);
            text = out.toString();
        }
        return text;
    }
}
