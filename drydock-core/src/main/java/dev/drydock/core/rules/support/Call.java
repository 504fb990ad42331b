package dev.drydock.core.rules.support;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.RedirectOperator;
import dev.drydock.core.shell.Word;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One program a RUN runs, the same whether the RUN is in shell form (a {@link Command} of its parsed
 * script, wrappers such as {@code sudo} seen through) or in exec form (the JSON elements): the
 * program's base name and its arguments, each with its position in the Dockerfile.
 *
 * @param name the program's base name ({@code apt-get} for {@code /usr/bin/apt-get})
 * @param program where the program word is
 * @param args the words after the program
 * @param span the whole command (in exec form, the JSON array)
 * @param command the shell command, or null in exec form
 */
public record Call(String name, Arg program, List<Arg> args, Span span, Command command) {

    /** One word: its value (quotes removed; expansions kept as written) and where it is. */
    public record Arg(String value, Span span, boolean literal) {

        static Arg of(Word word) {
            return new Arg(word.value(), word.span(), word.isLiteral());
        }
    }

    private static final Pattern VERSION_TARGET = Pattern.compile("=?=?\\s*[vV]?\\d[\\w.*+-]*(,.*)?");

    public Call {
        args = List.copyOf(args);
    }

    /** The view of a shell command. */
    public static Call of(Command command) {
        Arg program = command.program().map(Arg::of).orElse(null);
        return new Call(command.name(), program, command.arguments().stream().map(Arg::of).toList(), command.span(),
                command);
    }

    public boolean is(String... names) {
        for (String n : names) {
            if (name.equals(n)) {
                return true;
            }
        }
        return false;
    }

    /** The same arguments seen as another program's ({@code python -m pip install x} as {@code pip install x}). */
    public Call as(String programName, Arg programWord, int fromArg) {
        return new Call(programName, programWord, args.subList(fromArg, args.size()), span, command);
    }

    /** The arguments read GNU-style, with {@code valueOptions} taking a value. */
    public Options options(String... valueOptions) {
        return new Options(args, Set.of(valueOptions));
    }

    /**
     * A redirection written against {@code arg} with no space between, as written: {@code >=2.0} of an unquoted
     * {@code flask>=2.0}, {@code >3.38} of {@code sqlite>3.38}, when its target reads as a version. The shell
     * cut a version constraint off the word: the program gets the bare name and its output goes to a file named
     * after the version.
     */
    public Optional<String> versionCutOff(Arg arg) {
        if (command == null) {
            return Optional.empty();
        }
        for (Redirect redirect : command.redirects()) {
            RedirectOperator op = redirect.operator();
            if (redirect.fd() == null && redirect.span().start() == arg.span().end() && redirect.target() != null
                    && (op == RedirectOperator.OUT || op == RedirectOperator.APPEND || op == RedirectOperator.IN)
                    && VERSION_TARGET.matcher(redirect.target().value()).matches()) {
                return Optional.of(op.symbol() + redirect.target().value());
            }
        }
        return Optional.empty();
    }

    /** The span from the program word to {@code last} (for "apt-get ... install"). */
    public Span spanTo(Arg last) {
        return program == null ? span : Spans.cover(program.span(), last.span());
    }

    /**
     * Arguments read as options and operands: options may follow operands, {@code --} ends them,
     * {@code --name=value} carries a value, {@code -abc} is read whole and as the cluster {@code -a -b -c}.
     */
    public static final class Options {

        /** One option: its name, the word it is in, and its value (or null). */
        public record Option(String name, Arg word, String value) {}

        private final List<Option> options = new ArrayList<>();
        private final List<Arg> operands = new ArrayList<>();

        Options(List<Arg> args, Collection<String> valueOptions) {
            boolean end = false;
            for (int i = 0; i < args.size(); i++) {
                Arg arg = args.get(i);
                String v = arg.value();
                if (end || v.length() < 2 || v.charAt(0) != '-') {
                    operands.add(arg);
                    continue;
                }
                if (v.equals("--")) {
                    end = true;
                    continue;
                }
                if (v.startsWith("--")) {
                    int eq = v.indexOf('=');
                    if (eq > 0) {
                        options.add(new Option(v.substring(0, eq), arg, v.substring(eq + 1)));
                    } else if (valueOptions.contains(v) && i + 1 < args.size()) {
                        options.add(new Option(v, arg, args.get(++i).value()));
                    } else {
                        options.add(new Option(v, arg, null));
                    }
                    continue;
                }
                if (valueOptions.contains(v)) {
                    options.add(new Option(v, arg, i + 1 < args.size() ? args.get(++i).value() : null));
                    continue;
                }
                if (v.length() > 2) {
                    options.add(new Option(v, arg, null));
                }
                for (int k = 1; k < v.length(); k++) {
                    String name = "-" + v.charAt(k);
                    if (valueOptions.contains(name)) {
                        String rest = v.substring(k + 1);
                        if (!rest.isEmpty()) {
                            options.add(new Option(name, arg, rest));
                        } else {
                            options.add(new Option(name, arg, i + 1 < args.size() ? args.get(++i).value() : null));
                        }
                        break;
                    }
                    options.add(new Option(name, arg, null));
                }
            }
        }

        public boolean has(String... names) {
            return find(names).isPresent();
        }

        public Optional<Option> find(String... names) {
            for (Option option : options) {
                for (String name : names) {
                    if (option.name().equals(name)) {
                        return Optional.of(option);
                    }
                }
            }
            return Optional.empty();
        }

        /** The values of every occurrence of these options, in order. */
        public List<String> values(String... names) {
            List<String> values = new ArrayList<>();
            for (Option option : options) {
                for (String name : names) {
                    if (option.name().equals(name) && option.value() != null) {
                        values.add(option.value());
                    }
                }
            }
            return values;
        }

        public List<Option> all() {
            return List.copyOf(options);
        }

        public List<Arg> operands() {
            return List.copyOf(operands);
        }

        /** The first operand, e.g. {@code install} in {@code apt-get -y install curl}. */
        public Optional<Arg> subcommand() {
            return operands.isEmpty() ? Optional.empty() : Optional.of(operands.get(0));
        }
    }
}
