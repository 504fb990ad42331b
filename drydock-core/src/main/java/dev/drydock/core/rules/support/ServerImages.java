package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Published server images that compose files run as they are (Prometheus, Grafana, MinIO, Keycloak ...), with
 * how each is health-checked from inside its own container: its health route and port, a probe with a program the
 * image has, and what must hold for it to work ({@code server-images.txt}, which gives the sources). A server
 * drydock knows without a probe that works in it comes with a note on what to do instead: drydock never makes up
 * a route for it.
 */
public final class ServerImages {

    /** Whether the image defines a HEALTHCHECK of its own. */
    public enum ImageHealthcheck { NONE, OWN, UNKNOWN }

    /**
     * A known server image.
     *
     * @param name what messages call it
     * @param port the port its health route answers on
     * @param path its health route, or null when drydock knows none
     * @param test the compose test list (CMD or CMD-SHELL first), or empty when no probe works in every release
     * @param needs what must hold for the probe to work, as a clause, or null
     * @param note what to do instead when there is no probe, or null
     * @param commands the words a command may start with and still run the server
     * @param healthcheck whether the image defines a HEALTHCHECK
     * @param tools the programs of its file system where they hold in every release, or null
     * @param healthRoutes every health route it serves on {@code port} (a route also covers the paths below it), or
     *     empty when drydock does not know them all
     * @param movedBy the command options that move its routes under a prefix
     */
    public record Image(String name, int port, String path, List<String> test, String needs, String note,
            Set<String> commands, ImageHealthcheck healthcheck, Set<String> tools, List<String> healthRoutes,
            Set<String> movedBy) {

        public boolean hasProbe() {
            return !test.isEmpty();
        }

        /** The compose {@code test:} list, as the recommendations write it. */
        public String composeTest() {
            return Probes.json(test);
        }

        /** The probe as a Dockerfile HEALTHCHECK. */
        public String dockerfileInstruction() {
            return "HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 "
                    + (test.get(0).equals("CMD-SHELL") ? "CMD " + test.get(1) : "CMD " + Probes.json(test.subList(1, test.size())));
        }

        /** "health route /-/healthy on port 9090", or "port 9090" when no route is known. */
        public String route() {
            return path == null ? "port " + port : "health route " + path + " on port " + port;
        }

        /** What a fix's probe checks, for its description: the health route, or the server's own check. */
        public String fixTarget() {
            return path != null ? path : name + "'s own check";
        }

        /**
         * Whether a request of {@code path} on {@code port} asks for a health route the server does not have: its
         * health routes are all known, the port is theirs, and the path reads as a health route (health, ready,
         * live, ping, status ...) that none of them covers.
         */
        public boolean lacksHealthRoute(String path, int port) {
            if (healthRoutes.isEmpty() || port != this.port || path == null) {
                return false;
            }
            String bare = path.replaceFirst("[?#].*$", "");
            return HEALTH_LIKE.matcher(bare).find() && healthRoutes.stream()
                    .noneMatch(route -> bare.equals(route) || bare.startsWith(route + "/"));
        }

        /** "/-/healthy and /-/ready", for messages. */
        public String healthRouteList() {
            return healthRoutes.size() == 1 ? healthRoutes.get(0)
                    : String.join(", ", healthRoutes.subList(0, healthRoutes.size() - 1)) + " and "
                            + healthRoutes.get(healthRoutes.size() - 1);
        }

        /** Why no probe is offered and what to do, for a server without one. */
        public String withoutProbe() {
            return "drydock knows no probe that runs inside " + name + "'s image"
                    + (path == null ? " and no health route of its own" : " (" + name + " answers " + path + " on port "
                            + port + ")")
                    + ": " + (note != null ? note : "follow the health check that the image's documentation gives");
        }
    }

    /** A path segment that names a health check: /health, /healthz, /ready, /livez, /ping, /status ... */
    private static final Pattern HEALTH_LIKE = Pattern.compile(
            "(?i)/[^/]*(health|ready|readiness|live|liveness|alive|ping|status)[^/]*(/|$)");

    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Map<String, Image> IMAGES = load();

