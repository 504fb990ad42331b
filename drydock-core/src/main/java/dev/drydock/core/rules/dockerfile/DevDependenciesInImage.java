package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PnpmVersions;
import dev.drydock.core.rules.support.fixes.BundlerInstalls;
import dev.drydock.core.rules.support.fixes.ComposerInstalls;
import dev.drydock.core.rules.support.fixes.NodeInstalls;
import dev.drydock.core.rules.support.fixes.NodeInstalls.Install;
import java.util.List;

@RuleDefinition(
        id = "dev-dependencies-in-image",
        title = "Development dependencies are installed in the image",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "npm install/ci, yarn install, pnpm install and bun install in the stages the final image is made"
                + " of, and in builder stages whose node_modules folder the final stage copies (the one the install"
                + " fills, or a folder holding it: not a workspace's own node_modules alone, which pnpm fills with"
                + " links into the root's node_modules/.pnpm and npm and Yarn with only the packages they could not"
                + " hoist; nor a build's output such as Next.js's .next/standalone), when the package.json"
                + " of the build context, or of a workspace (package.json workspaces, pnpm-workspace.yaml) whose"
                + " package.json the stage has before the install (also as a copy from another stage: the out/json of"
                + " a turbo prune, which holds the pruned package and the workspace packages it depends on), declares"
                + " devDependencies; the message names those"
                + " that say most (browsers, toolchains, compilers, test runners) with the file that declares them."
                + " Quiet with --omit=dev, --production or --only=prod (npm), --production (yarn), --prod/-P (pnpm),"
                + " --production/-p or --omit dev (bun, or production = true in bunfig.toml's [install]; NODE_ENV"
                + " does not change what bun installs), with NODE_ENV=production or NPM_CONFIG_OMIT=dev in"
                + " effect (npm, and pnpm before 10: pnpm 10 installs them whatever NODE_ENV says, the version read"
                + " from the RUN that installs pnpm or from package.json's packageManager), when a later npm/pnpm prune drops them in the same stage, and for a target stage named"
                + " for development or tests. Spellings npm has no option for (--only-production, --omit-dev)"
                + " leave nothing out: the message says so, and the fix puts --omit=dev in their place. A fix (npm)"
                + " is offered only when no build script runs after the install and the container's command needs no"
                + " development dependency. Likewise composer install"
                + " (also in a builder whose vendor/ the final stage copies) when composer.json has require-dev"
                + " packages: quiet with --no-dev, COMPOSER_NO_DEV=1 or a later composer install --no-dev; the fix"
                + " adds --no-dev unless a test runner or linter runs later in the stage, or a Symfony application's"
                + " scripts would boot the dev environment (APP_ENV not prod). And bundle install in an image built"
                + " for production (RAILS_ENV or RACK_ENV production) when the Gemfile has development or test"
                + " groups: quiet with BUNDLE_WITHOUT, bundle install --without, or a `bundle config set without`"
                + " before it (or after it, followed by bundle clean).",
        problem = "npm, yarn, pnpm and bun install devDependencies (in a workspace, those of every workspace), and"
                + " Composer the require-dev packages, unless told"
                + " not to: test frameworks, linters, bundlers, type checkers and file watchers end up in node_modules"
                + " or vendor/ next to the runtime packages; Bundler likewise installs every group of the Gemfile"
                + " (debuggers, test drivers, linters) unless BUNDLE_WITHOUT leaves them out.",
        impact = "A larger image (often hundreds of MB), more packages for scanners to report and for whoever gets"
                + " a shell in the container to use, and a container that can fall back on development tools (nodemon)"
                + " nobody meant to ship.",
        recommendation = "Install only the runtime dependencies in the final image: ENV NODE_ENV=production and"
                + " npm ci --omit=dev (yarn install --production, pnpm install --prod, bun install --production);"
                + " build with the development"
                + " dependencies in a builder stage and copy only the output. For PHP: composer install --no-dev"
                + " --optimize-autoloader. For Ruby: ENV BUNDLE_WITHOUT=\"development:test\" before bundle install.",
        references = {
                "https://docs.npmjs.com/cli/commands/npm-ci#omit",
                "https://docs.npmjs.com/cli/commands/npm-install#omit",
                "https://expressjs.com/en/advanced/best-practice-performance.html#set-node_env-to-production",
                "https://pnpm.io/cli/install#--prod--p",
                "https://bun.sh/docs/pm/cli/install",
                "https://getcomposer.org/doc/03-cli.md#install-i",
                "https://bundler.io/man/bundle-config.1.html"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY package.json package-lock.json ./
                        RUN npm ci --omit=dev
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                alongside = {
                        @ExampleFile(name = "package.json", content = """
                        {
                          "name": "tasks",
                          "version": "1.0.0",
                          "scripts": {
                            "start": "node server.js",
                            "dev": "nodemon server.js"
                          },
                          "dependencies": {
                            "express": "4.21.1"
                          },
                          "devDependencies": {
                            "nodemon": "3.1.7"
                          }
                        }
                        """),
                        @ExampleFile(name = "package-lock.json", content = """
                        {"lockfileVersion": 3}
                        """),
                        @ExampleFile(name = "server.js", content = """
                        require('express')().listen(3000);
                        """)}))
