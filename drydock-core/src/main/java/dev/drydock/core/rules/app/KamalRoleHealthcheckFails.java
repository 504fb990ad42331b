package dev.drydock.core.rules.app;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Thruster;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.KamalRoleEdits;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.source.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "kamal-role-healthcheck-fails",
        title = "A Kamal role without kamal-proxy waits for an image HEALTHCHECK that cannot pass before deploy_timeout",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "A Kamal config/deploy.yml beside the build context, against the HEALTHCHECK of the image it deploys:"
                + " each role other than the primary one that runs a cmd: of its own (a job role's bin/jobs, a"
                + " Sidekiq worker) without kamal-proxy (no proxy: of its own), while the HEALTHCHECK requests a local"
                + " URL (curl -f http://localhost/up) that only the web server answers: on kamal-proxy's app_port, the"
                + " port the image's command listens on (or Thruster's backend port 3000), a port the image EXPOSEs, or"
                + " a port drydock cannot read. Kamal 1 and 2 boot such a role by polling `docker inspect` until the"
                + " new container is running, or healthy when it has a health check: a container whose command serves"
                + " nothing never passes the web probe. Reported at the role's cmd:, the fix adds options:"
                + " no-healthcheck: true to the role. Quiet when the role switches the probe off or replaces it"
                + " (options: no-healthcheck or health-cmd; Kamal 1's traefik: true or healthcheck: on the role), when"
                + " the HEALTHCHECK checks something that holds in any role (a process, a file, no local URL, another"
                + " port such as a metrics exporter's) or falls back to another check (`|| pgrep ...`), when the role's"
                + " command starts a web server (rails server, puma, Thruster, or a command that names a server or web), and"
                + " for roles that keep the image's command. Also, at the HEALTHCHECK, for the other roles of that"
                + " kind (whatever the probe checks), when Kamal 2 gives up before Docker probes at all: with no"
                + " --start-period, Docker runs the first probe --interval (30s by default) after the container"
                + " starts, `docker inspect` reports it starting until then, and Kamal waits deploy_timeout (30s by"
                + " default) for healthy. Quiet when the interval is not longer than deploy_timeout, with a"
                + " --start-period (Docker Engine 25 and later probe every --start-interval during it, older engines"
                + " only at --interval: drydock cannot tell which the servers run), when the role's options set"
                + " health-interval, health-start-period or health-start-interval, and for a Kamal 1 configuration"
                + " (a top-level traefik: or healthcheck:), which counts its wait otherwise. kamal-proxy's own HTTP"
                + " check of the proxied roles does not use the HEALTHCHECK.",
        problem = "Kamal runs one image for every role. A role without kamal-proxy counts as booted when Docker reports"
                + " its container healthy if the image has a HEALTHCHECK, and a HEALTHCHECK that requests the web"
                + " server's health path fails in a container whose command is a job runner: nothing listens there."
                + " Any HEALTHCHECK fails such a deploy when Docker's first probe comes after deploy_timeout.",
        impact = "Every `kamal deploy` waits for the role's new container, which stays starting, then unhealthy, until"
                + " deploy_timeout runs out; the deploy fails with \"Failed to boot\" the role, after the web role has"
                + " already switched to the new version, and the old job containers keep running the previous code.",
        recommendation = "Switch the image's health check off for the role in config/deploy.yml (options:"
                + " no-healthcheck: true), or give it a probe that fits its command (options: health-cmd: \"pgrep -f"
                + " solid-queue\"). Let Docker's first probe come within deploy_timeout.",
        references = {
                "https://kamal-deploy.org/docs/configuration/roles/",
                "https://kamal-deploy.org/docs/configuration/proxy/",
                "https://github.com/basecamp/kamal/blob/main/lib/kamal/cli/app/boot.rb",
                "https://github.com/basecamp/kamal/blob/main/lib/kamal/cli/healthcheck/poller.rb",
                "https://kamal-deploy.org/docs/configuration/overview/#deploy-timeout",
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://docs.docker.com/reference/cli/docker/container/run/#healthcheck"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                file = "config/deploy.yml",
                bad = """
                        service: shop
                        image: acme/shop
                        servers:
                          web:
                            - 192.0.2.10
                          job:
                            hosts:
                              - 192.0.2.10
                            cmd: bin/jobs
                        proxy:
                          host: shop.example.com
                        """,
                good = """
                        service: shop
                        image: acme/shop
                        servers:
                          web:
                            - 192.0.2.10
                          job:
                            hosts:
                              - 192.0.2.10
                            cmd: bin/jobs
                            options:
                              no-healthcheck: true
                        proxy:
                          host: shop.example.com
                        """,
                alongside = @ExampleFile(name = "Dockerfile", content = """
                        FROM ruby:3.4.2-slim
                        WORKDIR /rails
                        RUN apt-get update -qq && apt-get install --no-install-recommends -y curl \\
                            && rm -rf /var/lib/apt/lists/*
                        COPY . .
                        RUN bundle install
                        EXPOSE 80
                        HEALTHCHECK CMD curl -f http://localhost/up || exit 1
                        CMD ["./bin/thrust", "./bin/rails", "server"]
                        """)))