    private ServerImages() {}

    /** The server a pulled image reference runs, by its name (any tag). */
    public static Optional<Image> of(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.familiarName() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(IMAGES.get(ref.familiarName().toLowerCase(Locale.ROOT)));
    }

    /** The server of a base image, when it is one of the known images. */
    public static Optional<Image> of(BaseImage base) {
        return base instanceof BaseImage.External e ? of(e.reference()) : Optional.empty();
    }

    /**
     * The known server a pulled image runs, when its health routes are all known and the container's command moves
     * none of them under a prefix (Prometheus's --web.route-prefix).
     */
    public static Optional<Image> withKnownHealthRoutes(Container c) {
        if (c == null || c.build() != null) {
            return Optional.empty();
        }
        return run(c).filter(image -> !image.healthRoutes().isEmpty()).filter(image -> c.command() == null
                || java.util.stream.Stream.concat(c.command().entrypoint().stream(), c.command().cmd().stream())
                        .noneMatch(word -> image.movedBy().stream().anyMatch(word::startsWith)));
    }

    /**
     * The known server a container runs: a pulled known image, or one built FROM it, when neither the Dockerfile nor
     * compose replaces the image's program (no entrypoint of their own, and a command that only passes flags or one
     * of the server's own sub-commands).
     */
    public static Optional<Image> run(Container c) {
        if (c == null) {
            return Optional.empty();
        }
        Optional<Image> image;
        if (c.build() != null) {
            image = c.build().model() == null || c.build().stage() == null ? Optional.empty()
                    : of(Stages.rootBase(c.build().model(), c.build().stage()));
        } else {
            image = c.image() == null ? Optional.empty() : ImageReference.tryParse(c.image()).flatMap(ServerImages::of);
        }
        return image.filter(i -> keepsServer(c.command(), i));
    }

    private static boolean keepsServer(EffectiveCommand command, Image image) {
        if (command == null) {
            return true;
        }
        if (command.shellForm() || !command.entrypoint().isEmpty() && !command.inheritsEntrypoint()) {
            return false;
        }
        if (command.cmd().isEmpty()) {
            return true;
        }
        String first = command.cmd().get(0);
        String program = first.substring(first.lastIndexOf('/') + 1);
        return first.startsWith("-") || image.commands().contains(program);
    }

    private static Map<String, Image> load() {
        Map<String, Image> byName = new HashMap<>();
        try (InputStream in = ServerImages.class.getResourceAsStream("server-images.txt")) {
            if (in == null) {
                throw new IllegalStateException("server-images.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> block = new LinkedHashMap<>();
            for (String line = reader.readLine(); ; line = reader.readLine()) {
                if (line == null || line.isBlank()) {
                    if (!block.isEmpty()) {
                        Image image = image(block);
                        for (String name : block.get("images").split("\\s+")) {
                            byName.put(name, image);
                        }
                        block.clear();
                    }
                    if (line == null) {
                        break;
                    }
                } else if (!line.startsWith("#")) {
                    int colon = line.indexOf(':');
                    block.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(byName);
    }

    private static Image image(Map<String, String> block) {
        List<String> test = new ArrayList<>();
        if (block.containsKey("probe")) {
            Matcher m = JSON_STRING.matcher(block.get("probe"));
            while (m.find()) {
                test.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        String healthcheck = block.getOrDefault("healthcheck", "");
        return new Image(block.get("name"), Integer.parseInt(block.get("port")), block.get("path"), List.copyOf(test),
                block.get("needs"), block.get("note"), words(block.get("commands")),
                healthcheck.equals("none") ? ImageHealthcheck.NONE : healthcheck.equals("own") ? ImageHealthcheck.OWN
                        : ImageHealthcheck.UNKNOWN,
                block.containsKey("tools") ? words(block.get("tools")) : null,
                block.containsKey("health-routes") ? List.of(block.get("health-routes").split("\\s+")) : List.of(),
                words(block.get("moved-by")));
    }

    private static Set<String> words(String text) {
        return text == null || text.isBlank() ? Set.of() : Set.of(text.split("\\s+"));
    }
}
