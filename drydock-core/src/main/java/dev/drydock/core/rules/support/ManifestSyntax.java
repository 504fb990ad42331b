package dev.drydock.core.rules.support;

import dev.drydock.core.manifest.CargoToml;
import dev.drydock.core.manifest.GoMod;
import dev.drydock.core.manifest.GradleBuild;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.PomXml;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A manifest's own syntax (a pom.xml's properties, a build.gradle's plugins, go.mod's replace directives, Cargo.toml's
 * edition) for rules that need more than its dependencies: parsed once per review, whichever rules ask; empty when
 * the file cannot be read or parsed (the loader reports that).
 */
public final class ManifestSyntax {

    private ManifestSyntax() {}

    public static Optional<PomXml> pom(ReviewContext context, Manifest m) {
        return parsed(context, m, "pom.xml", PomXml::parse);
    }

    /** The Gradle build with its version catalog and the settings it reads. */
    public static Optional<GradleBuild> gradle(ReviewContext context, Manifest m) {
        return parsed(context, m, "build.gradle", f -> GradleBuild.parse(f, context.project()::source));
    }

    public static Optional<GoMod> goMod(ReviewContext context, Manifest m) {
        return parsed(context, m, "go.mod", GoMod::parse);
    }

    public static Optional<CargoToml> cargo(ReviewContext context, Manifest m) {
        return parsed(context, m, "Cargo.toml", f -> CargoToml.parse(f, List.of()));
    }

    private static <T> Optional<T> parsed(ReviewContext context, Manifest m, String kind, Function<SourceFile, T> parse) {
        return context.memo("manifest-syntax " + kind, m, () -> context.project().source(m.file()).flatMap(f -> {
            try {
                return Optional.of(parse.apply(f));
            } catch (SourceException e) {
                return Optional.empty();
            }
        }));
    }
}
