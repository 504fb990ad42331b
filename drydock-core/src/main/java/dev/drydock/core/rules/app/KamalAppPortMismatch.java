package dev.drydock.core.rules.app;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Thruster;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.RailsServerPorts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "kamal-app-port-mismatch",
        title = "kamal-proxy forwards to a port the container's server does not listen on",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "A Kamal config/deploy.yml beside the build context whose primary role runs behind kamal-proxy with"
                + " the image's own command (no cmd:), against the port that command listens on when drydock can tell:"
                + " Thruster (bin/thrust) on THRUSTER_HTTP_PORT or HTTP_PORT, 80 by default; `rails server` on its -p,"
                + " else PORT, else the port config/puma.rb sets with `port` (a literal or ENV.fetch(\"PORT\", N)), else"
                + " 3000; the image's ENV and env.clear of deploy.yml count. kamal-proxy sends requests and its"
                + " health check to proxy.app_port, 80 unless set. Quiet when puma.rb binds with `bind` or its port"
                + " cannot be read, and for other servers.",
        problem = "kamal-proxy connects to the container on proxy.app_port, 80 by default since Kamal 2, which"
                + " expects Thruster in front of Rails. A Rails server started without Thruster listens on 3000.",
        impact = "Every `kamal deploy` waits for the health check on a port nothing listens on until the deploy"
                + " timeout, then fails and keeps the old version (the first deploy never serves at all).",
        recommendation = "Set proxy: app_port: to the port the server listens on, or start it through Thruster"
                + " (`./bin/thrust ./bin/rails server`), which listens on 80.",
        references = {
                "https://kamal-deploy.org/docs/configuration/proxy/",
                "https://kamal-deploy.org/docs/upgrading/proxy-changes/",
                "https://github.com/basecamp/thruster#configuration",
                "https://guides.rubyonrails.org/command_line.html#bin-rails-server"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM ruby:3.3.6-slim
                        WORKDIR /rails
                        ENV RAILS_ENV=production
                        COPY . .
                        RUN bundle install
                        EXPOSE 3000
                        CMD ["./bin/rails", "server"]
                        """,
                good = """
                        FROM ruby:3.3.6-slim
                        WORKDIR /rails
                        ENV RAILS_ENV=production
                        COPY . .
                        RUN bundle install
                        EXPOSE 80
                        CMD ["./bin/thrust", "./bin/rails", "server"]
                        """,
                alongside = @ExampleFile(name = "config/deploy.yml", content = """
                        service: shop
                        image: acme/shop
                        servers:
                          web:
                            - 192.0.2.10
                        proxy:
                          host: shop.example.com
                        """)))
public final class KamalAppPortMismatch implements Rule {

    /** The port the image's command listens on, and why. */
    private record Served(int port, String because) {}

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            Container c = image.containers().stream().filter(x -> !AppFacts.runsOtherCommand(x)).findFirst()
                    .orElse(image.container());
            KamalDeploy deploy = KamalDeploy.of(context, c).orElse(null);
            if (deploy == null || !deploy.proxied() || deploy.primaryCommand() != null || !reported.add(deploy.file())) {
                continue;
            }
            served(context, c, deploy).filter(s -> s.port() != deploy.appPort()).ifPresent(s -> report(context, c,
                    deploy, s));
        }
    }

    private void report(ReviewContext context, Container c, KamalDeploy deploy, Served served) {
        String command = String.join(" ", c.entryPoint().args());
        String target = deploy.appPortSet() ? "proxy.app_port " + deploy.appPort()
                : "port " + deploy.appPort() + " (no proxy.app_port: Kamal's default, which expects Thruster)";
        context.finding(this, deploy.portLocation(context), deploy.file() + " has kamal-proxy send requests and its "
                        + deploy.healthPath() + " health check to " + target + ", but the image's command `" + command
                        + "` listens on " + served.port() + " (" + served.because() + "): every deploy waits for "
                        + deploy.healthPath() + " until it times out and fails")
                .recommendation(served.port() == RailsServerPorts.DEFAULT_PORT || !deploy.appPortSet()
                        ? "Add `app_port: " + served.port() + "` under proxy: in " + deploy.file() + ", or start the"
                                + " server through Thruster (gem \"thruster\", CMD [\"./bin/thrust\", \"./bin/rails\","
                                + " \"server\"]), which listens on 80."
                        : "Set `app_port: " + served.port() + "` under proxy: in " + deploy.file() + ", or move the"
                                + " server to " + deploy.appPort() + ".")
                .add();
    }

    private static Optional<Served> served(ReviewContext context, Container c, KamalDeploy deploy) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || !ep.otherCommands().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> env = new HashMap<>(ep.environment());
        env.putAll(deploy.clearEnvironment());
        if (Thruster.fronts(ep)) {
            String variable = Thruster.httpPortVariable(env);
            int port = Thruster.httpPort(env);
            return Optional.of(variable != null && String.valueOf(port).equals(env.get(variable).strip())
                    ? new Served(port, variable + "=" + port + ", Thruster's listening port")
                    : new Served(port, "Thruster's default HTTP_PORT"));
        }
        return RailsServerPorts.of(context, c, env).map(s -> new Served(s.port(), s.because()));
    }
}
