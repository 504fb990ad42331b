package dev.drydock.core.rules.dockerfile;

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
import dev.drydock.core.rules.support.Downloads;
import dev.drydock.core.rules.support.Spans;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "remote-script-piped-to-shell",
        title = "A downloaded script runs without being checked",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The shell-form RUNs and heredoc scripts of the stages a build uses: a curl or wget whose output is"
                + " piped into a shell or interpreter (curl ... | sh, wget -O- ... | bash, | python3), and"
                + " sh -c \"$(curl ...)\" or bash <(curl ...).",
        problem = "The script is executed as it arrives: nothing checks that it is the one the author reviewed,"
                + " and a download cut short is run half-way.",
        impact = "Whoever controls the server, the URL or (over HTTP) the network runs code as root in the build,"
                + " and each build can install something different.",
        recommendation = "Download the script (or better, the release archive) to a file at a fixed version, check"
                + " it against a published SHA-256 (echo \"SUM  file\" | sha256sum -c -) or signature, then run it.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#run",
                "https://cheatsheetseries.owasp.org/cheatsheets/Software_Supply_Chain_Security_Cheat_Sheet.html"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        RUN curl -sSL https://install.python-poetry.org | python3 -
                        """,
                good = """
                        FROM python:3.12.8-slim
                        RUN pip install --no-cache-dir poetry==1.8.3
                        """))
public final class RemoteScriptPipedToShell implements Rule {

    private static final Pattern SUBSTITUTED = Pattern.compile("[$<]\\(\\s*(curl|wget)\\b");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'()]+");
    /** A path segment naming a release: 1.2, v2, 0.4.0, tool-1.2.3 (not setup_20.x: a moving major line). */
    private static final Pattern VERSIONED =
            Pattern.compile("/[^/]*?(?<![A-Za-z])v?\\d+\\.\\d+(\\.\\d+)*(/|$|[-_.][^/]*$)");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                List<Call> calls = run.run().calls();
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    if (call.command() == null || !Downloads.isInterpreter(call.name())) {
                        continue;
                    }
                    if (call.command().inPipeline() && call.command().pipelineIndex() > 0 && readsStdin(call)) {
                        Call download = downloadBefore(calls, i);
                        if (download != null) {
                            report(context, image, download, call);
                        }
                    } else if (call.args().stream().anyMatch(a -> SUBSTITUTED.matcher(a.value()).find())) {
                        report(context, image, call, call);
                    }
                }
            }
        }
    }

    /** The interpreter runs what it reads on standard input: no script operand, or -s / - first. */
    private static boolean readsStdin(Call call) {
        for (Call.Arg arg : call.args()) {
            String v = arg.value();
            if (v.equals("-") || v.equals("-s") || v.equals("--")) {
                return true;
            }
            if (!v.startsWith("-")) {
                return false;
            }
            if (v.equals("-c") || v.equals("-m")) {
                return false;
            }
        }
        return true;
    }

    /** The curl or wget feeding this pipeline, if any. */
    private static Call downloadBefore(List<Call> calls, int index) {
        Call consumer = calls.get(index);
        for (int j = index - 1; j >= 0; j--) {
            Call c = calls.get(j);
            if (c.command() == null || c.command().pipelineSize() != consumer.command().pipelineSize()) {
                continue;
            }
            if (c.command().pipelineIndex() >= consumer.command().pipelineIndex()) {
                return null;
            }
            if (c.is("curl", "wget")) {
                return c;
            }
            if (c.command().pipelineIndex() == 0) {
                return null;
            }
        }
        return null;
    }

    /** Whether the URL's path (not its host) names a release. */
    private static boolean versioned(String url) {
        int scheme = url.indexOf("://");
        int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return path >= 0 && VERSIONED.matcher(url.substring(path)).find();
    }

    private void report(ReviewContext context, BuiltImage image, Call download, Call shell) {
        String url = download.args().stream().map(a -> URL.matcher(a.value())).filter(Matcher::find)
                .map(Matcher::group).findFirst().orElse("a downloaded script");
        String unchecked = versioned(url) ? "without a checksum or signature check (the version in the"
                + " URL does not prove what the server sends)" : "without a version or checksum check";
        context.finding(this, image.dockerfile(), Spans.cover(download.span(), shell.span()), shell.name() + " runs "
                        + url + " as it is downloaded, " + unchecked)
                .recommendation("Download it to a file at a fixed version, verify its SHA-256 or signature, then run"
                        + " it; or install the tool from a package with a pinned version.")
                .add();
    }
}
