package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.PlainText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an image's instructions do to the owners of its folders: those given an owner or a mode, or made by a
 * non-root user (a mkdir in a RUN, or a WORKDIR that BuildKit creates under a USER: the runtime user may write
 * there), and those root made (a root mkdir, a WORKDIR under root, a COPY without --chown: owned by root with mode
 * 755).
 */
public final class ImageFolderOwners {

    /** How root made a folder: which instruction, on which line. */
    public record Made(InstructionKind kind, String what, int line) {}

    /** Programs that, run as a non-root user during the build, may fill the folders they write at run time. */
    private static final Set<String> FILLERS = Set.of("python", "python3", "pip", "pip3", "huggingface-cli", "hf",
            "uv", "node", "npm", "npx", "yarn", "conda", "mamba", "micromamba", "sh", "bash");

    /** Folders given an owner or mode (chown, chmod, install -d -o, COPY --chown), or made by a non-root user. */
    private final List<String> owned = new ArrayList<>();
    /** Folders a root mkdir, a WORKDIR or a COPY without --chown makes, by path. */
    private final Map<String, Made> made = new LinkedHashMap<>();
    private boolean userRunsPrograms;

    /** What the instructions of the image's stages do to its folders. */
    public static ImageFolderOwners of(BuiltImage image) {
        return of(image.model(), image.imageStages(), 0);
    }

    /**
     * What the image's instructions do to its folders, with those {@code user} owns besides: the home a useradd -m
     * or adduser of the image creates for it, and the folders the base image gives its own user
     * ({@link BaseImageUserFolders}).
     */
    public static ImageFolderOwners forUser(BuiltImage image, String user) {
        ImageFolderOwners facts = of(image);
        UserIds.createdHome(image.imageRuns(), user).ifPresent(facts::addOwned);
        BaseImageUserFolders.of(image.rootBase(), user).forEach(facts::addOwned);
        return facts;
    }

