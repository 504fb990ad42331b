package dev.drydock.core.discovery;

/** The language ecosystem a manifest or source file belongs to. */
public enum Ecosystem {
    PYTHON, NODE, JVM, GO, RUBY, PHP, RUST, SHELL, NONE
}
