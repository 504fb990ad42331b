package dev.drydock.core.manifest;

/** Where a dependency is needed, across ecosystems. */
public enum Scope {
    /** needed at run time (PyPI dependencies, npm dependencies, Maven compile/runtime, gems outside dev/test groups) */
    MAIN,
    /** needed to develop only (npm devDependencies, Pipfile dev-packages, Poetry dev groups, gems in development groups) */
    DEV,
    /** needed to test only (Maven/Gradle test scope, gems in the test group) */
    TEST,
    /** installed only on request (PEP 621 optional-dependencies extras, npm optionalDependencies, Poetry optional) */
    OPTIONAL,
    /** expected from the host project (npm peerDependencies, Maven provided, Gradle compileOnly) */
    PEER,
    /** needed to build the package only ([build-system] requires, annotation processors) */
    BUILD
}
