package dev.drydock.core.image;

import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Deno's images ({@code denoland/deno}). The Debian (the default tags), Ubuntu and Alpine variants start
 * {@code /tini -- docker-entrypoint.sh} with the CMD as its arguments: the script runs {@code deno} with them when the
 * first is an option or one of Deno's sub-commands ({@code CMD ["task", "start"]} is {@code deno task start}) and
 * runs them as a command otherwise; the distroless variant's ENTRYPOINT is {@code /tini -- /bin/deno} itself; the bin
 * tags hold only the binary. Each sets DENO_DIR to /deno-dir/; the Debian and Ubuntu variants create a {@code deno}
 * user with UID 1993, the Alpine one with UID 1000, the distroless one none; none sets USER.
 */
public final class DenoImages {

    private DenoImages() {}

    private static final String NAME = "docker.io/denoland/deno";

    /** The first arguments docker-entrypoint.sh hands to deno: its sub-commands (an option is handed on too). */
    private static final Set<String> FORWARDED = Set.of("add", "bench", "bundle", "cache", "compile", "completions",
            "coverage", "doc", "eval", "fmt", "help", "init", "info", "install", "jupyter", "lint", "lsp", "publish",
            "remove", "repl", "run", "serve", "task", "test", "types", "uninstall", "upgrade", "vendor");

    /** The variant of a denoland/deno tag: debian, ubuntu, alpine, distroless or bin; empty for another image. */
    public static Optional<String> variant(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage() || !NAME.equals(external.reference().fullName())) {
            return Optional.empty();
        }
        String tag = external.reference().effectiveTagLowerCase();
        for (String variant : List.of("distroless", "alpine", "ubuntu", "bin")) {
            if (tag.startsWith(variant)) {
                return Optional.of(variant);
            }
        }
        return Optional.of("debian");
    }

    /**
     * The command the image's ENTRYPOINT puts before a CMD of {@code cmd} (exec form): {@code /tini -- deno} when
     * deno runs it, {@code /tini --} when docker-entrypoint.sh runs the CMD as a command; empty for another image,
     * the bin tags and an empty CMD.
     */
    public static Optional<List<String>> entrypoint(BaseImage base, List<String> cmd) {
        String variant = variant(base).orElse("bin");
        if (variant.equals("bin") || cmd.isEmpty()) {
            return Optional.empty();
        }
        if (variant.equals("distroless") || forwarded(cmd.get(0))) {
            return Optional.of(List.of("/tini", "--", variant.equals("distroless") ? "/bin/deno" : "deno"));
        }
        return Optional.of(List.of("/tini", "--"));
    }

    /** Whether docker-entrypoint.sh runs deno with a CMD that starts with {@code first}. */
    static boolean forwarded(String first) {
        return first.startsWith("-") || FORWARDED.contains(first.toLowerCase(Locale.ROOT));
    }

    /** The {@code uid:gid} of the image's deno user, where it has one. */
    public static Optional<String> denoUser(BaseImage base) {
        return variant(base).flatMap(v -> switch (v) {
            case "debian", "ubuntu" -> Optional.of("1993:1993");
            case "alpine" -> Optional.of("1000:1000");
            default -> Optional.empty();
        });
    }
}