    /**
     * What the instructions of these stages (an image's, first built first) do to folders; a COPY --from of
     * another stage keeps the owners that stage gave its files, so that stage is read too ({@code depth}
     * bounds the chain of stages copied from).
     */
    private static ImageFolderOwners of(DockerfileModel model, List<Stage> stages, int depth) {
        ImageFolderOwners facts = new ImageFolderOwners();
        for (RunStep run : RunStep.of(model, stages)) {
            boolean asUser = run.user() != null && !UserIds.isRoot(run.user());
            String dir = run.workdir() == null ? "/" : run.workdir();
            for (Call call : run.calls()) {
                if (asUser && call.program() != null && FILLERS.contains(
                        call.program().value().substring(call.program().value().lastIndexOf('/') + 1))) {
                    facts.userRunsPrograms = true;
                }
                if (call.is("chown", "chmod", "chgrp")) {
                    Call.Options options = call.options("--reference", "--from");
                    List<Call.Arg> operands = options.operands();
                    int first = options.has("--reference") ? 0 : 1;
                    operands.subList(Math.min(first, operands.size()), operands.size())
                            .forEach(a -> facts.owned.add(resolve(dir, a.value())));
                } else if (call.is("install")) {
                    Call.Options options = call.options("-o", "--owner", "-g", "--group", "-m", "--mode");
                    if (options.has("-d", "--directory")
                            && options.has("-o", "--owner", "-g", "--group", "-m", "--mode")) {
                        options.operands().forEach(a -> facts.owned.add(resolve(dir, a.value())));
                    }
                } else if (call.is("mkdir")) {
                    Call.Options options = call.options("-m", "--mode", "-Z", "--context");
                    boolean explicit = asUser || options.has("-m", "--mode");
                    for (Call.Arg a : options.operands()) {
                        String path = resolve(dir, a.value());
                        if (explicit) {
                            facts.owned.add(path);
                        } else {
                            facts.made.putIfAbsent(path, new Made(InstructionKind.RUN, "the RUN mkdir",
                                    run.instruction().span().startLine()));
                        }
                    }
                }
            }
        }
        Map<String, Integer> userWorkdirs = new LinkedHashMap<>();
        for (Stage stage : stages) {
            for (Step step : stage.steps()) {
                Instruction instruction = step.instruction();
                String folder = instruction.kind() == InstructionKind.WORKDIR
                        && instruction.arguments() instanceof PlainText text ? text.text().strip() : "";
                if (!folder.isEmpty() && !folder.contains("$")) {
                    String before = step.workdir() == null || step.workdir().value() == null ? "/"
                            : step.workdir().value();
                    String path = resolve(before, folder);
                    int line = instruction.span().startLine();
                    Made earlier = facts.made.get(path);
                    boolean creates = (earlier == null || earlier.line() > line) && !userWorkdirs.containsKey(path);
                    if (creates && nonRoot(step)) {
                        // BuildKit makes a missing WORKDIR owned by the USER in effect
                        userWorkdirs.put(path, line);
                        facts.owned.add(path);
                        facts.made.remove(path);
                    } else if (!userWorkdirs.containsKey(path)) {
                        facts.made.putIfAbsent(path, new Made(InstructionKind.WORKDIR, "WORKDIR", line));
                    }
                }
            }
            for (CopyCommand copy : stage.copies()) {
                if (copy.containerPath() == null) {
                    continue;
                }
                String target = ContainerPaths.clean(copy.containerPath());
                Made before = facts.made.get(target);
                int copyLine = copy.instruction().span().startLine();
                if (before != null && before.line() < copyLine
                        || userWorkdirs.getOrDefault(target, Integer.MAX_VALUE) < copyLine) {
                    continue; // a folder that exists keeps its owner and mode: --chown and --chmod reach what is copied
                }
                if (copy.chown() != null && !UserIds.isRoot(copy.chown())) {
                    facts.owned.add(target);
                } else if (copy.chmod() != null) {
                    facts.owned.add(target);
                } else if (copy.chown() == null && copiedFromUser(model, copy, depth)) {
                    facts.owned.add(target);
                } else {
                    facts.made.putIfAbsent(target, new Made(InstructionKind.COPY,
                            copy.isAdd() ? "the ADD" : "the COPY", copy.instruction().span().startLine()));
                }
            }
        }
        return facts;
    }

    /**
     * Whether a COPY --from of another stage brings a single folder that stage gave a non-root user (by chown,
     * chmod, a COPY --chown or a mkdir as that user), or filled while running programs as a non-root user.
     */
    private static boolean copiedFromUser(DockerfileModel model, CopyCommand copy, int depth) {
        if (copy.fromStage() < 0 || copy.fromStage() >= model.stages().size() || copy.sources().size() != 1
                || depth > 3 || !copy.sources().get(0).startsWith("/")) {
            return false;
        }
        Stage source = model.stages().get(copy.fromStage());
        ImageFolderOwners facts = of(model, Stages.inImage(model, source), depth + 1);
        return facts.userRunsPrograms || facts.ownedByUser(ContainerPaths.clean(copy.sources().get(0)));
    }

    /** Whether the step runs under a USER other than root (a variable counts: it names a user). */
    private static boolean nonRoot(Step step) {
        String user = step.user() == null ? null : step.user().value();
        return user != null && !user.isBlank() && !UserIds.isRoot(user);
    }

    /** Whether the folder or one above it was given an owner or mode, or made by a non-root user. */
    public boolean ownedByUser(String path) {
        return owned.stream().anyMatch(o -> PathNames.isUnder(path, o));
    }

    private static String resolve(String dir, String path) {
        return ContainerPaths.clean(path.startsWith("/") ? path : dir + "/" + path);
    }

    private void addOwned(String path) {
        owned.add(path);
    }

    /** How root made the folder, or null when no instruction of the image did. */
    public Made made(String path) {
        return made.get(path);
    }

    /** Whether a RUN of the image runs a program as a non-root user (it may create its folders at build time). */
    public boolean userRunsPrograms() {
        return userRunsPrograms;
    }
}
