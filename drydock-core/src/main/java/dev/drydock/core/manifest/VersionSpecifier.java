package dev.drydock.core.manifest;

/**
 * One PEP 440 version clause, such as {@code >=2.3.0} or {@code ==1.*}.
 *
 * @param operator one of {@code ~= == != <= >= < > ===}
 * @param version the version text after the operator (with {@code .*} for wildcards)
 */
public record VersionSpecifier(String operator, String version) {

    public boolean isWildcard() {
        return version.endsWith(".*");
    }

    /** {@code ==} without a wildcard, or {@code ===}: exactly one version. */
    public boolean isExact() {
        return operator.equals("===") || (operator.equals("==") && !isWildcard());
    }

    /** Whether the clause sets a lower bound ({@code >= > ~= ==} without wildcard, {@code ===}). */
    public boolean isLowerBound() {
        return switch (operator) {
            case ">=", ">", "~=", "===" -> true;
            case "==" -> !isWildcard();
            default -> false;
        };
    }

    @Override
    public String toString() {
        return operator + version;
    }
}
