package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Instruction;

/**
 * A value of the image configuration and the instruction that set it, which may belong to an
 * earlier stage the current one is built on.
 */
public record Setting<T>(T value, Instruction instruction) {}
