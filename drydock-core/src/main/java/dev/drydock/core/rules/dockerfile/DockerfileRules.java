package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Rule;
import java.util.List;

/** Rules about how a Dockerfile builds its image. */
public final class DockerfileRules {

    private DockerfileRules() {}

    public static List<Rule> all() {
        return List.of(
                new RunsAsRoot(),
                new UnpinnedBaseImage(),
                new BuildArgsMissing(),
                new OciLabelsMissing(),
                new AptNoInstallRecommends(),
                new BuildToolsInFinalImage(),
                new ImplicitPermissions(),
                new DevConfigInImage(),
                new DeprecatedEnv(),
                new SlimBaseImage(),
                new LayerCaching(),
                new PipNoCacheDir(),
                new AptListsCleaned(),
                new PythonUnbuffered(),
                new UnreadableByRuntimeUser(),
                new RecursiveChownLayer(),
                new FromAsCasing(),
                new DevDependenciesInImage(),
                new ConsistentInstructionCasing(),
                new CopyIgnoredFile(),
                new DuplicateStageName(),
                new ExposeInvalidFormat(),
                new ExposeProtoCasing(),
                new FromPlatformFlagConstDisallowed(),
                new InvalidDefaultArgInFrom(),
                new InvalidDefinitionDescription(),
                new JsonArgsRecommended(),
                new LegacyKeyValueFormat(),
                new MaintainerDeprecated(),
                new MultipleInstructionsDisallowed(),
                new NoEmptyContinuation(),
                new RedundantTargetPlatform(),
                new ReservedStageName(),
                new StageNameCasing(),
                new UndefinedArgInFrom(),
                new UndefinedVar(),
                new WorkdirRelativePath());
    }
}
