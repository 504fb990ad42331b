package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.Framework;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The containers that run a Django project (or another Python web framework's application) in a setting that is not
 * only for development, and what their environment gives the settings module to read.
 */
public final class DjangoContainers {

    private DjangoContainers() {}

    /**
     * The built containers that run Django, without those only development compose files or dev containers run, nor
     * development stages.
     */
    public static List<Container> deployed(ReviewContext context) {
        return deployed(context, Framework.DJANGO);
    }

    /** The built containers that run an application of {@code framework}, as {@link #deployed(ReviewContext)}. */
    public static List<Container> deployed(ReviewContext context, Framework framework) {
        Set<String> developmentFiles = DevelopmentComposeFiles.files(context);
        List<Container> out = new ArrayList<>();
        for (Container c : context.builtContainers()) {
            if (DevContainers.of(context, c).isPresent() || developmentFiles.contains(c.composeFile())
                    || BuiltImage.isDevelopmentStage(c.build().stage())
                    || DevelopmentComposeFiles.developmentOnlyImage(context, c)) {
                continue;
            }
            AppSource app = Apps.of(context, c);
            if (app.frameworks().contains(framework)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A SECRET_KEY the deployed containers of a Django or Flask application load, with where it is written.
     *
     * @param location the line of the settings file that writes it
     */
    public record SecretKeyUse(AppSource.SecretKey key, List<Container> containers, Location location) {

        /** The containers' names, for messages: {@code web, worker}. */
        public String who() {
            return String.join(", ", containers.stream().map(Container::name).toList());
        }
    }

    /**
     * The SECRET_KEY of the {@code framework} (Django or Flask) application each deployed container runs, with the
     * containers that run it: the literal keys, or ({@code fallbacks}) the literal defaults of reads of the environment.
     * Keys in a file the project cannot give back are left out.
     */
    public static List<SecretKeyUse> secretKeys(ReviewContext context, Framework framework, boolean fallbacks) {
        Map<AppSource.SecretKey, List<Container>> runners = new LinkedHashMap<>();
        for (Container c : deployed(context, framework)) {
            AppSource app = Apps.of(context, c);
            Optional<AppSource.SecretKey> key = framework == Framework.DJANGO ? app.djangoSecretKey() : app.flaskSecretKey();
            key.filter(k -> (k.variable() != null) == fallbacks && !k.value().isBlank())
                    .ifPresent(k -> runners.computeIfAbsent(k, x -> new ArrayList<>()).add(c));
        }
        List<SecretKeyUse> out = new ArrayList<>();
        runners.forEach((key, containers) -> context.project().source(key.file()).ifPresent(file -> out.add(
                new SecretKeyUse(key, containers, new Location(key.file(), file.lines(key.line(), key.line()))))));
        return out;
    }

    /**
     * Whether the container's environment may set the variable {@code name}: an ENV of the image, the compose
     * service's environment, a readable env_file that sets it, or an env_file drydock cannot read (which may).
     */
    public static boolean environmentMaySet(ReviewContext context, Container c, String name) {
        if (c.entryPoint() != null && c.entryPoint().environment().containsKey(name)) {
            return true;
        }
        Service service = c.service();
        if (service == null) {
            return false;
        }
        if (service.env(name).isPresent()) {
            return true;
        }
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.path() == null ? null : ComposeServices.projectPath(context.project(), f.path());
            if (path == null || context.project().source(path).isEmpty()) {
                return true; // a git-ignored .env, written on the server
            }
        }
        return WrittenEnvironment.of(context.project(), service).stream().anyMatch(s -> s.name().equals(name));
    }
}