public final class DevDependenciesInImage implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            composer(context, image);
            bundler(context, image);
            Manifest manifest = NodeInstalls.packageJson(image.container()).orElse(null);
            if (manifest == null) {
                continue;
            }
            for (Install install : NodeInstalls.withDevDependencies(context, image)) {
                List<NodeInstalls.DevDependency> dev = NodeInstalls.devDependencies(context, image, manifest, install);
                if (dev.isEmpty()) {
                    continue;
                }
                String builder = inBuilder(install.builderStage(), "node_modules");
                context.finding(this, image.dockerfile(), install.call().span(), "`" + install.text() + "`" + builder
                                + " installs the devDependencies of " + declaring(dev) + " too: " + nodeNames(dev)
                                + pnpmNodeEnvNote(context, image, install) + lookalikeNote(install))
                        .recommendation(NodeInstalls.recommendation(context, image, manifest, install))
                        .fix(NodeInstalls.omitDev(context, image, manifest, install).orElse(null))
                        .add();
            }
        }
    }

    /** Why an option that reads like "production only" did not leave them out: npm has no such option. */
    private static String lookalikeNote(Install install) {
        return NodeInstalls.omissionLookalike(install.call()).map(a -> " (" + a.value() + " is no npm option: npm"
                + " ignores it, and only --omit=dev leaves them out)").orElse("");
    }

    /** Why NODE_ENV=production did not leave them out, for pnpm 10 and later. */
    private static String pnpmNodeEnvNote(ReviewContext context, BuiltImage image, Install install) {
        Call call = install.call();
        boolean nodeEnv = "production".equals(install.run().variable("NODE_ENV")) || call.command() != null
                && call.command().assignments().stream().anyMatch(a -> a.name().equals("NODE_ENV"));
        return call.is("pnpm") && nodeEnv && PnpmVersions.ignoresNodeEnv(context, image)
                ? " (NODE_ENV=production leaves nothing out since pnpm 10, which this build runs: only --prod does)"
                : "";
    }

    /** The package.json files that declare them: one by its name, several as the workspace. */
    private static String declaring(List<NodeInstalls.DevDependency> dev) {
        List<String> files = dev.stream().map(NodeInstalls.DevDependency::file).distinct().toList();
        return files.size() == 1 ? files.get(0) : "the workspace (" + files.size() + " package.json files)";
    }

    /** The first six, grouped by the package.json that declares them when there are several. */
    private static String nodeNames(List<NodeInstalls.DevDependency> dev) {
        List<NodeInstalls.DevDependency> shown = dev.subList(0, Math.min(6, dev.size()));
        boolean several = dev.stream().map(NodeInstalls.DevDependency::file).distinct().count() > 1;
        java.util.Map<String, List<String>> byFile = new java.util.LinkedHashMap<>();
        shown.forEach(d -> byFile.computeIfAbsent(d.file(), f -> new java.util.ArrayList<>()).add(d.name()));
        String names = String.join(", ", byFile.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + (several ? " (" + e.getKey() + ")" : "")).toList());
        return names + (dev.size() > 6 ? " and " + (dev.size() - 6) + " more" : "");
    }

    /** The manifest's development dependencies; none without a manifest. */
    private static List<Dependency> devOf(Manifest manifest) {
        return manifest == null ? List.of() : manifest.dependencies().stream().filter(Dependency::isDev).toList();
    }

    /** Where the install runs, for the message: nothing in the image's own stages, else the builder it copies from. */
    private static String inBuilder(String builderStage, String copied) {
        return builderStage == null ? ""
                : " in the builder stage \"" + builderStage + "\", whose " + copied + " the image copies,";
    }

    /** composer install without --no-dev, when composer.json has require-dev packages. */
    private void composer(ReviewContext context, BuiltImage image) {
        Manifest manifest = ComposerInstalls.composerJson(image.container()).orElse(null);
        List<Dependency> dev = devOf(manifest);
        if (dev.isEmpty()) {
            return;
        }
        for (ComposerInstalls.Install install : ComposerInstalls.withDevDependencies(image)) {
            String builder = inBuilder(install.builderStage(), "vendor/");
            context.finding(this, image.dockerfile(), install.call().span(), "`composer install`" + builder
                            + " installs the require-dev packages of " + manifest.file() + " too: " + names(dev))
                    .recommendation(ComposerInstalls.recommendation(image, manifest, install))
                    .fix(ComposerInstalls.noDev(context, image, manifest, install).orElse(null))
                    .add();
        }
    }

    /** bundle install in a production image, when the Gemfile has development or test groups. */
    private void bundler(ReviewContext context, BuiltImage image) {
        Manifest gemfile = BundlerInstalls.gemfile(image.container()).orElse(null);
        List<Dependency> dev = devOf(gemfile);
        if (dev.isEmpty()) {
            return;
        }
        for (BundlerInstalls.Install install : BundlerInstalls.withDevGroups(image)) {
            String builder = inBuilder(install.builderStage(), "gems");
            context.finding(this, image.dockerfile(), install.call().span(), "`bundle install`" + builder
                            + " runs with " + install.environment() + " but leaves no group out, so it installs the"
                            + " development and test gems of " + gemfile.file() + " too: " + names(dev))
                    .recommendation(BundlerInstalls.recommendation(install))
                    .add();
        }
    }

    private static String names(List<Dependency> dev) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < dev.size() && i < 6; i++) {
            out.append(i == 0 ? "" : ", ").append(dev.get(i).name());
        }
        if (dev.size() > 6) {
            out.append(" and ").append(dev.size() - 6).append(" more");
        }
        return out.toString();
    }
}
