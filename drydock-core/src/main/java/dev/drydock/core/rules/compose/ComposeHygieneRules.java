package dev.drydock.core.rules.compose;

import dev.drydock.core.review.Rule;
import java.util.List;

/** Compose rules about files that break `docker compose up`, and the production checklist beyond security. */
public final class ComposeHygieneRules {

    private ComposeHygieneRules() {}

    public static List<Rule> all() {
        return List.of(
                new UndefinedComposeReference(),
                new DependsOnCycle(),
                new EnvFileMissing(),
                new BindMountSourceMissing(),
                new EnvironmentValueQuote(),
                new ComposeInterpolatesContainerVariable(),
                new ComposeVariableUnset(),
                new EnvironmentEntryWithoutEquals(),
                new DuplicatePublishedPort(),
                new DuplicateMountTarget(),
                new DuplicateContainerName(),
                new InvalidContainerName(),
                new FixedContainerName(),
                new SchedulerReplicated(),
                new ComposeImageUnpinned(),
                new BuildAndImage(),
                new PidsLimit(),
                new AnchorBaseServiceStarted(),
                new SecretInEnvironment(),
                new AppDebugInProduction(),
                new SharedWritableVolume(),
                new ComposeProjectNameMissing(),
                new SourceCodeMounted(),
                new VolumeHidesImageContent(),
                new MountHidesDependencies(),
                new StaticFilesNotShared(),
                new PublishedPortNotServed(),
                new PublishedPortOnInternalNetwork(),
                new ServicePortNotServed(),
                new ReadOnlyRootWithoutWritablePaths(),
                new DroppedCapabilityNeededAtStart(),
                new ServiceAddressIsLocalhost(),
                new ServiceHostUnknown(),
                new FastCgiPassUnreachable(),
                new ProxyPassUnreachable(),
                new ProxyBackendNotAwaited(),
                new MigrationsNotAwaited(),
                new PhpFpmListensLocally(),
                new DatabaseUserIsRoot(),
                new DatabasePasswordMissing(),
                new GpuNotRequested(),
                new SharedMemoryTooSmall());
    }
}
