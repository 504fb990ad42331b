package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands of conda and the tools that share its command line (mamba, micromamba): which tool a call runs
 * (also by a full path such as /opt/conda/bin/conda) and its verb, {@code env create} and {@code env update} read as
 * create and update.
 */
public final class CondaCommands {

    /** One command: the call, its options, the verb word and the operands after it (package specs). */
    public record Invocation(Call call, Call.Options options, Call.Arg verb, List<Call.Arg> operands, boolean env) {

        public String verbName() {
            return verb.value();
        }
    }

    private static final Set<String> TOOLS = Set.of("conda", "mamba", "micromamba");
    private static final String[] VALUE_OPTIONS = {"-n", "--name", "-p", "--prefix", "-c", "--channel", "-f", "--file",
        "-r", "--root-prefix", "--platform", "--subdir", "--rc-file", "--channel-priority", "--repodata-fn"};

    private CondaCommands() {}

    /** Whether the call runs conda, mamba or micromamba. */
    public static boolean isConda(Call call) {
        return TOOLS.contains(call.name().substring(call.name().lastIndexOf('/') + 1));
    }

    /** The command with its verb, when the call runs one of the tools with a verb. */
    public static Optional<Invocation> of(Call call) {
        if (!isConda(call)) {
            return Optional.empty();
        }
        Call.Options options = call.options(VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        int at = !operands.isEmpty() && operands.get(0).value().equals("env") ? 1 : 0;
        if (operands.size() <= at) {
            return Optional.empty();
        }
        return Optional.of(new Invocation(call, options, operands.get(at), operands.subList(at + 1, operands.size()),
                at == 1));
    }
}
