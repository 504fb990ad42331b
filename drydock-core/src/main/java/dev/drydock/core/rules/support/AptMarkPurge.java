package dev.drydock.core.rules.support;

import dev.drydock.core.shell.Command;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The way the Docker official images remove their build dependencies in the layer that installed them:
 * {@code apt-mark auto '.*'} (every package becomes automatically installed), {@code apt-mark manual} for the
 * few to keep (by name, or the list saved before the RUN); {@code apt-mark showmanual | xargs apt-mark auto}
 * does the same as {@code apt-mark auto '.*'}, then {@code apt-get purge -y --auto-remove} (or
 * {@code apt-get autoremove}), which removes every automatic package nothing else needs.
 */
public final class AptMarkPurge {

    private AptMarkPurge() {}

    /** Whether these calls, in order, remove the apt package {@code name} that way. */
    public static boolean removes(List<Call> calls, String name) {
        boolean auto = false;
        Set<String> manual = new HashSet<>();
        Call previous = null;
        for (Call call : calls) {
            Call fedBy = previous;
            previous = call;
            if (call.is("apt-mark") && marksEveryManualAuto(call, fedBy)) {
                auto = true;
                manual.clear();
            } else if (call.is("apt-mark")) {
                List<Call.Arg> operands = call.options().operands();
                if (operands.isEmpty()) {
                    continue;
                }
                List<String> names = operands.subList(1, operands.size()).stream().map(Call.Arg::value).toList();
                switch (operands.get(0).value()) {
                    case "auto" -> {
                        if (names.contains(".*") || names.contains("*") || names.contains(name)) {
                            auto = true;
                            manual.clear();
                        }
                    }
                    case "manual" -> manual.addAll(names);
                    default -> { }
                }
            } else if (auto && autoRemoves(call)) {
                return !manual.contains(name);
            }
        }
        return false;
    }

    /** {@code apt-mark showmanual | xargs apt-mark auto}: every package installed by name becomes automatic. */
    private static boolean marksEveryManualAuto(Call call, Call fedBy) {
        Command command = call.command();
        if (command == null || command.pipelineIndex() == 0 || fedBy == null || fedBy.command() == null
                || !fedBy.is("apt-mark") || fedBy.command().pipelineIndex() != command.pipelineIndex() - 1
                || command.wrappers().stream().noneMatch(w -> w.value().endsWith("xargs"))) {
            return false;
        }
        List<Call.Arg> operands = call.options().operands();
        return operands.size() == 1 && operands.get(0).value().equals("auto")
                && fedBy.options().operands().stream().map(Call.Arg::value).toList().equals(List.of("showmanual"));
    }

    /**
     * The calls {@link #removes} reads (apt-mark and auto-removing apt-get), in order: {@code removes} on
     * these answers as on all the calls, so a long RUN can be asked about each package without
     * re-reading it.
     */
    public static List<Call> relevant(List<Call> calls) {
        return calls.stream().filter(c -> c.is("apt-mark") || autoRemoves(c)).toList();
    }

    private static boolean autoRemoves(Call call) {
        if (!call.is("apt-get", "apt")) {
            return false;
        }
        Call.Options options = call.options("-o", "--option", "-t", "--target-release", "-c", "--config-file");
        String verb = options.subcommand().map(Call.Arg::value).orElse("");
        return verb.equals("autoremove") || verb.equals("autopurge")
                || (verb.equals("purge") || verb.equals("remove")) && options.has("--auto-remove", "--autoremove");
    }
}
