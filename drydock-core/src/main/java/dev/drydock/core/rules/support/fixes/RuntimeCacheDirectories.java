package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.List;
import java.util.Optional;

/**
 * The folder a framework writes at run time inside output that a root RUN of the image built, which a fix that
 * switches to an unprivileged user must make and give to it: Next.js writes its image optimisation and data
 * (fetch) cache under {@code .next/cache} of the folder its server runs from, and {@code next build} run as root
 * leaves {@code .next} to root. Only that folder is given, never the whole build output: a chown -R in a new
 * layer would store every built file a second time. Output copied in by COPY is left to the COPY's --chown.
 */
final class RuntimeCacheDirectories {

    private RuntimeCacheDirectories() {
    }

    /** {@code RUN mkdir -p DIR && chown OWNER DIR} with a comment, for the lines before USER; empty when none is needed. */
    static Optional<String> ownedBy(Container container, String owner) {
        return nextCache(container).map(dir -> "# Next.js writes its image and data cache here at run time;"
                + " the build made .next as root\nRUN mkdir -p " + dir + " && chown " + owner + " " + dir);
    }

    /**
     * The cache folder of a Next.js app that a RUN of the image builds (next build, or a package manager's build
     * script): {@code .next/cache} next to the standalone server.js the command runs, else in the build's folder.
     */
    static Optional<String> nextCache(Container container) {
        if (container.build() == null || AppFacts.dependencies(container, Ecosystem.NPM, List.of("next")).isEmpty()) {
            return Optional.empty();
        }
        String buildDir = null;
        for (RunStep run : RunStep.of(container.build().model(),
                Stages.inImage(container.build().model(), container.build().stage()))) {
            if (run.user() != null && !run.user().equals("root") && !run.user().equals("0")) {
                continue;
            }
            for (Call call : run.calls()) {
                if (buildsNext(call)) {
                    buildDir = run.directoryAt(call);
                }
            }
        }
        if (buildDir == null) {
            return Optional.empty();
        }
        EntryPoint ep = container.entryPoint();
        Target target = ep == null ? null : ep.target();
        String server = target == null || target.path() == null ? null : target.path();
        if (server != null && server.endsWith(".next/standalone/server.js")) {
            String folder = server.substring(0, server.length() - "/server.js".length());
            return Optional.of(PathNames.normalizeAbsolute(ep.workdir() == null ? buildDir : ep.workdir(),
                    folder + "/.next/cache"));
        }
        return Optional.of(PathNames.normalizeAbsolute(buildDir, ".next/cache"));
    }

    private static boolean buildsNext(Call call) {
        List<Call.Arg> operands = call.options().operands();
        if (call.is("next") || call.is("npx")) {
            List<String> words = operands.stream().map(Call.Arg::value).toList();
            return call.is("next") ? words.contains("build") : words.size() >= 2 && words.get(0).equals("next")
                    && words.get(1).equals("build");
        }
        if (call.is("npm", "yarn", "pnpm", "bun")) {
            List<String> words = operands.stream().map(Call.Arg::value).toList();
            return words.equals(List.of("run", "build")) || words.equals(List.of("build"))
                    || words.equals(List.of("run-script", "build"));
        }
        return false;
    }
}
