package dev.drydock.core.source;

/**
 * The key of a fact computed once and kept (by a Dockerfile model, by a review): its name and what it is
 * about, the {@code owner}, compared by identity, so that two equal stages or commands keep their own facts.
 */
public record FactKey(String name, Object owner) {

    @Override
    public boolean equals(Object o) {
        return o instanceof FactKey k && k.name.equals(name) && k.owner == owner;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + System.identityHashCode(owner);
    }
}
