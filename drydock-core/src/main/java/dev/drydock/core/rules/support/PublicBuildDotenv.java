package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.dotenv.DotEnvFile;
import dev.drydock.core.dotenv.DotEnvParser;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * The committed .env files of a front-end build (Next.js, Vite, Create React App, Astro, SvelteKit, Nuxt, Gatsby,
 * Expo) that hold only the values its build writes into the pages it serves: NEXT_PUBLIC_, VITE_, REACT_APP_ ...
 * These tools load .env and .env.production (the .env.[mode] files) at build time, so the build needs them in its
 * context, and nothing in them is secret: every browser receives the values. Files git ignores, the .local ones and
 * files with any other variable are not of this kind.
 */
public final class PublicBuildDotenv {

    private PublicBuildDotenv() {}

    /** The packages whose build reads .env.[mode] files. */
    private static final List<String> BUILD_TOOLS = List.of("next", "vite", "react-scripts", "astro", "@sveltejs/kit",
            "nuxt", "gatsby", "expo");

    /** The prefixes those tools expose to the browser. */
    private static final List<String> PUBLIC_PREFIXES = List.of("NEXT_PUBLIC_", "VITE_", "REACT_APP_", "PUBLIC_",
            "NUXT_PUBLIC_", "GATSBY_", "EXPO_PUBLIC_");

    /** Whether the file at this project path is such a public build-time env file. */
    public static boolean is(Project project, String path) {
        String name = PathNames.fileName(path);
        if (!name.equals(".env") && !(name.startsWith(".env.") && !name.endsWith(".local"))
                || project.gitIgnoring(path).isPresent() || !builtByFrontEndTool(project, PathNames.parent(path))) {
            return false;
        }
        Optional<SourceFile> file = project.source(path);
        if (file.isEmpty()) {
            return false;
        }
        DotEnvFile env = DotEnvParser.parse(file.get());
        return !env.entries().isEmpty() && env.entries().stream().map(DotEnvEntry::key)
                .allMatch(key -> PUBLIC_PREFIXES.stream().anyMatch(key::startsWith));
    }

    private static boolean builtByFrontEndTool(Project project, String folder) {
        String packageJson = folder == null || folder.isEmpty() ? "package.json" : folder + "/package.json";
        return project.manifests().stream().anyMatch(m -> m.ecosystem() == Ecosystem.NPM
                && m.file().equals(packageJson) && BUILD_TOOLS.stream().anyMatch(m::hasDependency));
    }
}
