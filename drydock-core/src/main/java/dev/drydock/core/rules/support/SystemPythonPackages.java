package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Python packages an image installs from the distribution (apt's python3-flask, gunicorn; apk's
 * py3-flask, py3-gunicorn), by their PyPI names, and whether the Dockerfile uses pip at all: an image
 * whose Python dependencies all come from the distribution gets a server the same way, not through a
 * requirements file nothing installs.
 */
public final class SystemPythonPackages {

    /** A distribution package of a Python project: its PyPI name and the word that names it. */
    public record Installed(String pypiName, PackageCommands.Operation operation, PackageCommands.Package pkg,
            RunStep run) {}

    private SystemPythonPackages() {}

    /** The Python projects the image's stages install with apt or apk, in Dockerfile order. */
    public static List<Installed> of(Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return List.of();
        }
        List<Installed> out = new java.util.ArrayList<>();
        for (RunStep run : RunStep.of(c.build().model(), Stages.inImage(c.build().model(), c.build().stage()))) {
            for (Call call : run.calls()) {
                PackageCommands.install(call).ifPresent(op -> {
                    for (PackageCommands.Package p : op.packages()) {
                        String name = pypiName(op.manager(), p.name());
                        if (name != null) {
                            out.add(new Installed(name, op, p, run));
                        }
                    }
                });
            }
        }
        return out;
    }

    /** The first of {@code names} (PyPI names) the image installs from the distribution. */
    public static Optional<Installed> first(Container c, List<String> names) {
        return of(c).stream().filter(i -> names.contains(i.pypiName())).findFirst();
    }

    /** Whether any stage of the Dockerfile installs Python packages with pip (or uv pip). */
    public static boolean usesPip(Container c) {
        if (c.build() == null || c.build().model() == null) {
            return false;
        }
        for (RunStep run : RunStep.of(c.build().model(), c.build().model().stages())) {
            for (Call call : run.calls()) {
                Call pip = call.is("uv") && call.args().size() > 1 && call.args().get(0).value().equals("pip")
                        ? call.as("pip", call.args().get(0), 1) : call;
                if (PipCommands.install(pip).isPresent() || call.is("poetry", "pipenv")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The distribution package that provides a server's command: Debian's gunicorn and uvicorn
     * packages ({@code /usr/bin/gunicorn}; python3-gunicorn is only the library), Alpine's
     * py3-gunicorn and py3-uvicorn; null for other servers and package managers.
     */
    public static String serverPackage(PackageCommands.Manager manager, String server) {
        if (!server.equals("gunicorn") && !server.equals("uvicorn")) {
            return null;
        }
        return switch (manager) {
            case APT -> server;
            case APK -> "py3-" + server;
            default -> null;
        };
    }

    private static String pypiName(PackageCommands.Manager manager, String pkg) {
        String p = pkg.toLowerCase(Locale.ROOT);
        if (manager == PackageCommands.Manager.APT) {
            if (p.equals("gunicorn") || p.equals("uvicorn")) {
                return p;
            }
            return p.startsWith("python3-") ? p.substring("python3-".length()) : null;
        }
        if (manager == PackageCommands.Manager.APK) {
            return p.startsWith("py3-") ? p.substring("py3-".length()) : null;
        }
        return null;
    }
}
