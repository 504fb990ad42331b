package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageFiles;
import dev.drydock.core.rules.support.PythonProjectInstalls;
import dev.drydock.core.rules.support.RegistryInstallRuns;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.SimilarNames;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Python module a server is told to import (the {@code module} of {@code gunicorn module:app}, of
 * {@code uvicorn module:app}, or Django's {@code DJANGO_SETTINGS_MODULE}) that is in no folder of the image's import
 * path, while the package above it is: the project's sources are copied, only that file is not among them.
 */
final class PythonModuleMissing {

    /**
     * The module, the file it would be (container path), the closest module the image has or null, the modules of
     * that folder, and the project's file of the module that the image lacks, or null.
     */
    record Missing(String module, String file, String closest, List<String> siblings, String contextFile) {}

    /** Programs that set up the system (packages, users, modes) and write nothing into the project's folders. */
    /** wsgi and asgi: one never stands in for the other (gunicorn serves WSGI, uvicorn ASGI). */
    private static final Set<String> SERVER_INTERFACES = Set.of("wsgi", "asgi");

    private PythonModuleMissing() {}

    /** The module's file when drydock knows the image and none of the files the module could be is in it. */
    static Optional<Missing> of(ReviewContext context, BuildLink build, EntryPoint ep, String module) {
        if (module == null || !module.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)+") || ep.searchPath().isEmpty()
                || installsProject(build)) {
            return Optional.empty();
        }
        String relative = module.replace('.', '/');
        String top = module.substring(0, module.indexOf('.'));
        String found = null;
        for (String folder : ep.searchPath()) {
            if (!folder.startsWith("/") || folder.contains("$")) {
                return Optional.empty();
            }
            for (String file : List.of(relative + ".py", relative + "/__init__.py", relative)) {
                Optional<Boolean> held = mayHold(context, build, PathNames.join(folder, file));
                if (held.isEmpty() || held.get()) {
                    return Optional.empty();
                }
            }
            if (found == null && mayHold(context, build, PathNames.join(folder, top)).orElse(false)) {
                found = folder;
            }
        }
        if (found == null) {
            return Optional.empty(); // the package is not the project's: an installed one, or one drydock cannot see
        }
        String file = PathNames.join(found, relative + ".py");
        List<String> siblings = siblings(context, build, file);
        return Optional.of(new Missing(module, file, closest(found, file, siblings), siblings, null));
    }

    /**
     * The top-level module {@code python -m name} runs when the build context has it (name.py, or a package name/
     * with a __main__.py) but no folder of the import path in the image does; {@code contextFile} names the
     * project's file. Empty when the image may hold it, when the project installs itself, or when drydock cannot
     * tell what the image holds.
     */
    static Optional<Missing> topLevel(ReviewContext context, BuildLink build, EntryPoint ep, String name,
            Set<String> dependencies) {
        if (name == null || !name.matches("[A-Za-z_]\\w*") || ep.searchPath().isEmpty() || installsProject(build)
                || dependencies.contains(name.toLowerCase(java.util.Locale.ROOT).replace('_', '-'))) {
            return Optional.empty();
        }
        for (String folder : ep.searchPath()) {
            if (!folder.startsWith("/") || folder.contains("$")) {
                return Optional.empty();
            }
            for (String file : List.of(name + ".py", name + "/__main__.py", name)) {
                Optional<Boolean> held = mayHold(context, build, PathNames.join(folder, file));
                if (held.isEmpty() || held.get()) {
                    return Optional.empty();
                }
            }
        }
        for (ProjectEntry entry : context.project().layout().entries()) {
            String contextPath = BuildContexts.inContext(build, entry.path());
            boolean module = entry.name().equals(name + ".py") || entry.name().equals("__main__.py")
                    && PathNames.fileName(PathNames.parent(entry.path())).equals(name);
            if (contextPath != null && module) {
                return Optional.of(new Missing(name, PathNames.join(ep.searchPath().get(0), name + ".py"), null,
                        List.of(), entry.path()));
            }
        }
        return Optional.empty();
    }

    /**
     * A package {@code python -m} is told to run that has no __main__.py: the package folder in the image, with the
     * modules it has.
     */
    record PackageWithoutMain(String module, String folder, List<String> modules) {}

    /**
     * The regular package (a folder with __init__.py) {@code python -m module} finds first on the import path, when
     * the image certainly holds its __init__.py and certainly lacks its __main__.py: python then stops with "No
     * module named module.__main__; 'module' is a package and cannot be directly executed". Empty when drydock
     * cannot tell what a folder of the path holds, when a module file or an unknown folder comes first, when the
     * project installs itself, or when the package's name is a dependency's.
     */
    static Optional<PackageWithoutMain> packageWithoutMain(ReviewContext context, BuildLink build, EntryPoint ep,
            String module, Set<String> dependencies) {
        if (module == null || !module.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*") || ep.searchPath().isEmpty()
                || installsProject(build) || dependencies.contains(module.split("\\.")[0].toLowerCase(
                        java.util.Locale.ROOT).replace('_', '-'))) {
            return Optional.empty();
        }
        String relative = module.replace('.', '/');
        for (String folder : ep.searchPath()) {
            if (!folder.startsWith("/") || folder.contains("$")) {
                return Optional.empty();
            }
            String packageFolder = PathNames.join(folder, relative);
            Optional<Boolean> init = mayHold(context, build, PathNames.join(packageFolder, "__init__.py"));
            if (init.isEmpty()) {
                return Optional.empty();
            }
            if (init.get()) {
                Optional<Boolean> main = mayHold(context, build, PathNames.join(packageFolder, "__main__.py"));
                return main.isEmpty() || main.get() ? Optional.empty() : Optional.of(new PackageWithoutMain(module,
                        packageFolder, siblings(context, build, PathNames.join(packageFolder, "__main__.py"))));
            }
            for (String other : List.of(relative + ".py", relative)) {
                Optional<Boolean> held = mayHold(context, build, PathNames.join(folder, other));
                if (held.isEmpty() || held.get()) {
                    return Optional.empty(); // a module file, or a namespace package drydock does not follow
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Boolean> mayHold(ReviewContext context, BuildLink build, String path) {
        return ImageFiles.mayHold(context.project(), build, build.stage(), path, RegistryInstallRuns::installsOnly);
    }

    /**
     * The module of the image closest to the missing file: a sibling whose name is a short form of it or the other
     * way round ({@code prod} for {@code production}), or one within a small edit distance; null when none is.
     */
    private static String closest(String importRoot, String file, List<String> siblings) {
        String folder = PathNames.parent(file);
        String stem = stem(PathNames.fileName(file));
        List<String> candidates = siblings.stream().filter(s -> !SERVER_INTERFACES.contains(s)
                || !SERVER_INTERFACES.contains(stem)).toList();
        String best = candidates.stream().filter(s -> s.length() >= 3 && (stem.startsWith(s) || s.startsWith(stem)))
                .findFirst().orElse(SimilarNames.closest(stem, candidates).orElse(null));
        return best == null ? null : PathNames.join(folder, best + ".py").substring(importRoot.length() + 1);
    }

    /** The modules (file names without .py) the image has in the missing file's folder. */
    private static List<String> siblings(ReviewContext context, BuildLink build, String file) {
        String folder = PathNames.parent(file);
        List<String> siblings = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries()) {
            String contextPath = BuildContexts.inContext(build, entry.path());
            if (contextPath == null || !entry.name().endsWith(".py") || entry.name().equals("__init__.py")) {
                continue;
            }
            String at = PathNames.join(folder, entry.name());
            if (mayHold(context, build, at).orElse(false) && !siblings.contains(stem(entry.name()))) {
                siblings.add(stem(entry.name()));
            }
        }
        return siblings;
    }

    private static String stem(String pyFile) {
        return pyFile.substring(0, pyFile.length() - 3);
    }

    /**
     * Whether a RUN installs the project itself ({@code pip install .}, a wheel, {@code poetry install}, {@code uv
     * sync}): its modules are then in site-packages, whatever the copied folders hold.
     */
    static boolean installsProject(BuildLink build) {
        return RunStep.of(build.model(), Stages.lineage(build.model(), build.stage())).stream()
                .flatMap(run -> run.calls().stream()).anyMatch(PythonProjectInstalls::installsProject);
    }

    /** The module a WSGI or ASGI server is told to import, when it names one rather than a file. */
    static String appModule(EntryPoint ep) {
        Target t = ep.target();
        return t.kind() == Target.Kind.APP && t.path() == null ? t.module() : null;
    }
}
