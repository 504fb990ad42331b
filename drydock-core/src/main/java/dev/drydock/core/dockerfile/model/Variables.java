package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.expand.Environment;
import dev.drydock.core.dockerfile.syntax.Instruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private static final Object NONE = new Object();

    private final Definition definition;
    private final Variables parent;
    /** Answers of {@link #definition} asked here: a Definition, or NONE. */
    private volatile Map<String, Object> answers;

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

    /**
     * The definition that gives {@code name} its value here, or null. The answer is kept, and a later
     * question about the same name from further down the chain reads up to here only, so asking at each
     * instruction of a long Dockerfile costs the length of the chain once, not once per instruction.
     */
    public Definition definition(String name) {
        if (definition == null) {
            return null;
        }
        List<Variables> unanswered = new ArrayList<>();
        Definition answer = null;
        for (Variables v = this; v.definition != null; v = v.parent) {
            Definition d = v.definition;
            if (d.kind() == Kind.ENV && d.name().equals(name)) {
                answer = d;
                break;
            }
            Map<String, Object> answered = v.answers;
            Object known = answered == null ? null : answered.get(name);
            if (known != null) {
                answer = known == NONE ? null : (Definition) known;
                break;
            }
            unanswered.add(v);
        }
        // back down the chain: an ARG gives the value unless an ENV above it does (BuildKit's precedence)
        for (int i = unanswered.size() - 1; i >= 0; i--) {
            Definition d = unanswered.get(i).definition;
            if (d.name().equals(name) && (answer == null || answer.kind() != Kind.ENV)) {
                answer = d;
            }
        }
        Map<String, Object> mine = answers;
        if (mine == null) {
            mine = new ConcurrentHashMap<>();
            answers = mine;
        }
        mine.put(name, answer == null ? NONE : answer);
        return answer;
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

    /**
     * The definitions made after {@code earlier} (a chain this one continues, such as the variables of
     * the stage a stage is built on), oldest first; every definition when this chain does not continue it.
     */
    public List<Definition> since(Variables earlier) {
        List<Definition> out = new ArrayList<>();
        for (Variables v = this; v.definition != null && v != earlier; v = v.parent) {
            out.add(v.definition);
        }
        return out.reversed();
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
