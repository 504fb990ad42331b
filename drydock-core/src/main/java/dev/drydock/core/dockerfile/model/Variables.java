package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.expand.Environment;
import dev.drydock.core.dockerfile.syntax.Instruction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ARG and ENV definitions in effect at one point of a build: a persistent chain, so each
 * instruction keeps its own view for the cost of one link. As in BuildKit, an ENV value wins over an
 * ARG of the same name whatever their order; otherwise the latest definition wins.
 */
public final class Variables implements Environment {

    public enum Kind { ARG, ENV }

    /** One definition: its kind, name, value (null for an ARG without value nor build-arg) and origin. */
    public record Definition(Kind kind, String name, String value, Instruction instruction) {}

    private static final Variables EMPTY = new Variables(null, null);

    private final Definition definition;
    private final Variables parent;

    private Variables(Definition definition, Variables parent) {
        this.definition = definition;
        this.parent = parent;
    }

    public static Variables empty() {
        return EMPTY;
    }

    public Variables define(Kind kind, String name, String value, Instruction instruction) {
        return new Variables(new Definition(kind, name, value, instruction), this);
    }

    /** The definition that gives {@code name} its value here, or null. */
    public Definition definition(String name) {
        Definition arg = null;
        for (Variables v = this; v.definition != null; v = v.parent) {
            Definition d = v.definition;
            if (d.name().equals(name)) {
                if (d.kind() == Kind.ENV) {
                    return d;
                }
                if (arg == null) {
                    arg = d;
                }
            }
        }
        return arg;
    }

    @Override
    public String lookup(String name) {
        Definition d = definition(name);
        return d == null ? null : d.value();
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Definition d : inOrder()) {
            if (d.value() != null) {
                names.add(d.name());
            }
        }
        return names;
    }

    /** The variables of one kind in effect, in definition order, with their values (null when unset). */
    public Map<String, String> of(Kind kind) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Definition d : inOrder()) {
            if (d.kind() == kind) {
                out.remove(d.name());
                out.put(d.name(), d.value());
            }
        }
        return out;
    }

    /** Every definition in the chain, oldest first. */
    public Iterable<Definition> inOrder() {
        Deque<Definition> out = new ArrayDeque<>();
        for (Variables v = this; v.definition != null; v = v.parent) {
            out.addFirst(v.definition);
        }
        return out;
    }

    @Override
    public String toString() {
        return of(Kind.ARG) + " " + of(Kind.ENV);
    }
}
