package dev.drydock.core.bake;

import dev.drydock.core.bake.HclExpression.Call;
import dev.drydock.core.bake.HclExpression.ListOf;
import dev.drydock.core.bake.HclExpression.Literal;
import dev.drydock.core.bake.HclExpression.ObjectOf;
import dev.drydock.core.bake.HclExpression.Reference;
import dev.drydock.core.bake.HclExpression.Template;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates Bake expressions with the variables' defaults, as {@code docker buildx bake --print} shows them when the
 * environment sets none of them: strings, lists, objects and {@link #NULL}; empty when a part is unknown (a function
 * drydock does not evaluate, an operator, another target's attribute).
 */
public final class BakeValues {

    /** The value {@code null}: an argument or attribute given it is left unset, as if not written. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A function the Bake files declare: its parameters and the expression of its result. */
    public record Function(List<String> params, HclExpression result) {}

    private final Map<String, HclExpression> defaults;
    private final Set<String> variables;
    private final Map<String, Function> functions;
    private final Set<String> evaluating = new HashSet<>();
    private final Deque<Map<String, Object>> calls = new ArrayDeque<>();

    /** @param defaults each variable's {@code default}, null for a variable declared without one */
    public BakeValues(Map<String, HclExpression> defaults) {
        this(defaults, defaults.keySet(), Map.of());
    }

    /**
     * @param values each name's value: a variable's {@code default} (null when it has none) or the value a top-level
     *     attribute gives it
     * @param variables the names declared by {@code variable} blocks, which the environment of the build may set
     * @param functions the functions the files declare, by name
     */
    public BakeValues(Map<String, HclExpression> values, Set<String> variables, Map<String, Function> functions) {
        this.defaults = values;
        this.variables = variables;
        this.functions = functions;
    }

    public Optional<Object> value(HclExpression expression) {
        return switch (expression) {
            case Literal l -> Optional.of(l.value() instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString()
                    : l.value() == null ? NULL : l.value());
            case Template t -> template(t);
            case ListOf l -> list(l);
            case ObjectOf o -> object(o);
            case Reference r -> r.path().size() == 1 ? variable(r.path().get(0)) : Optional.empty();
            case Call c -> call(c);
            case HclExpression.Opaque o -> Optional.empty();
        };
    }

    /**
     * The object an expression writes out: an object literal, or the one a function the files declare returns
     * ({@code labels = labels()}); empty for anything else. Its entries are as written, so a value that reads the
     * function's parameters stays unevaluated.
     */
    public Optional<ObjectOf> objectLiteral(HclExpression expression) {
        return switch (expression) {
            case ObjectOf o -> Optional.of(o);
            case Call c when functions.containsKey(c.function()) && evaluating.add("()" + c.function()) -> {
                try {
                    yield objectLiteral(functions.get(c.function()).result());
                } finally {
                    evaluating.remove("()" + c.function());
                }
            }
            default -> Optional.empty();
        };
    }

    /** The value as a string: a string, number or boolean; empty otherwise, {@code null} included. */
    public Optional<String> string(HclExpression expression) {
        return value(expression).filter(v -> v instanceof String || v instanceof Boolean).map(String::valueOf);
    }

    /** Whether the expression evaluates to {@code null}, which leaves a build argument unset. */
    public boolean isNull(HclExpression expression) {
        return value(expression).filter(v -> v == NULL).isPresent();
    }

    /** Whether the expression reads a variable, which the environment of the build may set. */
    public boolean readsVariable(HclExpression expression) {
        return switch (expression) {
            case Reference r -> r.path().size() == 1 && variables.contains(r.path().get(0));
            case Template t -> t.parts().stream().anyMatch(p -> p instanceof HclExpression e && readsVariable(e));
            case ListOf l -> l.items().stream().anyMatch(this::readsVariable);
            case Call c -> c.arguments().stream().anyMatch(this::readsVariable)
                    || functions.containsKey(c.function()) && evaluating.add("()" + c.function())
                            && readsVariableFinally(c.function());
            default -> false;
        };
    }

    private boolean readsVariableFinally(String function) {
        try {
            return readsVariable(functions.get(function).result());
        } finally {
            evaluating.remove("()" + function);
        }
    }

    private Optional<Object> variable(String name) {
        Map<String, Object> call = calls.peek();
        if (call != null && call.containsKey(name)) {
            return Optional.of(call.get(name));
        }
        if (!defaults.containsKey(name) || !evaluating.add(name)) {
            return Optional.empty();
        }
        calls.push(Map.of());
        try {
            HclExpression given = defaults.get(name);
            return given == null ? Optional.of("") : value(given);
        } finally {
            calls.pop();
            evaluating.remove(name);
        }
    }

    private Optional<Object> template(Template template) {
        StringBuilder out = new StringBuilder();
        for (Object part : template.parts()) {
            if (part instanceof String s) {
                out.append(s);
            } else {
                Optional<String> value = string((HclExpression) part);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            }
        }
        return Optional.of(out.toString());
    }

    private Optional<Object> list(ListOf list) {
        return values(list.items()).map(List.class::cast);
    }

    /** Every expression's value, or empty when one is unknown. */
    private Optional<List<Object>> values(List<HclExpression> expressions) {
        List<Object> out = new ArrayList<>();
        for (HclExpression expression : expressions) {
            Optional<Object> value = value(expression);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.add(value.get());
        }
        return Optional.of(out);
    }

    private Optional<Object> object(ObjectOf object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HclExpression.Entry entry : object.entries()) {
            Optional<Object> value = value(entry.value());
            if (entry.key() == null || value.isEmpty()) {
                return Optional.empty();
            }
            out.put(entry.key(), value.get());
        }
        return Optional.of(out);
    }

    private Optional<Object> call(Call call) {
        Optional<List<Object>> given = values(call.arguments());
        if (given.isEmpty()) {
            return Optional.empty();
        }
        List<Object> args = given.get();
        Function declared = functions.get(call.function());
        if (declared != null) {
            return declared(call.function(), declared, args);
        }
        return BakeFunctions.call(call.function(), args);
    }

    private Optional<Object> declared(String name, Function function, List<Object> args) {
        if (args.size() != function.params().size() || !evaluating.add("()" + name)) {
            return Optional.empty();
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            bound.put(function.params().get(i), args.get(i));
        }
        calls.push(bound);
        try {
            return value(function.result());
        } finally {
            calls.pop();
            evaluating.remove("()" + name);
        }
    }

    /** The values of a list of strings, or empty when one is not a string. */
    static Optional<List<String>> strings(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(list.stream().map(String.class::cast).toList());
    }

    /** Splits as HCL's {@code split} does: every occurrence, trailing empty parts kept. */
    static List<String> split(String separator, String text) {
        if (separator.isEmpty()) {
            return Arrays.stream(text.split("")).toList();
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            out.add(text.substring(from, at));
            from = at + separator.length();
        }
        out.add(text.substring(from));
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
