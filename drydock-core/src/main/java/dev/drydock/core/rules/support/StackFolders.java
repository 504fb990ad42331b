package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.SensitivePaths.Kind;
import dev.drydock.core.rules.support.SensitivePaths.Match;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Folders a language's tools write beside its manifest, which an image must build for itself and not
 * take from a developer's machine: Composer's {@code vendor/} beside composer.json, Cargo's
 * {@code target/} beside Cargo.toml, {@code bin/} and {@code obj/} beside a .NET project, Mix's
 * {@code deps/} and {@code _build/} beside mix.exs. The names alone say nothing (a Go module's
 * {@code vendor/} is committed on purpose, {@code bin/} often holds scripts), so the manifest decides,
 * and the build must run the tool that writes the folder.
 */
public final class StackFolders {

    /**
     * One kind of generated folder: its name, the tool and the subcommands that write it, the manifests that
     * make it one, and what it holds.
     */
    private record Folder(String name, String tool, Set<String> verbs, Set<FileType> besides, Match match) {}

    private static final Set<String> COMPOSER_INSTALLS = Set.of("install", "i", "update", "u", "upgrade", "require",
            "create-project");
    private static final Set<String> CARGO_BUILDS = Set.of("build", "b", "install", "test", "t", "run", "r", "chef");
    private static final Set<String> DOTNET_BUILDS = Set.of("restore", "build", "publish", "test", "pack", "run");
    private static final Set<String> MIX_FETCHES = Set.of("deps.get");
    private static final Set<String> MIX_BUILDS = Set.of("compile", "deps.compile", "release", "phx.digest",
            "assets.deploy", "deps.get");

    private static final List<Folder> FOLDERS = List.of(
            new Folder("vendor", "composer", COMPOSER_INSTALLS, Set.of(FileType.COMPOSER_JSON),
                    new Match(Kind.DEPENDENCIES, "installed Composer packages", true, true, "autoload.php")),
            new Folder("target", "cargo", CARGO_BUILDS, Set.of(FileType.CARGO_TOML),
                    new Match(Kind.BUILD_OUTPUT, "Cargo build output", true, true, "release/app")),
            new Folder("bin", "dotnet", DOTNET_BUILDS, Set.of(FileType.DOTNET_PROJECT),
                    new Match(Kind.BUILD_OUTPUT, ".NET build output", true, true, "Release/net8.0/app.dll")),
            new Folder("obj", "dotnet", DOTNET_BUILDS, Set.of(FileType.DOTNET_PROJECT),
                    new Match(Kind.BUILD_OUTPUT, ".NET restore and build state", true, true, "project.assets.json")),
            new Folder("deps", "mix", MIX_FETCHES, Set.of(FileType.MIX_EXS),
                    new Match(Kind.DEPENDENCIES, "Mix dependency sources", true, true, "plug/mix.exs")),
            new Folder("_build", "mix", MIX_BUILDS, Set.of(FileType.MIX_EXS),
                    new Match(Kind.BUILD_OUTPUT, "Mix build output", true, true, "prod/lib/app/ebin/app.app")));

    private StackFolders() {}

    /**
     * What the folder at a project path is, when a manifest beside it makes it a generated folder and a
     * RUN of the build calls the tool that writes it again (without that step the image may rely on the
     * copied folder: a vendor/ installed before the build, a binary built outside).
     */
    public static Optional<Match> classify(Project project, BuildLink build, String path) {
        String name = PathNames.fileName(path);
        String parent = PathNames.parent(path);
        for (Folder folder : FOLDERS) {
            if (folder.name.equals(name) && project.layout().entries().stream()
                    .anyMatch(e -> e.directory().equals(parent) && folder.besides.contains(e.type()))
                    && rebuilds(build, folder)) {
                return Optional.of(folder.match);
            }
        }
        return Optional.empty();
    }

    /**
     * What a folder of this name is anywhere in the project folder {@code dir} ("" for the root), on the
     * same terms: for a name a {@code .gitignore} ignores at any depth, when a manifest under {@code dir}
     * makes it one.
     */
    public static Optional<Match> classifyUnder(Project project, BuildLink build, String dir, String name) {
        for (Folder folder : FOLDERS) {
            if (folder.name.equals(name) && project.layout().entries().stream()
                    .anyMatch(e -> folder.besides.contains(e.type()) && PathNames.isUnder(e.directory(), dir))
                    && rebuilds(build, folder)) {
                return Optional.of(folder.match);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a RUN of the build writes the folder of this name anew ({@code composer install} for vendor,
     * {@code dotnet restore/build/publish} for bin and obj, {@code mix deps.get} for deps ...).
     */
    public static boolean rebuilds(BuildLink build, String name) {
        return FOLDERS.stream().anyMatch(f -> f.name.equals(name) && rebuilds(build, f));
    }

    private static boolean rebuilds(BuildLink build, Folder folder) {
        if (build.model() == null || build.stage() == null) {
            return false;
        }
        for (RunStep run : RunStep.of(build.model(), Stages.needed(build.model(), build.stage()))) {
            for (Call call : run.calls()) {
                List<Call.Arg> args = call.args();
                if (call.is("php") && !args.isEmpty() && args.get(0).value().endsWith("composer.phar")) {
                    call = call.as("composer", args.get(0), 1);
                }
                if (call.is(folder.tool) && call.args().stream()
                        .anyMatch(a -> folder.verbs.contains(a.value().replaceAll(",$", "")))) {
                    return true;
                }
            }
        }
        return false;
    }


}
