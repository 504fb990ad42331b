package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code pip install} in its usual spellings: {@code pip}, {@code pip3}, {@code pip3.12},
 * {@code python -m pip}, {@code python3.12 -m pip}.
 */
public final class PipCommands {

    private PipCommands() {}

    private static final Pattern PIP = Pattern.compile("pip(\\d+(\\.\\d+)?)?");
    private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?");

    /** pip's options that take a value (general and install options). */
    static final String[] VALUE_OPTIONS = {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t",
        "--target", "--platform", "--python-version", "--implementation", "--abi", "--root", "--prefix", "--src",
        "--upgrade-strategy", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--global-option",
        "-C", "--config-settings", "--no-binary", "--only-binary", "--progress-bar", "--root-user-action", "--report",
        "--log", "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert",
        "--cache-dir", "--use-feature", "--use-deprecated", "--python", "--keyring-provider", "-w", "--wheel-dir"};

    /**
     * One {@code pip install}.
     *
     * @param call the command seen as {@code pip ...} (for {@code python -m pip}, the arguments after {@code pip})
     * @param options its arguments read with pip's value options
     * @param requirementFiles the {@code -r} files
     * @param packages the operands after {@code install}: package specifications, paths, {@code .}
     */
    public record Install(Call call, Call.Options options, List<String> requirementFiles, List<Call.Arg> packages) {

        /** Whether the project in a folder is installed ({@code pip install .}, {@code pip install -e .}). */
        public boolean installsProject() {
            return packages.stream().anyMatch(p -> p.value().equals(".") || p.value().startsWith("./")
                    || p.value().startsWith(".["))
                    || !options.values("-e", "--editable").isEmpty();
        }

        /** Whether it installs from a manifest (requirements file or a project folder), not named packages only. */
        public boolean installsFromManifest() {
            return !requirementFiles.isEmpty() || installsProject();
        }
    }

    /** The pip call of this command: itself, or what {@code python -m pip} runs. */
    public static Optional<Call> pip(Call call) {
        if (PIP.matcher(call.name()).matches()) {
            return Optional.of(call);
        }
        if (PYTHON.matcher(call.name()).matches()) {
            List<Call.Arg> args = call.args();
            for (int i = 0; i < args.size(); i++) {
                String v = args.get(i).value();
                if (v.equals("-m") && i + 1 < args.size() && PIP.matcher(args.get(i + 1).value()).matches()) {
                    return Optional.of(call.as("pip", args.get(i + 1), i + 2));
                }
                if (v.startsWith("-m") && PIP.matcher(v.substring(2)).matches()) {
                    return Optional.of(call.as("pip", args.get(i), i + 1));
                }
                if (!v.startsWith("-")) {
                    return Optional.empty(); // a script: python app.py -m pip is the script's argument
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code pip install} this command runs, if it runs one. */
    public static Optional<Install> install(Call call) {
        return subcommand(call, "install");
    }

    /**
     * The {@code pip wheel} this command runs, if it runs one: it builds the wheels of the packages (into
     * {@code --wheel-dir}) that a later {@code pip install} of those files puts in the image.
     */
    public static Optional<Install> wheel(Call call) {
        return subcommand(call, "wheel");
    }

    private static Optional<Install> subcommand(Call call, String name) {
        Optional<Call> pip = pip(call);
        if (pip.isEmpty()) {
            return Optional.empty();
        }
        Call.Options options = pip.get().options(VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty() || !operands.get(0).value().equals(name)) {
            return Optional.empty();
        }
        return Optional.of(new Install(pip.get(), options, options.values("-r", "--requirement"),
                operands.subList(1, operands.size())));
    }
}
