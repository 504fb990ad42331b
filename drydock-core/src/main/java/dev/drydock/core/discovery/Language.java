package dev.drydock.core.discovery;

/** The programming language a manifest or source file belongs to (for package registries see {@code manifest.Ecosystem}). */
public enum Language {
    PYTHON, NODE, JVM, GO, RUBY, PHP, RUST, DOTNET, ELIXIR, SHELL, NONE
}
