package dev.drydock.core.entrypoint;

/**
 * What an entry-point script does with the arguments it is started with (the CMD after an exec-form ENTRYPOINT, or a
 * compose {@code command}), as {@link ScriptArguments#use} reads its parse.
 */
public enum ArgumentUse {
    /** It runs them as a command: {@code exec "$@"}, {@code gosu app "$@"}, {@code exec "$*"}, also after shift or set --. */
    HANDS_ON,
    /** It reads them another way ({@code "$1"}, shift, getopts, a bare {@code for arg}, or a sourced file may). */
    READS,
    /** It never reads them: the command given to it never runs. */
    IGNORES,
    /** The script could not be read (not a file of the project, or not a shell script). */
    UNKNOWN
}
