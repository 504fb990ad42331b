package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import java.util.List;
import java.util.Set;

/** The Go programs a Dockerfile builds: where {@code go build} writes them, and whether the container runs one. */
public final class GoPrograms {

    /** The go build flags that take the next argument as their value when written without '='. */
    private static final Set<String> VALUE_FLAGS = Set.of("-o", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags",
            "-tags", "-p", "-mod", "-modfile", "-installsuffix", "-buildmode", "-compiler", "-overlay", "-pgo",
            "-pkgdir", "-toolexec", "-C", "-buildvcs");

    private GoPrograms() {}

    /**
     * Whether the container's program is compiled from the build context's Go code: {@code go run}, a Go file watcher
     * (air), or a program
     * named as a {@code go build} (its -o, else its package's folder) or {@code go install} of a stage built for
     * the image writes it.
     */
    public static boolean runsBuiltProgram(Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return false;
        }
        if (ep.runtime() == Runtime.GO_RUN || ep.runtime() == Runtime.GO_WATCH) {
            return true;
        }
        if (ep.runtime() != Runtime.BINARY || ep.args().isEmpty()) {
            return false;
        }
        String program = baseName(ep.args().get(0));
        DockerfileModel model = c.build().model();
        for (RunStep run : RunStep.of(model, Stages.needed(model, c.build().stage()))) {
            for (Call call : run.calls("go")) {
                if (call.args().isEmpty()) {
                    continue;
                }
                String verb = call.args().get(0).value();
                if (verb.equals("build")) {
                    String output = output(call);
                    if (output != null ? output.endsWith("/") || baseName(output).equals(program)
                            : program.equals(packageName(call, run.workdir()))) {
                        return true;
                    }
                } else if (verb.equals("install") && program.equals(packageName(call, "/"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The path {@code go build -o} writes, or null. */
    public static String output(Call call) {
        List<Call.Arg> args = call.args();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i).value();
            if ((a.equals("-o") || a.equals("--o")) && i + 1 < args.size()) {
                return args.get(i + 1).value();
            }
            if (a.startsWith("-o=")) {
                return a.substring(3);
            }
        }
        return null;
    }

    /**
     * The file {@code go build} writes: its -o, else the name Go gives the program in the working directory: the
     * first source file without .go ({@code go build main.go}: main), or the package's last element.
     */
    public static String program(Call call, String workdir) {
        String output = output(call);
        if (output != null) {
            return output;
        }
        String dir = workdir == null || workdir.isEmpty() ? "/" : workdir;
        String file = arguments(call).stream().filter(a -> a.endsWith(".go")).findFirst().orElse(null);
        String name = file != null ? baseName(file).substring(0, baseName(file).length() - 3) : packageName(call, dir);
        return name.isEmpty() ? null : dir.replaceAll("/+$", "") + "/" + name;
    }

    /** Whether a COPY source names the file {@code go build -o} wrote (by name, or its folder when it wrote into one). */
    public static boolean sameFile(String source, String output) {
        String src = source.replaceAll("/+$", "");
        String out = output.replaceAll("/+$", "");
        if (output.endsWith("/")) {
            return src.equals(out) || src.startsWith(out + "/");
        }
        String name = out.substring(out.lastIndexOf('/') + 1);
        return src.equals(out) || src.endsWith("/" + name) || src.equals(name);
    }

    /** The name Go gives a program built without -o: its package's last element ({@code ./cmd/api}: api). */
    private static String packageName(Call call, String workdir) {
        String pkg = arguments(call).stream().filter(a -> !a.endsWith(".go")).reduce((a, b) -> b).orElse(".");
        pkg = pkg.replaceAll("@.*$", "").replaceAll("/+$", "");
        return pkg.equals(".") || pkg.isEmpty() ? baseName(workdir) : baseName(pkg);
    }

    /** The words after the verb that are neither flags nor a flag's value. */
    static List<String> arguments(Call call) {
        List<String> out = new java.util.ArrayList<>();
        List<Call.Arg> args = call.args();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i).value();
            if (a.startsWith("-")) {
                String flag = a.startsWith("--") ? a.substring(1) : a;
                if (!flag.contains("=") && VALUE_FLAGS.contains(flag)) {
                    i++;
                }
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private static String baseName(String path) {
        String p = path.replaceAll("/+$", "");
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
