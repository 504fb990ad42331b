package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.FinalStageEnv;
import dev.drydock.core.rules.support.FlyDeploy;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.KustomizeOverlays;
import dev.drydock.core.rules.support.PhoenixServerSwitch;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.source.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "phoenix-server-not-started",
        title = "Phoenix release is started without the variable that turns its HTTP server on",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Containers that start a Mix release in the foreground (`bin/<app> start` or `start_iex`) of a Mix"
                + " project that depends on phoenix, whose config/runtime.exs sets the endpoint's `server: true` only"
                + " inside `if System.get_env(\"PHX_SERVER\") do` (as mix phx.new writes it), while neither the image"
                + " (ENV), the compose service's environment nor the release's rel/env.sh.eex sets that variable, and"
                + " the container is meant to serve: it publishes or exposes ports, its image EXPOSEs one or it has a"
                + " health check. Quiet when another configuration file (config.exs, prod.exs, releases.exs) or"
                + " runtime.exs outside that block sets `server:`, when the command is phx.gen.release's `bin/server`"
                + " (which sets PHX_SERVER=true), when a compose env_file may set the variable, and when the fly.toml"
                + " that deploys the image sets it under [env]. For an image no compose service runs, the Kubernetes"
                + " containers that run it as a service decide: quiet when each sets the variable in its env (or"
                + " may: envFrom, a kustomize overlay's patch of env, a command or args of its own), reported when"
                + " one does not and the image, or that container (containerPort, an httpGet or tcpSocket probe),"
                + " shows it should serve. The fix adds ENV PHX_SERVER=true before the final"
                + " stage's CMD when the Dockerfile writes the command.",
        problem = "A Phoenix endpoint starts its HTTP server only when its configuration says `server: true`;"
                + " `mix phx.server` says so by itself, a release does not. The generated runtime.exs turns it on when"
                + " PHX_SERVER is set, and `bin/<app> start` does not set it.",
        impact = "The release boots, connects to its database and logs no error, but nothing listens on the port:"
                + " the published port refuses connections, health checks fail and the container is restarted or"
                + " never becomes healthy.",
        recommendation = "Start the release with phx.gen.release's bin/server (it sets PHX_SERVER=true), or set"
                + " PHX_SERVER=true in the image's ENV or the service's environment.",
        references = {
                "https://hexdocs.pm/phoenix/releases.html",
                "https://hexdocs.pm/phoenix/Mix.Tasks.Phx.Gen.Release.html",
                "https://hexdocs.pm/phoenix/Phoenix.Endpoint.html"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:bookworm-20241016-slim
                        WORKDIR /app
                        COPY _build/prod/rel/shop ./
                        USER nobody
                        EXPOSE 4000
                        CMD ["/app/bin/shop", "start"]
                        """,
                good = """
                        FROM debian:bookworm-20241016-slim
                        WORKDIR /app
                        COPY _build/prod/rel/shop ./
                        USER nobody
                        EXPOSE 4000
                        ENV PHX_SERVER=true
                        CMD ["/app/bin/shop", "start"]
                        """,
                alongside = {
                        @ExampleFile(name = "mix.exs", content = """
                                defmodule Shop.MixProject do
                                  use Mix.Project

                                  def project, do: [app: :shop, version: "0.1.0", deps: [{:phoenix, "~> 1.7"}]]
                                end
                                """),
                        @ExampleFile(name = "config/runtime.exs", content = """
                                import Config

                                if System.get_env("PHX_SERVER") do
                                  config :shop, ShopWeb.Endpoint, server: true
                                end
                                """)}))
public final class PhoenixServerNotStarted implements Rule {

    /** The configuration files a release loads besides runtime.exs (config.exs imports the environment's file). */
    private static final List<String> OTHER_CONFIGS = List.of("config/config.exs", "config/prod.exs",
            "config/releases.exs");
    /** Where mix release takes the script it sources before starting (mix release.init writes it). */
    private static final List<String> RELEASE_ENV_SCRIPTS = List.of("rel/env.sh.eex", "rel/env.sh");

    @Override
    public void check(ReviewContext context) {
        Set<Origin> seen = new HashSet<>();
        for (Container c : context.builtContainers()) {
            EntryPoint ep = Processes.serving(c);
            if (ep == null || ep.runtime() != Runtime.ELIXIR_RELEASE || ep.flag("server") || c.command() == null
                    || c.service() != null && !c.service().envFiles().isEmpty()
                    || AppFacts.dependencies(c, Ecosystem.HEX, List.of("phoenix")).isEmpty()) {
                continue;
            }
            List<KubernetesRuns> kube = c.service() != null ? List.of() : KubernetesRuns.of(context, c).stream()
                    .filter(r -> r.runsImageService(c.command().argv())).toList();
            String serves = servesEvidence(c);
            if (serves == null && kube.stream().allMatch(r -> kubernetesEvidence(r) == null)) {
                continue; // a worker started from the web application's release
            }
            for (Manifest manifest : c.manifests()) {
                if (manifest.kind() != ManifestKind.MIX_EXS) {
                    continue;
                }
                String dir = PathNames.parent(manifest.file());
                String runtimeExs = PathNames.join(dir, "config/runtime.exs");
                Optional<PhoenixServerSwitch.Gate> gate = PhoenixServerSwitch.read(text(context, runtimeExs),
                        OTHER_CONFIGS.stream().map(f -> text(context, PathNames.join(dir, f))).toList());
                if (gate.isEmpty()) {
                    continue;
                }
                String variable = gate.get().variable();
                if (ep.environment().containsKey(variable) || setByReleaseScript(context, dir, variable)
                        || FlyDeploy.of(context, c).filter(f -> !f.fly().processes().isEmpty()
                                || f.fly().env().containsKey(variable)).isPresent()) {
                    break;
                }
                String deployed = "";
                if (!kube.isEmpty()) {
                    KubernetesRuns without = kube.stream().filter(r -> !startsServer(context, r, variable))
                            .findFirst().orElse(null);
                    if (without == null) {
                        break; // every Kubernetes container that runs the image sets the variable
                    }
                    String unset = " without " + variable + " in its env";
                    if (serves != null) {
                        deployed = "; " + without.describe() + " runs it" + unset;
                    } else if ((serves = kubernetesEvidence(without)) != null) {
                        deployed = unset;
                    } else {
                        break;
                    }
                }
                Origin at = c.command().origin();
                if (at != null && seen.add(at)) {
                    boolean binServer = context.project().source(PathNames.join(dir, "rel/overlays/bin/server")).isPresent();
                    context.finding(this, at, "`" + String.join(" ", ep.args()) + "` starts the release without "
                                    + variable + ", and " + runtimeExs + " line " + gate.get().line() + " turns the"
                                    + " Phoenix endpoint's server on only when " + variable + " is set: nothing"
                                    + " listens, although " + serves + deployed)
                            .recommendation((binServer ? "Run the release's bin/server (rel/overlays/bin/server),"
                                    + " which sets PHX_SERVER=true, or set " : "Set ") + variable + "=true in the"
                                    + " image's ENV or the service's environment"
                                    + (deployed.isEmpty() ? "" : " (or in the env of every Kubernetes container"
                                            + " that runs the image)") + ".")
                            .fix(fix(c, variable))
                            .add();
                }
                break;
            }
        }
    }

    /** What shows the container should answer requests, or null when nothing does. */
    private static String servesEvidence(Container c) {
        if (c.service() != null && !c.service().ports().isEmpty()) {
            return "the compose service publishes ports";
        }
        if (c.service() != null && !c.service().expose().isEmpty()) {
            return "the compose service exposes ports";
        }
        if (c.healthcheck() != null) {
            return "the container has a health check, which will fail";
        }
        if (c.build() != null && c.build().stage() != null && !c.build().stage().config().exposedPorts().isEmpty()) {
            return "the image EXPOSEs " + String.join(" ", c.build().stage().config().exposedPorts().stream()
                    .map(s -> s.value()).toList());
        }
        return null;
    }

    /**
     * Whether a Kubernetes container may start the endpoint's server: its env sets the variable (any value: runtime.exs
     * tests only that it is set), or drydock cannot tell, because an envFrom adds variables, an overlay's patch changes
     * its env, or a command or args of its own replace what the image starts.
     */
    private static boolean startsServer(ReviewContext context, KubernetesRuns run, String variable) {
        KubeContainer k = run.container();
        return k.environment().contains(variable) || k.envFrom() || !k.command().isEmpty() || !k.args().isEmpty()
                || KustomizeOverlays.patchedByAny(context, run, "env")
                || KustomizeOverlays.patchedByAny(context, run, "envFrom");
    }

    /** What in a Kubernetes container shows it should answer requests, or null when nothing does. */
    private static String kubernetesEvidence(KubernetesRuns run) {
        if (!run.container().ports().isEmpty()) {
            return run.describe() + " runs it with containerPort " + String.join(" ", run.container().portNumbers()
                    .stream().map(String::valueOf).toList());
        }
        if (!run.portProbes().isEmpty()) {
            return run.describe() + " runs it with a " + String.join(" and ", run.portProbes().keySet())
                    + " probe that will fail";
        }
        return null;
    }

    private static boolean setByReleaseScript(ReviewContext context, String dir, String variable) {
        return RELEASE_ENV_SCRIPTS.stream().map(f -> text(context, PathNames.join(dir, f)))
                .anyMatch(t -> t != null && t.contains(variable));
    }

    private static String text(ReviewContext context, String path) {
        return context.project().source(path).map(SourceFile::text).orElse(null);
    }

    /** ENV VARIABLE=true before the final stage's command, when the Dockerfile (not compose) writes the command. */
    private static Fix fix(Container c, String variable) {
        if (c.service() != null && (c.service().command() != null || c.service().entrypoint() != null)) {
            return null;
        }
        TextEdit edit = FinalStageEnv.beforeCommand(c, variable + "=true");
        return edit == null ? null : Fix.of("set ENV " + variable + "=true in the final stage", FixSafety.SAFE, edit);
    }
}
