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
                new ShellCheckRun(),
                new OsPackagesUnpinned(),
                new PackageManagerPrompts(),
                new OsPackageCacheKept(),
                new StalePackageIndex(),
                new DistributionUpgrade(),
                new AptInsteadOfAptGet(),
                new PackageSignatureCheckDisabled(),
                new AddInsteadOfCopy(),
                new AddUrlUnverified(),
                new CopyArchiveExtracted(),
                new CopyDestinationNotDirectory(),
                new CopyFromCurrentStage(),
                new CopyFromUnknownStage(),
                new CopyFromStageIndex(),
                new CopyWholeFilesystem(),
                new ExposeInvalidPort(),
                new ExposeSshPort(),
                new WorkdirSystemDirectory(),
                new CopyRelativeWithoutWorkdir(),
                new OnbuildForbiddenTrigger(),
                new EnvSelfReference(),
                new MergeableConsecutiveLayers(),
                new UserNotNumeric(),
                new LabelKeyInvalid(),
                new RequiredLabelMissing(),
                new LabelNotInSchema(),
                new LabelValueInvalid(),
                new UntrustedRegistry(),
                new LanguagePackageUnpinned(),
                new TlsVerificationDisabled(),
                new PipeWithoutPipefail(),
                new SudoInRun(),
                new CdInsteadOfWorkdir(),
                new SystemCommandInRun(),
                new DefaultShellReplaced(),
                new CurlAndWget(),
                new WgetProgressOutput(),
                new NodePackageCacheInImage(),
                new PasswordSetInRun(),
                new UseraddNoLogInit(),
                new RemoteScriptPipedToShell());
    }
}
