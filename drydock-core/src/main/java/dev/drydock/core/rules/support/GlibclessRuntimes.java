package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Set;

/**
 * Final images that cannot run a program linked against glibc: scratch, distroless static, Chainguard static (no C
 * library at all) and Alpine (musl), unless the image installs a glibc compatibility layer (gcompat, libc6-compat).
 */
public final class GlibclessRuntimes {

    private static final Set<String> GLIBC_SHIMS = Set.of("gcompat", "libc6-compat");

    private GlibclessRuntimes() {}

    /** The final image's base when it has no glibc, in words ("alpine, which has musl instead of glibc"); null otherwise. */
    public static String describe(BuiltImage image) {
        BaseImage base = image.rootBase();
        if (base instanceof BaseImage.Scratch) {
            return "scratch, which has no C library";
        }
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return null;
        }
        ImageReference ref = external.reference();
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        if (name.startsWith("gcr.io/distroless/static") || name.equals("cgr.dev/chainguard/static")) {
            return ref.familiarString() + ", which has no C library";
        }
        boolean shim = image.imageRuns().stream().flatMap(r -> r.calls().stream())
                .flatMap(c -> PackageCommands.install(c).stream())
                .anyMatch(install -> install.names().stream().anyMatch(GLIBC_SHIMS::contains));
        return ImageTags.officialName(ref).equals("alpine") && !shim ? "alpine, which has musl instead of glibc" : null;
    }
}
