package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "undefined-compose-reference",
        title = "A service refers to a network, volume, secret, config or service that is not defined",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "What every compose service names, after override files are merged: `networks` (other than"
                + " default) must be declared under top-level networks, named volumes under top-level volumes,"
                + " `secrets` and `build.secrets` under top-level secrets, `configs` under top-level configs, and"
                + " `depends_on` (unless `required: false`), `links`, `volumes_from` and `network_mode: service:NAME`"
                + " must name services. A file that is not the project's default compose file is read together with"
                + " the other compose files of its folder, since it is meant to be layered over them with -f."
                + " `extends` of a missing service is reported by file-not-read.",
        problem = "Compose resolves every name when it loads the project: one undefined name makes the whole"
                + " project invalid.",
        impact = "`docker compose up` (and config, build, pull) stops with \"service ... refers to undefined"
                + " network/volume/secret ...\" or \"depends on undefined service\": nothing starts.",
        recommendation = "Declare the resource at the top level (`volumes: {NAME: {}}`, `networks: {NAME: {}}`,"
                + " `secrets: {NAME: {file: ./NAME.txt}}`), or correct the name (a typo, a renamed service).",
        references = {
                "https://docs.docker.com/reference/compose-file/networks/",
                "https://docs.docker.com/reference/compose-file/volumes/",
                "https://docs.docker.com/reference/compose-file/secrets/",
                "https://docs.docker.com/reference/compose-file/configs/",
                "https://docs.docker.com/reference/compose-file/services/#depends_on"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:16.6
                            volumes:
                              - pgdata:/var/lib/postgresql/data
                        """,
                good = """
                        services:
                          db:
                            image: postgres:16.6
                            volumes:
                              - pgdata:/var/lib/postgresql/data
                        volumes:
                          pgdata:
                        """))
public final class UndefinedComposeReference implements Rule {

    /** The names a folder's compose files declare, per kind (services, networks, volumes, secrets, configs). */
    private record Declared(Set<String> services, Set<String> networks, Set<String> volumes, Set<String> secrets,
            Set<String> configs) {

        static Declared empty() {
            return new Declared(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        }

        void add(ComposeProject compose) {
            services.addAll(compose.services().keySet());
            networks.addAll(compose.networks().keySet());
            volumes.addAll(compose.volumes().keySet());
            secrets.addAll(compose.secrets().keySet());
            configs.addAll(compose.configs().keySet());
        }
    }

    @Override
    public void check(ReviewContext context) {
        Map<Path, Declared> folders = new HashMap<>();
        for (ComposeProject compose : context.project().composeProjects()) {
            folders.computeIfAbsent(compose.projectDir().toAbsolutePath().normalize(), d -> Declared.empty()).add(compose);
        }
        Map<ComposeProject, Declared> projects = new IdentityHashMap<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Declared own = projects.computeIfAbsent(ref.compose(), compose -> {
                Declared declared = Declared.empty();
                declared.add(compose);
                return declared;
            });
            Declared folder = folders.get(ref.compose().projectDir().toAbsolutePath().normalize());
            check(context, ref, own, folder == null ? own : folder);
        }
    }

    private void check(ReviewContext context, ComposeServices.Ref ref, Declared own, Declared folder) {
        Service service = ref.service();
        boolean layered = folder != own && !ProjectLayout.DEFAULT_COMPOSE_NAMES.contains(
                PathNames.fileName(ref.compose().files().get(0).displayPath()));
        Declared known = layered ? folder : own;
        for (Service.Network network : service.networks()) {
            if (!network.name().equals("default") && !known.networks().contains(network.name())) {
                report(context, ref, network.nameNode(), "network", network.name(), "networks");
            }
        }
        for (Service.Volume volume : service.volumes()) {
            if (volume.isNamedVolume() && !known.volumes().contains(volume.source())) {
                report(context, ref, volume.node(), "volume", volume.source(), "volumes");
            }
        }
        for (Service.Mount secret : service.secrets()) {
            mount(context, ref, secret, "secret", known.secrets(), "secrets");
        }
        if (service.build() != null) {
            for (Service.Mount secret : service.build().secrets()) {
                mount(context, ref, secret, "build secret", known.secrets(), "secrets");
            }
        }
        for (Service.Mount config : service.configs()) {
            mount(context, ref, config, "config", known.configs(), "configs");
        }
        for (Service.Dependency dependency : service.dependsOn()) {
            if (dependency.required() && !known.services().contains(dependency.service())) {
                report(context, ref, dependency.nameNode(), "service", dependency.service(), "services");
            }
        }
        serviceNames(context, ref, service.node().seq("links"), "links", known);
        serviceNames(context, ref, service.node().seq("volumes_from"), "volumes_from", known);
        Located<String> networkMode = service.networkMode();
        if (networkMode != null && networkMode.value() != null && networkMode.value().startsWith("service:")) {
            String name = networkMode.value().substring("service:".length());
            if (!known.services().contains(name)) {
                report(context, ref, networkMode.node(), "service", name, "services");
            }
        }
    }

    private void mount(ReviewContext context, ComposeServices.Ref ref, Service.Mount mount, String kind,
            Set<String> declared, String section) {
        if (mount.source() != null && mount.source().value() != null && !declared.contains(mount.source().value())) {
            report(context, ref, mount.source().node(), kind, mount.source().value(), section);
        }
    }

    /** {@code links: [db, db:database]} and {@code volumes_from: [app, app:ro, container:name]}. */
    private void serviceNames(ReviewContext context, ComposeServices.Ref ref, SeqNode list, String key,
            Declared known) {
        if (list == null) {
            return;
        }
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode s) || s.isNull() || s.value().startsWith("container:")) {
                continue;
            }
            String name = s.value().split(":", 2)[0];
            if (!name.isEmpty() && !known.services().contains(name)) {
                report(context, ref, s, "service", name, "services (" + key + ")");
            }
        }
    }

    private void report(ReviewContext context, ComposeServices.Ref ref, Node at, String kind, String name,
            String section) {
        String top = section.startsWith("services") ? "service" : "top-level " + section + " entry";
        context.finding(this, ComposeServices.location(at), ref.name() + " refers to the " + kind + " " + name
                        + ", but " + ref.file() + " has no " + top + " named " + name
                        + (ref.service().profiles().isEmpty() ? ": Compose refuses to load the project, so nothing starts"
                                : ": Compose refuses to load the project whenever a profile of " + ref.name()
                                        + " is enabled"))
                .recommendation(section.startsWith("services")
                        ? "Correct the name (the services are " + String.join(", ", ref.compose().services().keySet())
                                + ") or add a service " + name + "."
                        : "Declare it at the top level of " + ref.file() + ": `" + section + ": {" + name
                                + ": {}}` (with its settings), or correct the name.")
                .add();
    }
}
