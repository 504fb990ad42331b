package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Composer installs that bring a project's require-dev packages into an image, and the fix that leaves
 * them out: {@code composer install --no-dev}. Composer installs require-dev unless told not to by
 * {@code --no-dev} or, since Composer 2.2, {@code COMPOSER_NO_DEV=1}.
 */
public final class ComposerInstalls {

    /** Programs that run development packages (test runners, linters, static analysers). */
    private static final Set<String> DEV_TOOLS = Set.of("phpunit", "pest", "phpstan", "psalm", "php-cs-fixer", "phpcs",
            "phpcbf", "rector", "paratest", "infection", "codecept");

    private ComposerInstalls() {}

    /**
     * One install that keeps the require-dev packages.
     *
     * @param call the composer call
     * @param subcommand its {@code install} word
     * @param run the RUN it is in
     * @param builderStage the builder stage's name when the install is in a builder whose vendor/ the image
     *     copies, else null
     */
    public record Install(Call call, Call.Arg subcommand, RunStep run, String builderStage) {}

    /** The composer.json of the container's build context (the only one when it sits deeper). */
    public static Optional<Manifest> composerJson(Container container) {
        return InstallStages.rootManifest(container, "composer.json", m -> m.kind() == ManifestKind.COMPOSER_JSON);
    }

    /** The composer installs of the image's stages, and of builders whose vendor/ it copies, that keep require-dev. */
    public static List<Install> withDevDependencies(BuiltImage image) {
        InstallStages installStages = InstallStages.of(image, "vendor");
        List<Install> out = new ArrayList<>();
        for (Stage stage : installStages.stages()) {
            String builder = installStages.builder(stage);
            List<RunStep> runs = RunStep.of(image.model(), List.of(stage));
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r);
                for (DependencyInstalls.Install install : DependencyInstalls.of(run)) {
                    Call call = install.call();
                    if (!call.is("composer") || keepsOutDev(run, call) || reinstalledLater(runs, r, call)) {
                        continue;
                    }
                    List<Call.Arg> operands = call.options("-d", "--working-dir").operands();
                    out.add(new Install(call, operands.isEmpty() ? null : operands.get(0), run, builder));
                }
            }
        }
        return out;
    }

    /** What to write instead. */
    public static String recommendation(BuiltImage image, Manifest manifest, Install install) {
        StringBuilder out = new StringBuilder("Install only the runtime packages: composer install --no-dev"
                + " --optimize-autoloader (or ENV COMPOSER_NO_DEV=1 before the RUN, with Composer 2.2 or later).");
        if (symfony(manifest) && !"prod".equals(install.run().variable("APP_ENV"))) {
            out.append(" This is a Symfony application: set ENV APP_ENV=prod first, or the cache:clear script that"
                    + " composer runs boots the dev environment and fails on the missing development bundles.");
        }
        if (devToolLater(install, image) != null) {
            out.append(" The image runs ").append(devToolLater(install, image)).append(" after the install: run the"
                    + " tests and checks in a stage of their own, and build the final stage with --no-dev.");
        }
        return out.toString();
    }

    /**
     * {@code --no-dev} added after {@code install}; empty in exec form, when a development tool runs later in
     * the stage, or for a Symfony application whose scripts would boot the dev environment.
     */
    public static Optional<Fix> noDev(ReviewContext context, BuiltImage image, Manifest manifest, Install install) {
        Call.Arg sub = install.subcommand();
        if (sub == null || install.run().script() == null || devToolLater(install, image) != null
                || symfony(manifest) && !"prod".equals(install.run().variable("APP_ENV"))
                        && install.call().args().stream().noneMatch(a -> a.value().equals("--no-scripts"))
                || install.call().args().stream().anyMatch(a -> a.value().equals("--dev"))) {
            return Optional.empty();
        }
        SourceFile file = context.project().source(image.dockerfile()).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(Fix.of("install without require-dev: composer " + sub.value() + " --no-dev", FixSafety.UNSAFE,
                List.of(TextEdit.insert(file.path(), sub.span().end(), " --no-dev"))));
    }

    private static boolean keepsOutDev(RunStep run, Call call) {
        if (call.args().stream().anyMatch(a -> a.value().equals("--no-dev"))) {
            return true;
        }
        if (truthy(run.variable("COMPOSER_NO_DEV"))) {
            return true;
        }
        if (call.command() != null) {
            for (Assignment a : call.command().assignments()) {
                if (a.name().equals("COMPOSER_NO_DEV") && truthy(a.value() == null ? "" : a.value().value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean truthy(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** A {@code composer install --no-dev} (or update) later in the stage, which removes the require-dev packages again. */
    private static boolean reinstalledLater(List<RunStep> runs, int run, Call install) {
        boolean after = false;
        for (int r = run; r < runs.size(); r++) {
            for (Call call : runs.get(r).calls()) {
                if (r == run && !after) {
                    after = call.span().equals(install.span());
                    continue;
                }
                if (call.is("composer") && call.args().stream().anyMatch(a -> a.value().equals("--no-dev"))
                        && call.args().stream().anyMatch(a -> a.value().equals("install") || a.value().equals("update"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A test runner or linter from vendor/bin run after the install in its stage, or null. */
    private static String devToolLater(Install install, BuiltImage image) {
        boolean after = false;
        for (RunStep run : RunStep.of(image.model(), List.of(install.run().stage()))) {
            for (Call call : run.calls()) {
                if (!after) {
                    after = run.instruction() == install.run().instruction() && call.span().equals(install.call().span());
                    continue;
                }
                if (DEV_TOOLS.contains(call.name())) {
                    return call.name();
                }
                for (Call.Arg arg : call.args()) {
                    if (arg.value().contains("vendor/bin/")) {
                        return PathNames.fileName(arg.value());
                    }
                }
                if (call.is("php") && call.args().size() > 1 && call.args().get(0).value().equals("artisan")
                        && call.args().get(1).value().equals("test")) {
                    return "php artisan test";
                }
            }
        }
        return null;
    }

    private static boolean symfony(Manifest manifest) {
        return manifest.hasDependency("symfony/framework-bundle") || manifest.hasDependency("symfony/flex");
    }
}
