package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The web frameworks and production servers of each ecosystem, by package name. */
public final class Servers {

    private Servers() {}

    /** Production WSGI/ASGI servers on PyPI. */
    public static final List<String> PYTHON_SERVERS = List.of("gunicorn", "uvicorn", "waitress", "hypercorn", "granian",
            "daphne", "uwsgi", "pyuwsgi", "bjoern", "meinheld", "cheroot");

    /** Python frameworks that only define an application: a separate server must run it. */
    public static final List<String> WSGI_FRAMEWORKS = List.of("flask", "django", "bottle", "pyramid", "falcon");
    public static final List<String> ASGI_FRAMEWORKS = List.of("fastapi", "starlette", "quart", "litestar");

    /** Rack frameworks and Ruby production servers. */
    public static final List<String> RUBY_FRAMEWORKS = List.of("rails", "sinatra", "hanami", "roda", "grape");
    public static final List<String> RUBY_SERVERS = List.of("puma", "unicorn", "passenger", "falcon", "thin", "iodine",
            "pitchfork", "agoo");

    /** Whether a dependency declares an extra that brings a server: {@code fastapi[standard]}, {@code uvicorn[standard]}. */
    public static boolean bringsServer(Project project, String manifestFile, Dependency d) {
        if (!d.normalizedName().equals("fastapi") && !d.normalizedName().equals("litestar")) {
            return false;
        }
        if (bringsServer(d)) {
            return true;
        }
        SourceFile f = project.source(manifestFile).orElse(null);
        if (f == null || d.span() == null) {
            return false;
        }
        String text = f.text(d.span()).toLowerCase(Locale.ROOT);
        return text.contains("[standard") || text.contains("[all") || text.contains(",standard") || text.contains("standard]");
    }

    /** Whether the extras a dependency is requested with bring uvicorn: {@code fastapi[standard]}, {@code litestar[all]}. */
    public static boolean bringsServer(Dependency d) {
        return (d.normalizedName().equals("fastapi") || d.normalizedName().equals("litestar"))
                && d.extras().stream().map(e -> e.strip().toLowerCase(Locale.ROOT))
                        .anyMatch(e -> e.equals("standard") || e.equals("standard-no-fastapi-cloud-cli") || e.equals("all"));
    }

    /**
     * Base images that ship a Python server and start the application with it by default: the
     * tiangolo/uvicorn-gunicorn (-fastapi, -starlette), tiangolo/meinheld-gunicorn (-flask) and
     * tiangolo/uwsgi-nginx (-flask) families.
     */
    private static final List<String> SERVER_IMAGES = List.of("tiangolo/uvicorn-gunicorn", "tiangolo/meinheld-gunicorn",
            "tiangolo/uwsgi-nginx");

    /** Whether the container's image is built on a base image that ships a Python server ({@link #SERVER_IMAGES}). */
    public static boolean onServerImage(Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null
                || !(Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External base)
                || base.reference() == null || base.reference().familiarName() == null) {
            return false;
        }
        String name = base.reference().familiarName().toLowerCase(Locale.ROOT);
        return SERVER_IMAGES.stream().anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "-"));
    }

    /**
     * The port the server of a {@link #SERVER_IMAGES} base listens on when the container keeps the image's start
     * script ({@code /start.sh}, {@code /start-reload.sh}): its gunicorn configuration binds {@code BIND}, else
     * {@code HOST:PORT} with PORT 80; uwsgi-nginx's nginx listens on {@code LISTEN_PORT}, 80 by default. The
     * variables come from the final stage's ENV and the compose service's environment. Empty for other containers
     * and when a variable is set to something that is not a port.
     */
    public static Optional<Integer> imageServerPort(Container c) {
        if (!onServerImage(c) || c.command() != null && !c.command().argv().isEmpty()
                && !START_SCRIPTS.contains(c.command().argv().get(0))) {
            return Optional.empty();
        }
        Map<String, String> env = new HashMap<>(
                c.build().stage().variables().of(Variables.Kind.ENV));
        if (c.service() != null) {
            c.service().environment().stream().filter(v -> v.value() != null)
                    .forEach(v -> env.put(v.name(), v.value().value()));
        }
        String name = ((BaseImage.External) Stages.rootBase(c.build().model(), c.build().stage())).reference()
                .familiarName().toLowerCase(Locale.ROOT);
        String written = name.startsWith("tiangolo/uwsgi-nginx") ? env.get("LISTEN_PORT")
                : env.get("BIND") != null ? afterColon(env.get("BIND")) : env.get("PORT");
        if (written == null) {
            return Optional.of(80);
        }
        return PORT.matcher(written.strip()).matches() ? Optional.of(Integer.valueOf(written.strip()))
                : Optional.empty();
    }

    private static final Set<String> START_SCRIPTS = Set.of("/start.sh", "/start-reload.sh");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private static String afterColon(String bind) {
        return bind.substring(bind.lastIndexOf(':') + 1);
    }

    /** The Python servers the container's manifests declare (runtime dependencies). */
    public static List<Dependency> pythonServers(Container c) {
        return AppFacts.dependencies(c, Ecosystem.PYPI, PYTHON_SERVERS);
    }
}
