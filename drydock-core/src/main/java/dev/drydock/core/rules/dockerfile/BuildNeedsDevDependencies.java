package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.PnpmVersions;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.NodeLocking;
import dev.drydock.core.rules.support.NodeManagerOptions;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.fixes.NodeInstalls;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "build-needs-dev-dependencies",
        title = "The build runs a development dependency the install left out",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "In each stage an image needs, an npm or pnpm install that leaves out the devDependencies (--omit=dev,"
                + " --production, --prod, or NODE_ENV=production in effect, which pnpm 10 no longer heeds; yarn with"
                + " --production) followed in the"
                + " same stage by a build whose program comes from a package of devDependencies only: run directly"
                + " (tsc, npx nest build) or through a package.json script (npm run build running `nest build`). A"
                + " program is matched to its package by name, or for tsc (typescript), nest (@nestjs/cli), remix"
                + " (@remix-run/dev), react-router (@react-router/dev), ng (@angular/cli), babel (@babel/cli) and"
                + " vue-cli-service (@vue/cli-service)."
                + " Quiet with --include=dev, after another install that keeps them, and after a COPY that brings"
                + " node_modules in.",
        problem = "npm and pnpm leave devDependencies out when told to, and npm (pnpm before 10) also whenever"
                + " NODE_ENV is production;"
                + " compilers and build tools (TypeScript, the Nest CLI, Vite) are usually devDependencies, so their"
                + " programs are not in node_modules/.bin when the build runs.",
        impact = "The image does not build: the build step stops with `sh: tsc: not found` (or the tool's name), often"
                + " only after an ENV NODE_ENV=production was moved up the Dockerfile.",
        recommendation = "Install every dependency for the build and drop the development ones after it: in a builder"
                + " stage run npm ci (npm ci --include=dev when NODE_ENV=production is set), then npm run build, and"
                + " copy the output into a final stage that installs with npm ci --omit=dev (or run npm prune"
                + " --omit=dev after the build).",
        references = {
                "https://docs.npmjs.com/cli/using-npm/config#omit",
                "https://docs.npmjs.com/cli/commands/npm-ci#include",
                "https://pnpm.io/cli/install#--prod--p",
                "https://docs.docker.com/build/building/multi-stage/"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        ENV NODE_ENV=production
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci
                        COPY . .
                        RUN npm run build
                        USER node
                        CMD ["node", "dist/main.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim AS build
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci
                        COPY . .
                        RUN npm run build

                        FROM node:22.11.0-slim
                        ENV NODE_ENV=production
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci --omit=dev
                        COPY --from=build /app/dist ./dist
                        USER node
                        CMD ["node", "dist/main.js"]
                        """,
                alongside = {
                        @ExampleFile(name = "package.json", content = """
                        {
                          "name": "orders",
                          "version": "1.0.0",
                          "scripts": {
                            "build": "tsc -p tsconfig.json",
                            "start": "node dist/main.js"
                          },
                          "dependencies": {
                            "express": "4.21.1"
                          },
                          "devDependencies": {
                            "typescript": "5.6.3"
                          }
                        }
                        """),
                        @ExampleFile(name = "package-lock.json", content = """
                        {"lockfileVersion": 3}
                        """)}))
public final class BuildNeedsDevDependencies implements Rule {

    /** Programs whose package has another name. */
    private static final Map<String, String> PROGRAM_PACKAGES = Map.of("tsc", "typescript", "nest", "@nestjs/cli",
            "remix", "@remix-run/dev", "react-router", "@react-router/dev", "ng", "@angular/cli", "babel", "@babel/cli",
            "vue-cli-service", "@vue/cli-service");
    private static final Set<String> NOT_SCRIPTS = Set.of("install", "i", "ci", "add", "prune", "cache", "config",
            "set", "audit", "dedupe", "ls", "list", "version", "help", "exec", "dlx", "x", "why", "rebuild", "fetch",
            "workspaces", "import", "deploy", "store", "pack", "publish", "link", "remove", "rm", "uninstall", "update",
            "up", "outdated", "login", "whoami");

    private record Omission(Call call, String how, int line, boolean productionEnv) {}

    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            Manifest manifest = NodeInstalls.packageJson(image.container()).orElse(null);
            PackageJson pkg = manifest == null ? null : context.project().source(manifest.file()).map(f -> {
                try {
                    return PackageJson.of(f);
                } catch (RuntimeException e) {
                    return null;
                }
            }).orElse(null);
            if (pkg == null) {
                continue;
            }
            Set<String> devOnly = devOnly(manifest);
            if (devOnly.isEmpty()) {
                continue;
            }
            for (Stage stage : image.neededStages()) {
                if (seen.add(image.dockerfile() + "#" + stage.index())) {
                    check(context, image, stage, pkg, manifest.file(), devOnly);
                }
            }
        }
    }

    private void check(ReviewContext context, BuiltImage image, Stage stage, PackageJson pkg, String manifestFile,
            Set<String> devOnly) {
        Omission omission = null;
        boolean pnpmIgnoresNodeEnv = PnpmVersions.ignoresNodeEnv(context, image);
        for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
            if (omission != null && copiesNodeModules(stage, omission.line(), run.instruction().startLine())) {
                omission = null;
            }
            for (Call call : run.calls()) {
                if (installs(call)) {
                    String how = NodeInstalls.devOmission(run, call, pnpmIgnoresNodeEnv);
                    omission = how == null ? null : new Omission(call, how, run.instruction().startLine(),
                            "production".equals(run.variable("NODE_ENV")));
                    continue;
                }
                if (omission == null) {
                    continue;
                }
                String[] needed = needed(call, pkg, devOnly);
                if (needed == null) {
                    continue;
                }
                String install = installText(omission.call());
                String left = omission.how().startsWith("-")
                        ? "`" + install + "` (line " + omission.line() + ") left the devDependencies out"
                        : "`" + install + "` (line " + omission.line() + ") ran with " + omission.how()
                                + ", which leaves the devDependencies out";
                context.finding(this, image.dockerfile(), call.spanTo(call.args().isEmpty() ? call.program()
                                : call.args().get(call.args().size() - 1)),
                                "`" + callText(call) + "` runs " + needed[0] + " (from the devDependency " + needed[1]
                                        + "), but " + left + (call.is("npx") ? ": npx then downloads the registry"
                                                + " package named " + needed[0] + ", which is not " + needed[1]
                                                + ", and the build fails" : ": the build stops with `" + needed[0]
                                                + ": not found`"))
                        .recommendation(recommendation(omission, omission.call().is("yarn") && NodeLocking.of(context,
                                manifestFile, null, image.container()).lockedInstall().contains("--immutable")))
                        .add();
            }
        }
    }

    /** {@code berry}: the project is on Yarn 2 or later, which has --immutable and no --production. */
    private static String recommendation(Omission omission, boolean berry) {
        String manager = omission.call().name();
        String full = switch (manager) {
            case "pnpm" -> "pnpm install --frozen-lockfile";
            case "yarn" -> berry ? "yarn install --immutable" : "yarn install --frozen-lockfile";
            default -> installText(omission.call()).contains(" ci") ? "npm ci" : "npm install";
        };
        if (omission.productionEnv() && !manager.equals("yarn")) {
            full += manager.equals("pnpm") ? " --prod=false" : " --include=dev";
        }
        String lean = omission.how().startsWith("-") ? installText(omission.call()) : switch (manager) {
            case "pnpm" -> "pnpm install --prod --frozen-lockfile";
            default -> installText(omission.call()).contains(" ci") ? "npm ci --omit=dev" : "npm install --omit=dev";
        };
        String prune = manager.equals("pnpm") ? "pnpm prune --prod" : berry
                ? "yarn workspaces focus --all --production" : manager.equals("yarn")
                ? "yarn install --production --frozen-lockfile" : "npm prune --omit=dev";
        return "Install the devDependencies for the build (" + full + ") and leave them out of what ships: run the"
                + " build in a builder stage and copy its output into a final stage that installs with `" + lean
                + "`, or run " + prune + " in the same RUN right after the build.";
    }

    /** The devDependencies that are not runtime dependencies too. */
    private static Set<String> devOnly(Manifest manifest) {
        Set<String> runtime = new HashSet<>();
        Set<String> dev = new HashSet<>();
        for (Dependency d : manifest.dependencies()) {
            (d.isDev() ? dev : runtime).add(d.name());
        }
        dev.removeAll(runtime);
        return dev;
    }

    /** {program, package} when the call runs a program of a devDependency, directly or through a script; else null. */
    private static String[] needed(Call call, PackageJson pkg, Set<String> devOnly) {
        if (call.is("npx")) {
            List<Call.Arg> operands = call.options("-p", "--package", "-c", "--call").operands();
            String[] found = operands.isEmpty() ? null : program(operands.get(0).value(), devOnly);
            // npx fetches a missing program's namesake from the registry: a failure only when that is another package
            return found == null || found[0].equals(found[1]) ? null : found;
        }
        if (call.is("npm", "pnpm", "yarn")) {
            List<Call.Arg> operands = call.options(NodeManagerOptions.valueOptionArray(call.name())).operands();
            if (operands.isEmpty()) {
                return null;
            }
            String first = operands.get(0).value();
            String script = first.equals("run") || first.equals("run-script")
                    ? operands.size() > 1 ? operands.get(1).value() : null
                    : call.is("npm") || NOT_SCRIPTS.contains(first) || first.startsWith("-") ? null : first;
            if (script == null) {
                return null;
            }
            return pkg.script(script).map(s -> scriptNeeds(s.command(), devOnly)).orElse(null);
        }
        return program(call.name(), devOnly);
    }

    /** The first program of each command of a script that comes from a devDependency, else null. */
    private static String[] scriptNeeds(String script, Set<String> devOnly) {
        for (String command : script.split("&&|\\|\\||;|\\|")) {
            String[] words = command.strip().split("\\s+");
            int i = 0;
            while (i < words.length && (words[i].matches("\\w+=.*") || words[i].equals("cross-env")
                    || words[i].equals("npx"))) {
                i++;
            }
            if (i < words.length) {
                String[] found = program(words[i], devOnly);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String[] program(String word, Set<String> devOnly) {
        String name = PathNames.fileName(word);
        String pkg = PROGRAM_PACKAGES.getOrDefault(name, name);
        return devOnly.contains(pkg) ? new String[] {name, pkg} : null;
    }

    private static boolean installs(Call call) {
        if (!call.is("npm", "pnpm", "yarn")) {
            return false;
        }
        List<Call.Arg> operands = call.options(NodeManagerOptions.valueOptionArray(call.name())).operands();
        String sub = operands.isEmpty() ? null : operands.get(0).value();
        return sub == null ? call.is("yarn") : Set.of("install", "i", "ci", "clean-install", "add").contains(sub)
                || call.is("yarn") && sub.equals("workspaces") && operands.size() > 1
                        && operands.get(1).value().equals("focus");
    }

    /** A COPY between the two lines that brings a node_modules folder in. */
    private static boolean copiesNodeModules(Stage stage, int after, int before) {
        for (CopyCommand copy : stage.copies()) {
            int line = copy.instruction().startLine();
            if (line > after && line < before && (copy.sources().stream().anyMatch(s -> s.contains("node_modules"))
                    || copy.destination() != null && copy.destination().contains("node_modules"))) {
                return true;
            }
        }
        return false;
    }

    private static String installText(Call call) {
        return callText(call);
    }

    private static String callText(Call call) {
        StringBuilder out = new StringBuilder(call.name());
        for (Call.Arg a : call.args()) {
            out.append(' ').append(a.value());
        }
        return out.toString();
    }
}
