package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.BuiltImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a package manager's installs reach the image: the image's own stages, then the builder stages it
 * copies the installed folder from (node_modules, vendor); and the manifest those installs read.
 */
final class InstallStages {

    private final Set<Integer> inImage = new HashSet<>();
    private final List<Stage> stages;

    private InstallStages(BuiltImage image, String installedFolder) {
        List<Stage> imageStages = image.imageStages();
        imageStages.forEach(s -> inImage.add(s.index()));
        stages = new ArrayList<>(imageStages);
        // a builder whose folder another copied builder takes in turn reaches the image too
        boolean added = true;
        while (added) {
            added = false;
            for (Stage stage : image.neededStages()) {
                int index = stage.index();
                if (stages.stream().noneMatch(s -> s.index() == index) && copiesFolder(stages, stage, installedFolder)) {
                    stages.add(stage);
                    added = true;
                }
            }
        }
    }

    /** The stages whose installs into {@code installedFolder} (node_modules, vendor) reach the image. */
    static InstallStages of(BuiltImage image, String installedFolder) {
        return new InstallStages(image, installedFolder);
    }

    /** Whether one of the stages copies the folder (or the builder's whole working directory) from the builder. */
    private static boolean copiesFolder(List<Stage> copiers, Stage builder, String folder) {
        String workdir = builder.config().workdir() == null ? null : builder.config().workdir().value();
        for (Stage stage : copiers) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() != builder.index()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String s = source.replaceAll("/+$", "");
                    if (s.endsWith(folder) || workdir != null && s.equals(workdir.replaceAll("/+$", ""))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the image takes the folder an install in {@code builder} fills ({@code /temp/prod/node_modules}): a
     * copy from the builder of that folder or of a folder above it; true when drydock cannot tell where the install
     * works. A workspace's own node_modules below the install's folder does not count: pnpm's default linker fills
     * it with symlinks into the root's node_modules/.pnpm, which a copy keeps as links to nothing, and npm and Yarn
     * hoist the packages to the root's node_modules and leave in a workspace's only those whose versions clash.
     */
    boolean reaches(Stage builder, String installDirectory, String installedFolder) {
        if (installDirectory == null) {
            return true;
        }
        String installed = PathNames.normalizeAbsolute(installDirectory, installedFolder);
        for (Stage stage : stages) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() != builder.index()) {
                    continue;
                }
                for (String source : copy.sources()) {
                    String s = PathNames.normalizeAbsolute("/", source.replaceAll("/+$", ""));
                    if (s.contains("$") || s.contains("*") || PathNames.isUnder(installed, s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    List<Stage> stages() {
        return stages;
    }

    /** The builder's reference when the stage is a builder the image copies from, null for the image's own. */
    String builder(Stage stage) {
        return inImage.contains(stage.index()) ? null : stage.reference();
    }

    /** The manifest named {@code fileName} at the build context's root, else the container's only one. */
    static Optional<Manifest> rootManifest(Container container, String fileName, Predicate<Manifest> kind) {
        List<Manifest> found = container.manifests().stream().filter(kind).toList();
        String root = container.build() == null ? fileName : PathNames.join(container.build().context(), fileName);
        return found.stream().filter(m -> m.file().equals(root)).findFirst()
                .or(() -> found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty());
    }
}
