package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Location;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The curl commands a container's healthcheck runs, in a Dockerfile's HEALTHCHECK or a compose test. */
public final class CurlProbes {

    private CurlProbes() {}

    private static final Pattern SHORT_OPTIONS = Pattern.compile("-[A-Za-z0-9#:]+");
    private static final Pattern HTTP_TARGET = Pattern.compile("(?i)^(https?://|localhost\\b|127\\.0\\.0\\.1\\b|\\[::1])");

    /** One curl of a probe: its arguments, where its name is written, and the edit that adds -f when drydock can write it. */
    public record Curl(List<String> args, Location location, TextEdit addFail) {}

    /** The HTTP address a curl requests, as written; "" when none is recognised. */
    public static String target(List<String> args) {
        return args.stream().filter(a -> HTTP_TARGET.matcher(a).find()).findFirst().orElse("");
    }

    /** Whether the probe runs a curl that passes on an HTTP error status. */
    public static boolean passesOnHttpErrors(Container c, EffectiveHealthcheck hc) {
        return !ignoringStatus(c, hc).isEmpty();
    }

    /** The curls of the container's probe that pass on an HTTP error status; none for a disabled or empty probe. */
    public static List<Curl> ignoringStatus(Container c, EffectiveHealthcheck hc) {
        if (hc == null || hc.disabled() || hc.test().size() < 2 || c.build() != null && c.build().stage() == null) {
            return List.of();
        }
        return of(c, hc).stream().filter(curl -> ignoresStatus(curl.args())).toList();
    }

    /** Whether a curl of the probe requests an HTTP address and nothing makes an error status fail it. */
    public static boolean ignoresStatus(List<String> args) {
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

    /** The curls of a probe with at least a program ({@code test} of two elements or more), of a built or pulled image. */
    public static List<Curl> of(Container c, EffectiveHealthcheck hc) {
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
