package dev.drydock.core.rules.app;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.CodePorts;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.NginxConfig;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "healthcheck-localhost-ipv6",
        title = "BusyBox wget probes localhost, which it tries on ::1 only, while the server listens on IPv4",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Healthchecks (a Dockerfile's HEALTHCHECK and compose `healthcheck.test`) that run BusyBox's wget"
                + " (the wget of Alpine based images such as node:*-alpine and nginx:alpine, unless the Dockerfile"
                + " installs GNU wget) against http://localhost:PORT, while the server on that port is known to listen"
                + " on IPv4 only: nginx whose copied configuration has `listen PORT` without `listen [::]:PORT`, Next's"
                + " standalone server with HOSTNAME=0.0.0.0, a server given HOST=0.0.0.0 (Nuxt, Nitro) or one whose"
                + " code binds 0.0.0.0. Quiet when the server's address is not known, for curl, GNU wget and the"
                + " language runtimes (they try 127.0.0.1 after ::1).",
        problem = "Docker's /etc/hosts maps localhost to 127.0.0.1 and ::1, and musl returns ::1 first. BusyBox's"
                + " wget connects to the first address only: nothing listens on [::1]:PORT, the connection is refused"
                + " and the probe fails every time.",
        impact = "The container is unhealthy from its first probe on while it serves every request: services that"
                + " wait for it (depends_on: condition: service_healthy) never start, Traefik leaves it out of its"
                + " routes, autoheal restarts it again and again.",
        recommendation = "Probe the IPv4 loopback address: `wget -q --spider http://127.0.0.1:8080/health`, or make the"
                + " server listen on IPv6 too (`listen [::]:8080;` in nginx, HOSTNAME=:: for Next.js).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://nginx.org/en/docs/http/ngx_http_core_module.html#listen",
                "https://wiki.musl-libc.org/functional-differences-from-glibc.html#Name-Resolver/DNS"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11-alpine
                        ENV HOST=0.0.0.0 PORT=3000
                        COPY .output /app/.output
                        HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1
                        CMD ["node", "/app/.output/server/index.mjs"]
                        """,
                good = """
                        FROM node:22.11-alpine
                        ENV HOST=0.0.0.0 PORT=3000
                        COPY .output /app/.output
                        HEALTHCHECK CMD wget -q --spider http://127.0.0.1:3000/ || exit 1
                        CMD ["node", "/app/.output/server/index.mjs"]
                        """))
public final class HealthcheckLocalhostIpv6 implements Rule {

    private static final String LOCALHOST = "localhost";

    @Override
    public void check(ReviewContext context) {
        Set<Location> seen = new HashSet<>();
        for (Container c : context.project().containers()) {
            EffectiveHealthcheck hc = c.healthcheck();
            for (Refused refused : refused(context, c, hc)) {
                Location at = Probes.locateText(c, hc, refused.url().text());
                if (seen.add(at)) {
                    report(context, at, refused.url(), refused.why(), c);
                }
            }
        }
    }

    /** A localhost URL of a probe that BusyBox wget tries on ::1 only, and why nothing answers there. */
    private record Refused(Probes.Url url, String why) {}

    /**
     * Whether a probe run in the container asks localhost with BusyBox wget while its server listens on IPv4
     * only, so that the connection is refused: true for a compose probe that would fail as well when moved into
     * the image as its HEALTHCHECK.
     */
    public static boolean refusesLocalhost(ReviewContext context, Container c, EffectiveHealthcheck hc) {
        return !refused(context, c, hc).isEmpty();
    }

    private static List<Refused> refused(ReviewContext context, Container c, EffectiveHealthcheck hc) {
        Probes.Probe probe = Probes.of(hc);
        if (probe == null || probe.programs().stream().noneMatch(p -> p.name().equals("wget"))
                || probe.programs().stream().anyMatch(p -> p.name().equals("curl")) || !busyBoxWget(c)) {
            return List.of();
        }
        List<Refused> out = new ArrayList<>();
        for (Probes.Url url : probe.urls()) {
            if (url.host().equalsIgnoreCase(LOCALHOST) && url.port() != null) {
                ipv4Only(context, c, url.port()).ifPresent(why -> out.add(new Refused(url, why)));
            }
        }
        return out;
    }

    private void report(ReviewContext context, Location at, Probes.Url url, String why, Container c) {
        String fixed = url.text().replaceFirst("(?i)localhost", "127.0.0.1");
        TextEdit edit = edit(context, at, url);
        context.finding(this, at, "the probe's wget is BusyBox's (" + ImageContents.of(c).baseImage() + "): it tries "
                        + url.text() + " on ::1 only, the first address of localhost, and " + why + ": the connection is"
                        + " refused and the container never becomes healthy")
                .recommendation("Probe " + fixed + " instead, the IPv4 loopback address the server answers on.")
                .fix(edit == null ? null : Fix.of("probe 127.0.0.1 instead of localhost", FixSafety.SAFE, edit))
                .breaks()
                .add();
    }

    /** The edit that writes 127.0.0.1 for the URL's localhost, when the URL is found where the finding points. */
    private static TextEdit edit(ReviewContext context, Location at, Probes.Url url) {
        if (at.file() == null || at.span() == null) {
            return null;
        }
        SourceFile file = context.project().source(at.file()).orElse(null);
        Span span = at.span();
        if (file == null || span.end() > file.text().length()) {
            return null;
        }
        int inSpan = file.text().substring(span.start(), span.end()).indexOf(url.text());
        int host = url.text().toLowerCase(java.util.Locale.ROOT).indexOf(LOCALHOST);
        if (inSpan < 0 || host < 0) {
            return null;
        }
        int start = span.start() + inSpan + host;
        return TextEdit.replace(at.file(), start, start + LOCALHOST.length(), "127.0.0.1");
    }

    /**
     * Whether the image's wget is BusyBox's: an Alpine based image that does not install GNU wget. False when the
     * service names neither an image nor a build drydock can read.
     */
    private static boolean busyBoxWget(Container c) {
        ImageContents image = ImageContents.of(c);
        return image != null && image.installed("wget").isEmpty() && image.base()
                .map(t -> t.has("wget") && "apk".equals(t.packageManager())).orElse(false);
    }

    /** Why the server on {@code port} takes IPv4 connections only, when that is known. */
    private static Optional<String> ipv4Only(ReviewContext context, Container c, int port) {
        Optional<NginxConfig> nginx = NginxConfigs.listening(context, c);
        if (nginx.isPresent()) {
            return nginx.get().ipv4Only(port).map(l -> "nginx listens on 0.0.0.0:" + port + " only (`listen "
                    + port + "` in " + l.file() + ":" + l.line() + ", no `listen [::]:" + port + "`)");
        }
        EntryPoint ep = Processes.serving(c);
        if (ep == null) {
            return Optional.empty();
        }
        if (ep.runtime() == Runtime.NEXT_STANDALONE && "0.0.0.0".equals(ep.option("host"))
                && port == number(ep.environment().get("PORT"), 3000)) {
            return Optional.of("Next's standalone server listens on 0.0.0.0:" + port + " only (HOSTNAME=0.0.0.0)");
        }
        Optional<AppFacts.ListenAddress> address = AppFacts.listenAddress(ep);
        if (address.isPresent() && address.get().value().equals("0.0.0.0") && address.get().port() != null
                && address.get().port() == port) {
            return Optional.of("the server listens on 0.0.0.0:" + port + " only (" + address.get().variable()
                    + "=0.0.0.0)");
        }
        return CodePorts.of(context.project(), c, Apps.of(context, c)).stream()
                .filter(p -> p.port() == port && p.call().host() != null
                        && p.call().host().replaceAll("[\"'`]", "").strip().equals("0.0.0.0"))
                .findFirst()
                .map(p -> "the server listens on 0.0.0.0:" + port + " only (`" + p.call().call() + "`"
                        + (p.call().file() == null ? "" : " in " + p.call().file() + ":" + p.call().line()) + ")");
    }

    private static int number(String text, int otherwise) {
        return text != null && text.strip().matches("\\d{1,5}") ? Integer.parseInt(text.strip()) : otherwise;
    }
}
