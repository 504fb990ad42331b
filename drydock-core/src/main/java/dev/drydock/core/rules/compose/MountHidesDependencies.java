package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeListEdits;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.HiddenDependencies;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "mount-hides-dependencies",
        title = "A bind mount hides the dependencies the image installed",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The bind mounts of compose services built from a Dockerfile, in development files too: one whose"
                + " target holds a dependency folder the image fills (the node_modules of `npm ci`, `yarn install`,"
                + " `pnpm install` or `bun install` in the folder above it, or a COPY --from of node_modules; the"
                + " virtualenv of `uv sync` (.venv, or UV_PROJECT_ENVIRONMENT), `uv venv`, `python -m venv`,"
                + " `virtualenv`, or Poetry's .venv with POETRY_VIRTUALENVS_IN_PROJECT), with no other mount of the"
                + " service at that folder or between it and the bind mount's target (the anonymous volume"
                + " `- /app/node_modules`). Not reported: a folder a later `mv` takes out of the mount's reach (`mv"
                + " /app/node_modules /node_modules`, where Node still finds it from the folders below), a folder whose dependencies the service's start installs"
                + " itself, an install of the same ecosystem in its command, its entry-point or start script or the"
                + " package.json scripts it runs (`npm install && npm run dev`, `uv run`, the same installs"
                + " dependencies-installed-at-start knows), and a mount source-code-mounted"
                + " reports (outside development files), whose message names the hidden folder.",
        problem = "A bind mount shows the host's folder at its target, and everything the image put below it is"
                + " hidden: the dependency folder the build installed is replaced by whatever the host's checkout has"
                + " there.",
        impact = "On a fresh clone the host has no node_modules (or .venv), so the application fails at start"
                + " (Cannot find module, ModuleNotFoundError); where a developer installed them on the host, they are"
                + " the host's packages, and native ones built for macOS or Windows fail to load in the Linux"
                + " container.",
        recommendation = "Keep the image's folder visible under the mount: add an anonymous volume for it after the"
                + " bind mount (`- /app/node_modules`, `- /app/.venv`; `docker compose up -V` renews it after the"
                + " dependencies change), or replace the bind mount with Compose Watch (`develop: watch:` syncing the"
                + " sources, ignoring node_modules/ or .venv/, and rebuilding when the lockfile changes).",
        references = {
                "https://docs.docker.com/engine/storage/bind-mounts/#bind-mounting-over-existing-data",
                "https://docs.docker.com/reference/compose-file/services/#volumes",
                "https://docs.docker.com/compose/how-tos/file-watch/",
                "https://docs.astral.sh/uv/guides/integration/docker/#developing-in-a-container"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "compose.dev.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            command: ["node", "--watch", "server.js"]
                            volumes:
                              - .:/app
                        """,
                good = """
                        services:
                          web:
                            build: .
                            command: ["node", "--watch", "server.js"]
                            volumes:
                              - .:/app
                              - /app/node_modules
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci
                        COPY . .
                        CMD ["node", "server.js"]
                        """),
                        @ExampleFile(name = "package.json", content = """
                        {"name": "web", "dependencies": {"express": "4.21.1"}}
                        """),
                        @ExampleFile(name = "package-lock.json", content = """
                        {"lockfileVersion": 3, "packages": {}}
                        """),
                        @ExampleFile(name = "server.js", content = """
                        require("express")().listen(3000);
                        """)}))
public final class MountHidesDependencies implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<HiddenDependencies.Hidden> hits = new ArrayList<>();
        for (Container c : context.builtContainers()) {
            for (HiddenDependencies.Hidden hidden : HiddenDependencies.of(context, c)) {
                if (!SourceCodeMounted.reports(context, c, hidden.mount())) {
                    hits.add(hidden);
                }
            }
        }
        // a service of a base file is read again in each variant's project: one finding per mount and folder
        java.util.Collection<List<HiddenDependencies.Hidden>> groups = ComposeServices.byLocation(hits,
                h -> ComposeServices.location(h.mount().node()));
        for (List<HiddenDependencies.Hidden> group : groups) {
            List<String> seen = new ArrayList<>();
            for (HiddenDependencies.Hidden hidden : group) {
                if (seen.contains(hidden.folder())) {
                    continue;
                }
                seen.add(hidden.folder());
                report(context, hidden, group.stream().filter(h -> h.folder().equals(hidden.folder()))
                        .map(h -> h.container().service().name()).distinct().toList());
            }
        }
    }

    private void report(ReviewContext context, HiddenDependencies.Hidden hidden, List<String> services) {
        Service.Volume mount = hidden.mount();
        String names = ComposeServices.names(services);
        String host = hidden.hostFolder();
        String file = mount.node().file().path();
        String where = hidden.container().build().dockerfile() + ":" + hidden.line() + " " + hidden.filler();
        String failure = hidden.node() ? "Cannot find module" : "ModuleNotFoundError";
        String packages = hidden.node() ? "native addons (bcrypt, sharp, better-sqlite3 ...) built for macOS or Windows"
                : "a virtualenv made on macOS or Windows, whose interpreter and compiled packages";
        context.finding(this, ComposeServices.location(mount.node()), names + (services.size() == 1 ? " mounts " : " mount ")
                        + mount.source() + " over " + hidden.target() + ", which hides " + hidden.folder() + ", "
                        + hidden.what() + " the image fills (" + where + "): the container sees the host's " + host
                        + " instead, which a fresh checkout lacks (the application then fails at start: " + failure
                        + "), and which, where it was installed on the host, holds the host's packages: " + packages
                        + " do not load in the container")
                .recommendation("Keep the image's " + (hidden.node() ? "node_modules" : "virtualenv") + " under the"
                        + " mount: add `- " + hidden.folder() + "` (an anonymous volume) to the volumes of " + names
                        + " in " + file + ", after `" + mount.source() + ":" + mount.target() + "`; after the"
                        + " dependencies change, `docker compose up --build -V` gives it the new image's files. Or"
                        + " replace the bind mount with Compose Watch: `develop: watch:` with `action: sync` of the"
                        + " sources to " + hidden.target() + " ignoring " + (hidden.node() ? "node_modules/" : ".venv/")
                        + ", and `action: rebuild` on " + (hidden.node() ? "package.json and the lockfile"
                        : "the lockfile") + ".")
                .fix(volumeFix(hidden))
                .add();
    }

    /**
     * The anonymous volume added after the service's last volume, in the file that holds the bind mount (a variant
     * file's list, merged over the base's, gets it there); null when the list cannot be edited there.
     */
    private static Fix volumeFix(HiddenDependencies.Hidden hidden) {
        Service service = hidden.container().service();
        if (service.node() == null) {
            return null;
        }
        TextEdit edit = ComposeListEdits.addItem(service.node(), "volumes", hidden.folder());
        return edit == null || !edit.file().equals(hidden.mount().node().file().path()) ? null
                : Fix.of("keep the image's " + hidden.folder() + " under the mount of " + service.name(),
                        FixSafety.UNSAFE, edit);
    }
}
