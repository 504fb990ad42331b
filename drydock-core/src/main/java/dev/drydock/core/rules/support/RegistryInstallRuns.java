package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import java.util.List;
import java.util.Set;

/** RUN steps that only install packages from a registry and set up users, folders or modes. */
public final class RegistryInstallRuns {

    private static final Set<String> SETUP = Set.of("apt-get", "apt", "apk", "yum", "dnf", "microdnf", "useradd",
            "groupadd", "adduser", "addgroup", "usermod", "chown", "chmod", "chgrp", "rm", "true", "set", "export",
            "ldconfig", "update-ca-certificates", "apt-mark");

    private RegistryInstallRuns() {}

    /**
     * Whether nothing the RUN does writes into the application's folders: package installs from a registry
     * ({@code pip install}, {@code uv pip install --system}) and system set-up. A redirect, a download, a local
     * package or {@code --target} may write there.
     */
    public static boolean installsOnly(RunStep run) {
        return installsOnly(run, null);
    }

    /**
     * As {@link #installsOnly(RunStep)}, a virtualenv created at an absolute path outside {@code appFolder}
     * ({@code python -m venv /opt/venv}, {@code uv venv /opt/venv}) counted as set-up too.
     */
    public static boolean installsOnly(RunStep run, String appFolder) {
        if (run.script() == null || run.calls().isEmpty()) {
            return false;
        }
        for (Call call : run.calls()) {
            if (call.command() == null || !call.command().redirects().isEmpty()) {
                return false;
            }
            List<String> args = call.args().stream().map(Call.Arg::value).toList();
            if (appFolder != null && venvOutside(call, args, appFolder)) {
                continue;
            }
            boolean uvPip = call.is("uv") && args.size() > 1 && args.get(0).equals("pip")
                    && args.contains("--system");
            boolean pip = uvPip || call.is("pip", "pip3") || call.name().startsWith("python") && args.size() > 1
                    && args.get(0).equals("-m") && args.get(1).equals("pip");
            if (pip ? args.stream().anyMatch(a -> PythonProjectInstalls.localPackage(a) || a.equals("-t")
                    || a.startsWith("--target") || a.startsWith("--prefix") || a.startsWith("--root"))
                    : !SETUP.contains(call.name())) {
                return false;
            }
        }
        return true;
    }

    private static boolean venvOutside(Call call, List<String> args, String appFolder) {
        List<String> operands;
        if (call.name().startsWith("python") && args.size() > 2 && args.get(0).equals("-m")
                && args.get(1).equals("venv")) {
            operands = args.subList(2, args.size());
        } else if (call.is("uv") && args.size() > 1 && args.get(0).equals("venv") || call.is("virtualenv")) {
            operands = args.subList(call.is("uv") ? 1 : 0, args.size());
        } else {
            return false;
        }
        List<String> paths = operands.stream().filter(a -> !a.startsWith("-")).toList();
        return paths.size() == 1 && paths.get(0).startsWith("/") && !paths.get(0).contains("$")
                && !PathNames.isUnder(PathNames.normalizeAbsolute("/", paths.get(0)), appFolder);
    }
}
