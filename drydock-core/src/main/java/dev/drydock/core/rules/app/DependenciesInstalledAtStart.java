package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DependencyInstallCommands;
import dev.drydock.core.rules.support.DependencyInstallCommands.Install;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.DevelopmentComposeFiles;
import dev.drydock.core.rules.support.NodeLocking;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.StartupMigrations;
import dev.drydock.core.rules.support.StartupMigrations.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RuleDefinition(
        id = "dependencies-installed-at-start",
        title = "Container installs the application's dependencies each time it starts",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Installs of language packages that a container built here runs at every start, before its"
                + " application: `pip install` (also `python -m pip`, `uv pip install`), `uv sync`, `poetry install`,"
                + " `pipenv install`, `npm install`, `npm ci`, `yarn`, `pnpm install`, `bun install`, `composer"
                + " install`, `bundle install` and `go mod download`, in the `sh -c` script of its command (compose"
                + " `command:`, CMD, ENTRYPOINT), in an entry-point or start script of the project it runs, or in the"
                + " package.json script a package manager runs (`\"start\": \"npm ci && node server.js\"`) and, under"
                + " npm (without --ignore-scripts), its pre-script (`prestart`), which npm runs first, and the scripts"
                + " these run in turn by name (`npm run setup`, `yarn deps`, `pnpm run X`, `bun run X`), each with its"
                + " npm pre-script, and its post-script when it finishes before the application; also"
                + " `pip install` of a single pinned tool, which still downloads at every start. Quiet for an install"
                + " inside an `if`, a `case` or a function or after a test (`[ -d node_modules ] || npm ci`), for one"
                + " told to stay offline (`--no-index`, `--offline`), for OS packages (apt-get, apk: another concern),"
                + " for dev containers, one-shot jobs and test runs, and for services of a development compose file or"
                + " that mount the source over the working directory (not deployed-like): there the mounted checkout"
                + " has no packages of its own, and installing them at start is how it gets them.",
        problem = "The image is started without the packages the application needs, or with packages the start throws"
                + " away: every start (each restart after a crash, each new replica) resolves and downloads them from"
                + " the package registry before the application runs. `npm ci` removes node_modules first and"
                + " installs everything again; pip and npm without a lock file resolve the newest versions allowed on"
                + " the day of the start.",
        impact = "Starts take as long as the install, which can outlast a healthcheck's start period or an"
                + " orchestrator's startup probe, so the container is restarted before it serves; a start fails while"
                + " the registry or the network is down or egress is blocked, exactly when a crashed container needs"
                + " to come back; replicas started on different days can run different versions; and the"
                + " site-packages, node_modules or vendor folder must stay writable at run time, which rules out a"
                + " read-only root and a non-root user without write access.",
        recommendation = "Install the dependencies when the image is built: copy the dependency files with their lock"
                + " file (requirements.txt with pinned versions, poetry.lock, uv.lock, package-lock.json, yarn.lock,"
                + " composer.lock, Gemfile.lock, go.sum), run the install in a RUN of the Dockerfile before copying the"
                + " sources, and keep the start script to the steps that need the running environment (migrations)"
                + " and an `exec` of the application.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#leverage-build-cache",
                "https://docs.npmjs.com/cli/commands/npm-ci",
                "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
                "https://docs.docker.com/reference/compose-file/services/#healthcheck"},
        aliases = {},
        effort = "15 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            command: sh -c "npm ci && exec node server.js"
                        """,
                good = """
                        services:
                          web:
                            build: .
                            command: ["node", "server.js"]
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM node:22.12.0-slim
                                WORKDIR /app
                                COPY package.json package-lock.json ./
                                RUN npm ci --omit=dev
                                COPY . .
                                USER node
                                """),
                        @ExampleFile(name = "package.json", content = """
                                {
                                  "name": "shop",
                                  "version": "1.0.0",
                                  "dependencies": {"express": "4.21.2"}
                                }
                                """),
                        @ExampleFile(name = "package-lock.json", content = """
                                {"name": "shop", "lockfileVersion": 3, "packages": {}}
                                """),
                        @ExampleFile(name = "server.js", content = """
                                const express = require("express");
                                express().get("/", (req, res) => res.send("ok")).listen(3000);
                                """)}))
public final class DependenciesInstalledAtStart implements Rule {

    /** The containers that run one install. */
    private record Runners(Site site, Install install, Container container, List<String> names) {}

    @Override
    public void check(ReviewContext context) {
        Map<Location, Runners> found = new LinkedHashMap<>();
        for (Container c : context.builtContainers()) {
            if (quiet(context, c)) {
                continue;
            }
            for (Site site : StartupMigrations.startCommands(context, c, words -> DependencyInstallCommands.of(words)
                    .map(Install::tool))) {
                Install install = DependencyInstallCommands.of(words(site))
                        .or(() -> DependencyInstallCommands.of(List.of(site.tool().split(" ")))).orElseThrow();
                String name = c.service() != null ? c.service().name() : "the container built from " + c.build().dockerfile();
                Runners r = found.computeIfAbsent(site.location(), k -> new Runners(site, install, c, new ArrayList<>()));
                if (!r.names().contains(name)) {
                    r.names().add(name);
                }
            }
        }
        for (Runners r : found.values()) {
            report(context, r);
        }
    }

    private void report(ReviewContext context, Runners r) {
        Site site = r.site();
        Install install = r.install();
        String command = ShortText.of(site.command(), 80);
        String where = site.inScript() ? site.location().file() : "the command";
        context.finding(this, site.location(), "`" + command + "` (" + site.where() + ") runs at every start of "
                        + AppFacts.and(r.names()) + ": each start, restart and replica downloads "
                        + (install.named() ? "these packages" : "the dependencies") + " from the registry before the"
                        + " application runs, slowly, and fails while the registry or the network is down")
                .recommendation("Install them when the image is built (" + buildStep(context, r.container(), install) + " in the Dockerfile,"
                        + " after copying the dependency files and their lock file) and drop `" + command + "` from "
                        + where + ".")
                .add();
    }

    /** The Dockerfile step that installs what the start installs. */
    private static String buildStep(ReviewContext context, Container c, Install install) {
        if (install.named()) {
            return "RUN " + install.tool() + " with the same packages, their versions pinned,";
        }
        String in = install.folderOption() == null ? "" : " " + install.folderOption();
        return switch (install.ecosystem()) {
            case "node" -> {
                String manager = install.tool().split(" ")[0];
                String folder = install.folderOption() == null ? "" : install.folderOption().replaceFirst("^\\S+[ =]", "");
                NodeLocking.Locking locking = NodeLocking.of(context,
                        PathNames.join(PathNames.join(c.build().context(), folder), "package.json"), null, c);
                String locked = locking.manager().equals(manager) ? locking.lockedInstall()
                        : manager.equals("npm") ? "npm ci" : manager + " install --frozen-lockfile";
                yield "RUN " + manager + in + locked.substring(manager.length());
            }
            case "python" -> switch (install.tool()) {
                case "uv sync" -> "RUN uv sync --locked";
                case "poetry install" -> "RUN poetry install --no-root";
                case "pipenv install", "pipenv sync" -> "RUN pipenv sync";
                default -> "RUN " + install.tool() + " -r requirements.txt";
            };
            case "php" -> "RUN composer install --no-dev";
            case "ruby" -> "RUN bundle install";
            default -> "RUN " + install.tool();
        };
    }

    /** The words of a site's command: those it was found by. */
    private static List<String> words(Site site) {
        return List.of(site.command().strip().split("\\s+"));
    }

    /**
     * Whether installing at start is expected or harmless: a dev container, a job that runs once, a test run, or a
     * service of a development stack (a development compose file, or the source mounted over the working directory
     * in a service not set up like a deployment), whose mounted checkout has no packages of its own.
     */
    private static boolean quiet(ReviewContext context, Container c) {
        if (c.build() == null || DevContainers.of(context, c).isPresent() || OneShotJobs.of(context, c).isPresent()) {
            return true;
        }
        if (c.service() == null) {
            return false;
        }
        if (ComposeServices.runsToCompletion(context, c.service()) || ComposeServices.scaledToZero(c.service())) {
            return true;
        }
        String file = c.composeFile();
        return !ComposeServices.namedForProduction(file) && (ComposeServices.isDevelopmentFile(context, file)
                || DevelopmentComposeFiles.mountsWholeSourceOverWorkdir(context, c)
                        && !DevelopmentComposeFiles.deployedLike(context, c));
    }
}
