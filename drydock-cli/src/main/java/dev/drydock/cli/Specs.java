package dev.drydock.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli command models written as code. picocli's annotations are read by reflection, and each
 * annotation type becomes a proxy class generated on every start (the start-up cache cannot hold
 * them): a third of a one-file review went there. Each option writes its command's field through a
 * setter, defaults included, so the commands read plain fields as before.
 */
final class Specs {

    private Specs() {}

    /**
     * A command named {@code name} running {@code command}, with -h/--help, -V/--version and a description, whose
     * parts are one paragraph that the help wraps to the terminal (picocli would start each part on a new line).
     */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new Version());
        spec.usageMessage().description(String.join(" ", description));
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** The exit codes the help lists, each {@code "code:meaning"}. */
    static CommandSpec exitCodes(CommandSpec spec, String... codes) {
        Map<String, String> list = new LinkedHashMap<>();
        for (String code : codes) {
            int colon = code.indexOf(':');
            list.put(code.substring(0, colon), code.substring(colon + 1));
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
        return spec;
    }

    /** The optional first positional parameter PATH, the current folder by default. */
    static PositionalParamSpec path(Consumer<java.nio.file.Path> field) {
        Binding<java.nio.file.Path> binding = new Binding<>(field);
        return PositionalParamSpec.builder().index("0").defaultValue(".").paramLabel("PATH")
                .type(java.nio.file.Path.class).converters(Specs::nonEmptyPath)
                .description("Project folder or file (default: the current folder).")
                .getter(binding).setter(binding).build();
    }

    /**
     * A PATH argument; an empty one ({@code drydock review "$DIR"} with DIR unset) is refused rather than
     * read as the current folder, which may be a whole home directory.
     */
    static java.nio.file.Path nonEmptyPath(String value) {
        if (value.isEmpty()) {
            throw new picocli.CommandLine.TypeConversionException("an empty PATH; give a folder or a file (. for the"
                    + " current folder)");
        }
        return java.nio.file.Path.of(value);
    }

    /** An optional first positional parameter shown as {@code label}. */
    static PositionalParamSpec optionalParameter(Consumer<String> field, String label, String description) {
        Binding<String> binding = new Binding<>(field);
        return PositionalParamSpec.builder().index("0").arity("0..1").paramLabel(label).type(String.class)
                .description(description).getter(binding).setter(binding).build();
    }

    /** A required first positional parameter of {@code type}, shown as {@code label}. */
    static <T> PositionalParamSpec parameter(Class<T> type, Consumer<T> field, String label, String description) {
        Binding<T> binding = new Binding<>(field);
        return PositionalParamSpec.builder().index("0").paramLabel(label).type(type).description(description)
                .getter(binding).setter(binding).build();
    }

    /** More PATHs after the first, for {@code --batch} (not in the help); an empty list when there are none. */
    static PositionalParamSpec paths(Consumer<List<java.nio.file.Path>> field) {
        Binding<List<java.nio.file.Path>> binding = new Binding<>(v -> field.accept(v == null ? List.of() : v));
        return PositionalParamSpec.builder().index("1..*").paramLabel("PATH").hidden(true).type(List.class)
                .auxiliaryTypes(java.nio.file.Path.class).converters(Specs::nonEmptyPath)
                .description("More folders, with --batch.")
                .getter(binding).setter(binding).build();
    }

    /** An option with a value of {@code type}, shown as {@code label}. */
    static <T> OptionSpec.Builder option(Class<T> type, Consumer<T> field, String label, String description,
            String... names) {
        Binding<T> binding = new Binding<>(field, initial(type));
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description)
                .initialValue(initial(type)).getter(binding).setter(binding);
    }

    /** An option without a value. */
    static OptionSpec.Builder flag(Consumer<Boolean> field, String description, String... names) {
        Binding<Boolean> binding = new Binding<>(field, false);
        return OptionSpec.builder(names).type(boolean.class).description(description).initialValue(false)
                .getter(binding).setter(binding);
    }

    /** An option without a value that may be negated ({@code --no-...}); null when neither is given. */
    static OptionSpec.Builder negatable(Consumer<Boolean> field, String description, String... names) {
        Binding<Boolean> binding = new Binding<>(field);
        return OptionSpec.builder(names).type(Boolean.class).negatable(true).description(description)
                .getter(binding).setter(binding);
    }

    /** A repeatable option whose values may also be given comma-separated; an empty list when not given. */
    static OptionSpec.Builder list(Consumer<List<String>> field, String label, String description, String... names) {
        Binding<List<String>> binding = new Binding<>(v -> field.accept(v == null ? List.of() : v));
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                .paramLabel(label).description(description).getter(binding).setter(binding);
    }

    /** A primitive's zero value (picocli cannot set null into one), else null. */
    private static Object initial(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("no zero value known for " + type);
        }
        return null;
    }

    /**
     * Holds an option's value for picocli (which reads it back to add to a list) and writes each value,
     * the default included, into the command's field.
     */
    static final class Binding<T> implements IGetter, ISetter {

        private final Consumer<T> field;
        private Object value;

        Binding(Consumer<T> field) {
            this(field, null);
        }

        /** {@code initial}: the value before parsing, which picocli reads back and sets (not null for a primitive). */
        Binding(Consumer<T> field, Object initial) {
            this.field = field;
            this.value = initial;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V newValue) {
            V old = (V) value;
            value = newValue;
            field.accept((T) newValue);
            return old;
        }
    }
}
