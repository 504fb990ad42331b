/**
 * Supervisor's configuration ({@code supervisord.conf} and the files its {@code [include]} names), read as supervisord
 * reads it: INI sections, {@code key = value} or {@code key: value}, indented continuation lines, whole-line comments
 * ({@code ;} or {@code #}) and inline ones after whitespace, {@code %(ENV_NAME)s}, {@code %(here)s} and
 * {@code %(program_name)s} expansions.
 *
 * <p>{@link dev.drydock.core.supervisor.SupervisorConfig#parse} keeps where each value is written, so that findings
 * about a program point at its {@code command=} line.
 */
package dev.drydock.core.supervisor;