public final class KamalRoleHealthcheckFails implements Rule {

    /** A word of a command that says it serves (start-server, web.sh, http-api), where drydock cannot read more. */
    private static final Pattern SERVING_WORD = Pattern.compile("(?i)(?<![a-z])(serve|server|web|http|https)(?![a-z])");
    private static final java.time.Duration DOCKER_DEFAULT_INTERVAL = java.time.Duration.ofSeconds(30);

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.stage().config().healthcheck() == null || image.stage().config().healthcheck().disabled()) {
                continue;
            }
            EffectiveHealthcheck health = EffectiveHealthcheck.of(image.stage().config().healthcheck());
            Container c = image.containers().stream().filter(x -> !AppFacts.runsOtherCommand(x)).findFirst()
                    .orElse(image.container());
            KamalDeploy deploy = KamalDeploy.of(context, c).orElse(null);
            SourceFile file = deploy == null ? null : context.project().source(deploy.file()).orElse(null);
            if (file == null || deploy.commandRoles().isEmpty() || !reported.add(deploy.file())) {
                continue;
            }
            Set<String> failing = new HashSet<>();
            Probes.Probe probe = Probes.of(health);
            Probes.Url url = probe == null ? null : probe.urls().stream().filter(Probes.Url::local).findFirst()
                    .orElse(null);
            // a probe of another port may ask a process every role runs (a metrics exporter)
            if (url != null && !Probes.fallsBack(health)
                    && (url.port(c) == null || webPorts(context, c, deploy).contains(url.port(c)))) {
                deploy.commandRoles().forEach((role, command) -> {
                    if (!serves(c, command)) {
                        KamalRoleEdits.of(file, role).ifPresent(written -> {
                            failing.add(role);
                            report(context, health, url, deploy, role, command, written);
                        });
                    }
                });
            }
            List<String> late = deploy.commandRoles().keySet().stream()
                    .filter(role -> !failing.contains(role) && !deploy.timedRoles().contains(role)).toList();
            lateFirstProbe(health, deploy)
                    .ifPresent(first -> reportLate(context, health, deploy, late, first));
        }
    }

    /**
     * The roles Kamal 2 boots by waiting for Docker to report their new container healthy, when the HEALTHCHECK's
     * first probe comes only after deploy_timeout: {@code docker inspect} reports the container starting until then,
     * and Kamal gives up first.
     */
    private void reportLate(ReviewContext context, EffectiveHealthcheck health, KamalDeploy deploy, List<String> roles,
            java.time.Duration first) {
        if (roles.isEmpty()) {
            return;
        }
        String named = roles.size() == 1 ? "role " + roles.get(0) : "roles " + String.join(", ", roles);
        long seconds = first.toSeconds();
        context.finding(this, health.origin(), "Docker runs this HEALTHCHECK's first probe " + seconds + "s after the"
                        + " container starts (its --interval" + (health.interval() == null ? ", 30s by default" : "")
                        + ", with no --start-period), but " + deploy.file() + " runs " + named + " without"
                        + " kamal-proxy, whose new containers Kamal waits for until Docker reports them healthy, for"
                        + " deploy_timeout (" + deploy.deployTimeout() + "s" + (deploy.deployTimeoutSet() ? ""
                                : ", Kamal's default") + "): the container is still starting when the wait ends, and"
                        + " every deploy fails with \"container not ready after " + deploy.deployTimeout()
                        + " seconds (starting)\"")
                .severity(Severity.HIGH)
                .recommendation("Let the first probe come within deploy_timeout: an --interval below "
                        + deploy.deployTimeout() + "s on the HEALTHCHECK, or deploy_timeout above " + seconds
                        + " in " + deploy.file() + ". A --start-period with the time the application needs to boot"
                        + " also helps where the servers run Docker Engine 25 or later, which probes every"
                        + " --start-interval (5s by default) during it.")
                .breaks(new Location(health.origin().file(), health.origin().span()))
                .add();
    }

    private void report(ReviewContext context, EffectiveHealthcheck health, Probes.Url url, KamalDeploy deploy,
            String role, String command, KamalRoleEdits.Role written) {
        context.finding(this, written.command(), "role " + role + " runs `" + command + "` without kamal-proxy, so"
                        + " Kamal waits for Docker to report its new container healthy, but the image's HEALTHCHECK ("
                        + health.origin().file() + " line " + health.origin().span().startLine() + ") requests "
                        + url.text() + ", which `" + command + "` does not serve: the container never becomes healthy"
                        + " and every deploy fails with \"Failed to boot " + role + "\" once deploy_timeout runs out")
                .recommendation("Add `options: {no-healthcheck: true}` to role " + role + " in " + deploy.file()
                        + " (Kamal passes it to docker run as --no-healthcheck), or `health-cmd:` with a check that"
                        + " fits `" + command + "` (a process it starts).")
                .breaks(new Location(health.origin().file(), health.origin().span()))
                .fix(written.edit() == null ? null : Fix.of("switch the image's HEALTHCHECK off for role " + role,
                        FixSafety.SAFE, written.edit()))
                .add();
    }

    /**
     * The ports the image's web server is reached on: kamal-proxy's app_port, the port its command listens on (and the
     * one Thruster forwards to), the ports the image EXPOSEs.
     */
    private static Set<Integer> webPorts(ReviewContext context, Container c, KamalDeploy deploy) {
        Set<Integer> ports = new HashSet<>(AppFacts.declaredPorts(c));
        ports.add(deploy.appPort());
        ports.add(AppFacts.port(context, c, Apps.of(context, c)));
        EntryPoint serving = c.entryPoint();
        if (Thruster.fronts(serving)) {
            ports.add(Thruster.targetPort(serving.environment()));
        }
        return ports;
    }

    /** Whether the role's command starts a server the probe may reach, or may, by its words. */
    private static boolean serves(Container c, String command) {
        if (SERVING_WORD.matcher(command).find()) {
            return true;
        }
        EntryPoint image = c.entryPoint();
        Map<String, String> environment = image == null ? Map.of() : image.environment();
        String workdir = image == null ? "/" : image.workdir();
        EntryPoint ep = EntryPoints.interpret(List.of(command), true, environment, workdir);
        return AppFacts.runsServer(ep) || Thruster.fronts(ep);
    }

    /**
     * When Docker runs the HEALTHCHECK's first probe, if that is after Kamal 2's deploy_timeout: at --interval (30s by
     * default) after the container starts, when no --start-period is given. With one, Docker Engine 25 and later probe
     * sooner (every --start-interval, 5s by default, during it), older engines still at --interval: quiet, since
     * drydock cannot tell which engine the servers run.
     */
    private static java.util.Optional<java.time.Duration> lateFirstProbe(EffectiveHealthcheck health,
            KamalDeploy deploy) {
        if (deploy.deployTimeout() == null || health.startPeriod() != null && !health.startPeriod().isZero()) {
            return java.util.Optional.empty();
        }
        java.time.Duration first = health.interval() == null || health.interval().isZero()
                ? DOCKER_DEFAULT_INTERVAL : health.interval();
        return first.compareTo(java.time.Duration.ofSeconds(deploy.deployTimeout())) > 0
                ? java.util.Optional.of(first) : java.util.Optional.empty();
    }
}
