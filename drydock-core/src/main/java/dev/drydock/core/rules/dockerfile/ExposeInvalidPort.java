package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ExposedPorts;
import dev.drydock.core.rules.support.StagesInUse;

@RuleDefinition(
        id = "expose-invalid-port",
        title = "EXPOSE names a port outside 0-65535",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every EXPOSE entry of the stages a build uses (entries with variables are not checked): fires when"
                + " a port or a bound of a port range is not a number from 0 to 65535, a range runs backwards, or the"
                + " protocol is not tcp, udp or sctp.",
        problem = "TCP and UDP ports are 16-bit numbers; Docker parses every EXPOSE entry as a port specification"
                + " and refuses one it cannot read.",
        impact = "The build stops at the EXPOSE with an invalid port error.",
        recommendation = "Expose the port the application listens on, a number from 1 to 65535, optionally with"
                + " /tcp or /udp.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#expose"},
        aliases = {"DL3011", "DS-0008", "DS008", "UNIX Ports Out Of Range"},
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2
                        EXPOSE 80800
                        """,
                good = """
                        FROM nginx:1.27.2
                        EXPOSE 8080
                        """))
public final class ExposeInvalidPort implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (Step step : used.stage().steps()) {
                for (ExposedPorts port : ExposedPorts.of(step.instruction())) {
                    // host:container and ip:host:container are expose-invalid-format's: BuildKit accepts them
                    if (!port.valid() && !port.word().value().contains(":")) {
                        context.finding(this, step.instruction().file().path(), port.word().span(),
                                        "EXPOSE " + port.word().value() + " is no valid port: " + why(port))
                                .add();
                    }
                }
            }
        }
    }

    private static String why(ExposedPorts port) {
        if (port.first() < 0 || port.last() < 0) {
            return "the port is not a number";
        }
        if (port.first() > 65535 || port.last() > 65535) {
            return "ports end at 65535";
        }
        if (port.first() > port.last()) {
            return "the range runs backwards";
        }
        return "the protocol must be tcp, udp or sctp";
    }
}
