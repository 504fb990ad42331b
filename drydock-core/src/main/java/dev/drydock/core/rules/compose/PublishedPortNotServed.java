package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.List;

@RuleDefinition(
        id = "published-port-not-served",
        title = "Published port is not the one the server listens on",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The container ports a compose service publishes (ports:, short and long syntax, ranges) against the"
                + " port its command sets explicitly (gunicorn and hypercorn --bind, uvicorn --port, runserver's"
                + " address, --listen ...). Fires when none of the published container ports is that port. Quiet when"
                + " the command sets no port or takes it from a variable, and with network_mode (ports do not apply).",
        problem = "A published port forwards host connections to that port of the container; when the server listens"
                + " on another one, nothing answers there.",
        impact = "The service cannot be reached from the host (connection refused or reset) although the container"
                + " runs and may even report healthy.",
        recommendation = "Publish the port the server listens on (HOST:CONTAINER with CONTAINER the server's port), or"
                + " make the server listen on the published container port.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#ports",
                "https://docs.docker.com/engine/network/#published-ports"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            ports:
                              - "127.0.0.1:8080:80"
                        """,
                good = """
                        services:
                          web:
                            build: .
                            ports:
                              - "127.0.0.1:8080:8000"
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """),
                        @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)
                        """)}))
public final class PublishedPortNotServed implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            Service service = c.service();
            EntryPoint ep = c.entryPoint();
            if (service == null || ep == null || service.ports().isEmpty() || service.networkMode() != null) {
                continue;
            }
            Integer listening = AppFacts.commandPort(ep);
            if (listening == null) {
                continue;
            }
            List<Service.Port> ports = service.ports().stream().filter(p -> p.targetStart() > 0).toList();
            boolean served = ports.stream().anyMatch(p -> listening >= p.targetStart()
                    && listening <= Math.max(p.targetStart(), p.targetEnd()));
            if (ports.isEmpty() || served) {
                continue;
            }
            Service.Port first = ports.get(0);
            String server = ep.args().isEmpty() ? "the server" : ep.args().get(0);
            context.finding(this, ComposeServices.location(first.node()), service.name() + " publishes container port"
                            + (ports.size() > 1 ? "s " + String.join(", ", ports.stream().map(p -> String.valueOf(
                                    p.targetStart())).toList()) : " " + first.targetStart())
                            + ", but " + server + " listens on " + listening + ": connections to the published port"
                            + " find nothing listening")
                    .recommendation("Publish " + listening + " as the container port: `" + (first.published() == null
                            ? "" : (first.hostIp() == null ? "" : first.hostIp() + ":") + first.published() + ":")
                            + listening + "`, or make " + server + " listen on " + first.targetStart() + ".")
                    .add();
        }
    }
}
