package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.RunStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bundler installs that bring a Gemfile's development and test groups into a production image. Bundler installs
 * every group unless told which to leave out: {@code BUNDLE_WITHOUT}, {@code bundle config set without ...}
 * (kept in .bundle/config for the later installs) or the older {@code bundle install --without}.
 * {@code BUNDLE_DEPLOYMENT} and {@code --deployment} freeze the lock file but leave no group out.
 */
public final class BundlerInstalls {

    private static final List<String> PRODUCTION_VARIABLES = List.of("RAILS_ENV", "RACK_ENV");

    private BundlerInstalls() {}

    /**
     * One install that keeps the development and test groups.
     *
     * @param call the bundle call
     * @param run the RUN it is in
     * @param environment the variable that says the image is for production (RAILS_ENV=production)
     * @param builderStage the builder stage's name when the install is in a builder whose gems the image copies
     */
    public record Install(Call call, RunStep run, String environment, String builderStage) {}

    /** The Gemfile of the container's build context (the only one when it sits deeper). */
    public static Optional<Manifest> gemfile(Container container) {
        return InstallStages.rootManifest(container, "Gemfile", m -> m.kind() == ManifestKind.GEMFILE);
    }

    /**
     * The bundle installs of the image's stages, and of builders whose bundle folder it copies, that run for
     * production (RAILS_ENV or RACK_ENV production) and leave no group out.
     */
    public static List<Install> withDevGroups(BuiltImage image) {
        InstallStages installStages = InstallStages.of(image, "bundle");
        List<RunStep> everyRun = RunStep.of(image.model(), image.neededStages());
        List<Install> out = new ArrayList<>();
        for (Stage stage : installStages.stages()) {
            for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                String environment = production(run);
                if (environment == null) {
                    continue;
                }
                for (DependencyInstalls.Install install : DependencyInstalls.of(run)) {
                    Call call = install.call();
                    if (call.is("bundle", "bundler") && !leavesGroupsOut(run, call, everyRun)) {
                        out.add(new Install(call, run, environment, installStages.builder(stage)));
                    }
                }
            }
        }
        return out;
    }

    /** What to write instead. */
    public static String recommendation(Install install) {
        return "Leave the development and test groups out of the image: ENV BUNDLE_WITHOUT=\"development:test\""
                + " before the RUN (or `bundle config set --local without 'development test'` in it), with"
                + " BUNDLE_DEPLOYMENT=1 so that the install follows Gemfile.lock exactly, as the Dockerfile Rails"
                + " generates does; run the tests in a stage of their own.";
    }

    /** "RAILS_ENV=production" when the RUN builds for production, else null. */
    private static String production(RunStep run) {
        for (String name : PRODUCTION_VARIABLES) {
            if ("production".equals(run.variable(name))) {
                return name + "=production";
            }
        }
        return null;
    }

    private static boolean leavesGroupsOut(RunStep run, Call install, List<RunStep> everyRun) {
        if (install.args().stream().anyMatch(a -> a.value().equals("--without") || a.value().startsWith("--without="))) {
            return true;
        }
        String without = run.variable("BUNDLE_WITHOUT");
        if (without != null && !without.isBlank()) {
            return true;
        }
        int at = install.span().start();
        boolean configuredLater = false;
        for (RunStep other : everyRun) {
            for (Call call : other.calls()) {
                if (configuresWithout(call)) {
                    if (call.span().start() < at) {
                        return true;
                    }
                    configuredLater = true;
                } else if (configuredLater && cleans(call) && call.span().start() > at) {
                    // configured later, installed again and cleaned: the extra gems are removed
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code bundle config [set] [--local|--global] without ...}. */
    private static boolean configuresWithout(Call call) {
        return call.is("bundle", "bundler") && !call.args().isEmpty() && call.args().get(0).value().equals("config")
                && call.args().stream().anyMatch(a -> a.value().equals("without") || a.value().equals("BUNDLE_WITHOUT"));
    }

    private static boolean cleans(Call call) {
        return call.is("bundle", "bundler") && !call.args().isEmpty() && call.args().get(0).value().equals("clean");
    }
}
