package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.goreleaser.GoReleaserFile;
import dev.drydock.core.goreleaser.GoReleaserImage;
import dev.drydock.core.goreleaser.GoReleaserTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The images GoReleaser configurations build, as {@code goreleaser release} run in the file's folder builds them: the
 * Dockerfile (relative to that folder), tagged with the image names, labelled and given the build arguments and
 * target of the entry, and pushed (unless {@code skip_push: true}). GoReleaser builds in a temporary folder that holds
 * the Dockerfile, the binaries of the configuration's builds and the {@code extra_files}; the folder of the file
 * stands for it, the extra files under the same paths there, and the binaries are {@link DeclaredBuild#supplied}:
 * at the root for {@code dockers}, under one folder a platform ({@code linux/amd64/NAME}) for {@code dockers_v2}.
 * The project name a file does not set is the last element of the module path of the go.mod beside it, as GoReleaser
 * guesses it; a binary named after an unknown project name stands for any one name.
 */
final class GoReleaserBuilds {

    private GoReleaserBuilds() {}

    /**
     * @param goModule the module path of the go.mod in a folder of the project, when there is one
     * @param unplaced where a build that sets OCI labels but whose Dockerfile is not a file of the project is noted
     */
    static List<DeclaredBuild> read(List<GoReleaserFile> files, Function<String, Optional<String>> goModule,
            Predicate<String> isFile, List<Origin> unplaced) {
        List<DeclaredBuild> out = new ArrayList<>();
        for (GoReleaserFile file : files) {
            String folder = PathNames.parent(file.path());
            String projectName = file.projectName() != null ? file.projectName()
                    : goModule.apply(folder).map(GoReleaserBuilds::lastElement).orElse(null);
            GoReleaserTemplates templates = new GoReleaserTemplates(projectName, file.env());
            List<String> binaries = file.binaries().stream().map(templates::apply)
                    .map(b -> b.contains("$") ? "*" : b).distinct().toList();
            for (GoReleaserImage image : file.images()) {
                build(file.path(), folder, image, templates, binaries, isFile, unplaced)
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<DeclaredBuild> build(String path, String folder, GoReleaserImage image,
            GoReleaserTemplates templates, List<String> binaries, Predicate<String> isFile, List<Origin> unplaced) {
        Origin origin = new Origin(path, image.span());
        BuildLabels labels = new BuildLabels(image.labels(), false);
        String dockerfile = DeclaredBuilds.resolve(folder, templates.apply(image.dockerfile()));
        if (dockerfile == null || !isFile.test(dockerfile)) {
            if (labels.oci() && dockerfile == null) {
                unplaced.add(origin); // a Dockerfile given by a variable: it may be any image's
            }
            return Optional.empty();
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<BuildArgument> arguments = new ArrayList<>();
        for (GoReleaserImage.BuildArg arg : image.buildArgs()) {
            String value = arg.value() == null ? "${" + arg.name() + "}" : templates.apply(arg.value());
            BuildArgument argument = new BuildArgument(arg.name(), value, new Origin(path, arg.span()));
            arguments.add(argument);
            if (argument.literal()) {
                args.put(arg.name(), value);
            }
        }
        String target = templates.apply(image.target());
        List<String> tags = image.names().stream().map(templates::apply).toList();
        return Optional.of(new DeclaredBuild(dockerfile, folder, target == null || target.contains("$") ? null : target,
                args, arguments, tags, origin, BuildTool.GORELEASER, labels,
                image.pushed() ? BuildOutput.SHIPPED : BuildOutput.IMAGE, supplied(image, templates, binaries)));
    }

    /** The binaries in the folders GoReleaser puts them in, and the extra files. */
    private static List<String> supplied(GoReleaserImage image, GoReleaserTemplates templates, List<String> binaries) {
        Set<String> out = new LinkedHashSet<>();
        for (String folder : image.binaryFolders()) {
            String where = templates.apply(folder).contains("$") ? "*/*" : folder;
            binaries.forEach(binary -> out.add(PathNames.join(where, binary)));
        }
        for (String extra : image.extraFiles()) {
            String file = PathNames.normalizeRelative(templates.apply(extra));
            if (file != null && !file.isEmpty() && !file.contains("$")) {
                out.add(file);
            }
        }
        return List.copyOf(out);
    }

    /** {@code listmonk} for {@code github.com/knadh/listmonk}; null for a major version suffix such as {@code /v2}. */
    private static String lastElement(String module) {
        String last = module.substring(module.lastIndexOf('/') + 1);
        return last.isEmpty() || last.matches("v\\d+") ? null : last;
    }
}
