package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code package.json} script (or a deno.json task, {@link DenoTasks}) as the program it runs: {@code npm run dev} with
 * {@code "dev": "nodemon server.js"} is nodemon. npm runs scripts through {@code sh -c} in the
 * package's folder, with {@code node_modules/.bin} on the PATH.
 *
 * @param packageFile the package.json (project path)
 * @param name the script's name
 * @param command the script's command line
 * @param span where the script is declared
 * @param entryPoint what the command runs
 */
public record NodePackage(String packageFile, String name, String command, Span span, EntryPoint entryPoint) {

    /** The script {@code name} of the package.json in {@code dir}, read as a command. */
    public static Optional<NodePackage> script(SourceSet files, String dir, String name, Map<String, String> env,
            String workdir) {
        String path = PathNames.join(dir, "package.json");
        SourceFile file = files.read(path).orElse(null);
        if (file == null || name == null) {
            return Optional.empty();
        }
        try {
            PackageJson pkg = PackageJson.of(file);
            return pkg.script(name).map(s -> new NodePackage(path, s.name(), s.command(), s.span(),
                    EntryPoints.interpret(List.of(s.command()), true, env, workdir)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code main} file of the package.json in {@code dir}, as a project path. */
    public static Optional<String> main(SourceSet files, String dir) {
        SourceFile file = files.read(PathNames.join(dir, "package.json")).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return PackageJson.of(file).main().map(m -> PathNames.normalizeRelative(PathNames.join(dir, m)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
