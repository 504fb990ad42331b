package dev.drydock.core.rules.app;

import dev.drydock.core.review.Rule;
import java.util.List;

/** Rules about the application the container runs: its server, health, shutdown and resources. */
public final class AppRules {

    private AppRules() {}

    public static List<Rule> all() {
        return List.of(
                new DevServer(),
                new DjangoDebugInProduction(),
                new DotnetAssemblyNotBuilt(),
                new DotnetRuntimeMissing(),
                new ProductionServerMissing(),
                new HealthcheckMissing(),
                new ReadinessCheckMissing(),
                new HealthcheckToolMissing(),
                new HealthcheckIgnoresHttpErrors(),
                new HealthcheckLocalhostIpv6(),
                new KestrelPortSettingOverridden(),
                new HealthcheckEndpointMissing(),
                new KamalAppPortMismatch(),
                new KamalRoleHealthcheckFails(),
                new GracefulShutdownMissing(),
                new ServerStartedInBackground(),
                new MigrationsRaceAtStartup(),
                new DependenciesInstalledAtStart(),
                new UvRunInstallsAtStart(),
                new EntrypointIgnoresCommand(),
                new PackageScriptMissing(),
                new PythonScriptMissing(),
                new CommandNotInImage(),
                new StartProgramNotInImage(),
                new ScriptWindowsLineEndings(),
                new DenoDependenciesNotCached(),
                new MemoryLimitTooLow(),
                new VariableInExecForm(),
                new ShellOperatorWithoutShell(),
                new JvmHeapNotSized(),
                new JvmOptionsIgnored(),
                new SpringBootLauncherMoved(),
                new SpringBootLayertoolsDeprecated(),
                new UvicornWorkerDeprecated(),
                new ServerListensOnLocalhost(),
                new PhoenixServerNotStarted(),
                new GradioPublicShareLink(),
                new SocketIOWorkerMismatch(),
                new CeleryAppOptionMisplaced(),
                new NotebookAuthenticationDisabled(),
                new ModelCacheNotPersisted(),
                new SqliteDatabaseNotPersisted(),
                new NextStaticAssetsNotCopied(),
                new NextStandaloneOutputMissing(),
                new NextStandaloneHostname());
    }
}
