package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A package {@code celery -A package} names whose Celery application Celery cannot find. For a module without
 * {@code :attribute}, Celery takes its {@code app} or {@code celery} attribute, else the package's {@code celery}
 * submodule, else any Celery instance in the module's namespace: a package whose __init__.py neither defines nor
 * imports the application, with no celery.py, and whose application lives in another of its modules
 * ({@code proj/celery_app.py}), leaves the worker with "Unable to load celery application".
 *
 * @param module the package {@code -A} names
 * @param init the package's __init__.py in the project
 * @param holder the project's module of the package that creates the application
 */
record CeleryAppNotFound(String module, String init, String holder) {

    /** A mention of the application in __init__.py: its name, an import of it, or a Celery instance. */
    private static final Pattern MENTION = Pattern.compile("(?i)celery|\\bapp\\b");
    private static final Pattern CREATES_APP = Pattern.compile("\\bCelery\\s*\\(");

    static Optional<CeleryAppNotFound> of(ReviewContext context, BuildLink build, EntryPoint ep) {
        Target target = ep.target();
        String module = target.module();
        if (ep.runtime() != Runtime.CELERY || target.kind() != Target.Kind.MODULE || module == null
                || !module.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*") || ep.searchPath().isEmpty()
                || PythonModuleMissing.installsProject(build)) {
            return Optional.empty();
        }
        String relative = module.replace('.', '/');
        for (String folder : ep.searchPath()) {
            if (!folder.startsWith("/") || folder.contains("$")) {
                return Optional.empty();
            }
            String packageFolder = PathNames.join(folder, relative);
            Optional<Boolean> init = PythonModuleMissing.mayHold(context, build, PathNames.join(packageFolder, "__init__.py"));
            if (init.isEmpty()) {
                return Optional.empty();
            }
            if (init.get()) {
                Optional<Boolean> submodule = PythonModuleMissing.mayHold(context, build,
                        PathNames.join(packageFolder, "celery.py"));
                return submodule.isEmpty() || submodule.get() ? Optional.empty() : inProject(context, build, relative);
            }
            for (String other : new String[] {relative + ".py", relative}) {
                Optional<Boolean> held = PythonModuleMissing.mayHold(context, build, PathNames.join(folder, other));
                if (held.isEmpty() || held.get()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The project's package of that path in the build context, when its __init__.py does not mention the application
     * and one other module of it creates one; empty when the project has no such package or it is ambiguous.
     */
    private static Optional<CeleryAppNotFound> inProject(ReviewContext context, BuildLink build, String relative) {
        CeleryAppNotFound found = null;
        for (ProjectEntry entry : context.project().layout().entries()) {
            String inContext = BuildContexts.inContext(build, entry.path());
            if (inContext == null || !entry.name().equals("__init__.py")
                    || !(PathNames.parent(inContext).equals(relative) || PathNames.parent(inContext).endsWith("/" + relative))) {
                continue;
            }
            Optional<SourceFile> init = context.project().source(entry.path());
            if (init.isEmpty() || MENTION.matcher(init.get().text()).find()) {
                return Optional.empty();
            }
            String folder = PathNames.parent(entry.path());
            for (ProjectEntry sibling : context.project().layout().entries()) {
                if (sibling.name().endsWith(".py") && PathNames.parent(sibling.path()).equals(folder)
                        && context.project().source(sibling.path())
                                .filter(f -> CREATES_APP.matcher(f.text()).find()).isPresent()) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = new CeleryAppNotFound(relative.replace('/', '.'), entry.path(), sibling.path());
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The module of the holder, as {@code -A} takes it ({@code proj.celery_app}). */
    String holderModule() {
        String name = PathNames.fileName(holder);
        return module + "." + name.substring(0, name.length() - 3);
    }
}
