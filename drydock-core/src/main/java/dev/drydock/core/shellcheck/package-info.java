/**
 * Runs the {@code shellcheck} program, when it is installed, on the shell scripts of a Dockerfile's RUN
 * instructions, and maps what it says back to positions in the Dockerfile.
 */
package dev.drydock.core.shellcheck;
