package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Map;

/**
 * Commands of a RUN that build or install the Python project of the folder they run in, rather than only its
 * dependencies: {@code pip install .} (or {@code -e .}, a wheel or a path), {@code uv sync}, {@code poetry install},
 * {@code pdm install}, {@code python -m build}, {@code setup.py}.
 */
public final class PythonProjectInstalls {

    /** Tools whose sub-command installs the project, with the option that leaves the project out. */
    private static final Map<String, String> PROJECT_LEFT_OUT_BY = Map.of("uv sync", "--no-install-project",
            "poetry install", "--no-root", "poetry sync", "--no-root", "pdm install", "--no-self", "pdm sync",
            "--no-self", "pipenv install", "", "hatch build", "", "flit install", "", "flit build", "");

    private PythonProjectInstalls() {}

    /** Whether the command builds or installs the project itself. */
    public static boolean installsProject(Call call) {
        List<String> args = call.args().stream().map(Call.Arg::value).toList();
        boolean pip = call.is("pip", "pip3") || call.is("uv") && args.contains("pip")
                || call.name().startsWith("python") && args.contains("pip");
        if (pip && (args.contains("install") || args.contains("wheel"))) {
            return args.stream().anyMatch(PythonProjectInstalls::localPackage);
        }
        if (call.name().startsWith("python") && args.size() >= 2 && args.get(0).equals("-m")
                && args.get(1).equals("build") || call.is("setup.py") || args.contains("setup.py")) {
            return true;
        }
        if (args.isEmpty()) {
            return false;
        }
        String leftOutBy = PROJECT_LEFT_OUT_BY.get(call.name() + " " + args.get(0));
        return leftOutBy != null && (leftOutBy.isEmpty() || !args.contains(leftOutBy));
    }

    /** A pip requirement that is a folder or an archive rather than a package name: {@code .}, {@code -e}, a wheel. */
    public static boolean localPackage(String arg) {
        return arg.equals(".") || arg.equals("-e") || arg.equals("--editable") || arg.startsWith("./")
                || arg.startsWith(".[") || arg.startsWith("/") || arg.startsWith("..") || arg.endsWith(".whl")
                || arg.endsWith(".tar.gz") || arg.contains("$");
    }
}
