package dev.drydock.core.rules.app;

import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "healthcheck-ignores-http-errors",
        title = "The healthcheck's curl passes on HTTP errors",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Healthchecks (a Dockerfile's HEALTHCHECK and compose `healthcheck.test`, exec and shell form) that"
                + " run curl against an HTTP address without --fail (-f, also inside -fsS) or --fail-with-body, and"
                + " whose result is not looked at otherwise: a curl whose output goes into a pipe (| grep ok) or that"
                + " prints the status with --write-out is left alone. wget needs no option: it exits with 8 on an"
                + " HTTP error.",
        problem = "curl exits 0 whenever it gets an HTTP response, whatever its status: a 500 from a broken"
                + " application or a 404 from a wrong path counts as success.",
        impact = "The container is reported healthy while it fails every request: Compose starts the services that"
                + " wait for it, Swarm and load balancers keep sending it traffic, and nothing restarts it.",
        recommendation = "Add --fail (-f) to the curl of the probe, so that an HTTP status of 400 or more makes it"
                + " exit with 22 and the probe fail: `curl -fsS http://localhost:8000/health || exit 1`.",
        references = {
                "https://curl.se/docs/manpage.html#-f",
                "https://docs.docker.com/reference/dockerfile/#healthcheck"},
        fix = FixSafety.UNSAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2-alpine
                        HEALTHCHECK --interval=30s --timeout=3s CMD curl -s http://localhost/ || exit 1
                        """,
                good = """
                        FROM nginx:1.27.2-alpine
                        HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
                        """))
public final class HealthcheckIgnoresHttpErrors implements Rule {

    private static final Pattern SHORT_OPTIONS = Pattern.compile("-[A-Za-z0-9#:]+");
    private static final Pattern HTTP_TARGET = Pattern.compile("(?i)^(https?://|localhost\\b|127\\.0\\.0\\.1\\b|\\[::1])");

    /** One curl of a probe: its arguments, where its name is written, and the edit that adds -f when drydock can write it. */
    private record Curl(List<String> args, Location location, TextEdit addFail) {}

    @Override
    public void check(ReviewContext context) {
        Set<Location> seen = new HashSet<>();
        for (Container c : context.project().containers()) {
            EffectiveHealthcheck hc = c.healthcheck();
            if (hc == null || hc.disabled() || hc.test().size() < 2 || c.build() != null && c.build().stage() == null) {
                continue;
            }
            for (Curl curl : curls(c, hc)) {
                if (ignoresStatus(curl.args()) && seen.add(curl.location())) {
                    report(context, curl);
                }
            }
        }
    }

    private void report(ReviewContext context, Curl curl) {
        String target = curl.args().stream().filter(a -> HTTP_TARGET.matcher(a).find()).findFirst().orElse("");
        context.finding(this, curl.location(), "the probe's curl (" + target + ") has no --fail: it exits 0 for any"
                        + " HTTP answer, a 500 of a failing application or a 404 of a wrong path included, so the"
                        + " container is reported healthy while its requests fail")
                .recommendation("Write curl -f (--fail), which exits with 22 on a status of 400 or more: `curl -fsS "
                        + target + "`; check first that " + target + " answers 200 when the application works.")
                .fix(curl.addFail() == null ? null
                        : Fix.of("make the probe's curl fail on HTTP errors", FixSafety.UNSAFE, curl.addFail()))
                .add();
    }

    /** Whether a curl of the probe requests an HTTP address and nothing makes an error status fail it. */
    private static boolean ignoresStatus(List<String> args) {
        boolean http = false;
        for (String arg : args) {
            if (arg.equals("--fail") || arg.equals("--fail-with-body") || arg.equals("--write-out")
                    || arg.startsWith("--write-out=") || SHORT_OPTIONS.matcher(arg).matches()
                            && (arg.indexOf('f') > 0 || arg.indexOf('w') > 0)) {
                return false;
            }
            http |= HTTP_TARGET.matcher(arg).find();
        }
        return http;
    }

    private static List<Curl> curls(Container c, EffectiveHealthcheck hc) {
        List<String> test = hc.test();
        boolean compose = "compose".equals(hc.source());
        HealthcheckSpec spec = compose || c.build() == null ? null : c.build().stage().config().healthcheck();
        String file = c.build() == null ? null : c.build().dockerfile();
        List<Curl> out = new ArrayList<>();
        if (test.get(0).equals("CMD")) {
            if (!Probes.base(test.get(1)).equals("curl")) {
                return out;
            }
            Location at = Probes.locate(c, hc, new Probes.Program("curl", 1, !test.get(1).contains("/")));
            TextEdit edit = null;
            if (spec != null && spec.instruction().arguments() instanceof HealthcheckArguments args
                    && args.command() instanceof ExecForm exec && !exec.elements().isEmpty()
                    && spec.instruction().file().path().equals(file)) {
                edit = TextEdit.insert(file, exec.elements().get(0).span().end(), ", \"-f\"");
            }
            out.add(new Curl(test.subList(2, test.size()), at, edit));
            return out;
        }
        if (!test.get(0).equals("CMD-SHELL")) {
            return out;
        }
        ShellScript script = spec != null && spec.instruction().file().path().equals(file)
                ? c.build().model().script(spec.test()).orElse(null) : null;
        if (script != null) {
            for (Command command : script.commands()) {
                if (isCurl(command)) {
                    Span word = command.program().orElseThrow().span();
                    out.add(new Curl(command.argumentValues(), new Location(file, word),
                            TextEdit.insert(file, word.end(), " -f")));
                }
            }
            return out;
        }
        try {
            for (Command command : ShellScript.parse(String.join(" ", test.subList(1, test.size()))).commands()) {
                if (isCurl(command)) {
                    out.add(new Curl(command.argumentValues(), Probes.locateText(c, hc, "curl"), null));
                }
            }
        } catch (RuntimeException e) {
            return out; // a probe script drydock cannot read: nothing claimed
        }
        return out;
    }

    /** A curl whose exit status is the probe's: not feeding its output into a later command of a pipeline. */
    private static boolean isCurl(Command command) {
        return command.name().equals("curl") && command.program().isPresent()
                && (!command.inPipeline() || command.pipelineIndex() == command.pipelineSize() - 1);
    }
}
