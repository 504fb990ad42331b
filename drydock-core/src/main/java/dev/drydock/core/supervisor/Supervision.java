package dev.drydock.core.supervisor;

import java.util.List;

/**
 * What a container's process manager runs, from the configuration the image gets: supervisord's programs, or the
 * service folders of s6, s6-overlay or runit.
 *
 * @param manager the process manager
 * @param config the container path of the configuration supervisord reads ({@code -c}, else the first of its
 *     default places that the image has), or the scan folder of the service folders
 * @param files the project files read, the main one first, then those its {@code [include]} brings in
 * @param user the {@code user=} of the {@code [supervisord]} section (supervisord switches to it at start), or null
 * @param programs its programs, in the order they are written (services by name)
 * @param notes assumptions made, in words (the distribution package's own configuration assumed, the branch of a
 *     start script that runs supervisord); findings drawn from the programs carry them (see {@link #assumptions()})
 * @param mainCommand whether the manager also runs the container's command as its main program (s6-overlay's
 *     {@code /init} given a CMD, which the container's entry point then is): it runs as the container's user, and
 *     the container stops when it exits
 */
public record Supervision(Manager manager, String config, List<String> files, UserLine user, List<Program> programs,
        List<String> notes, boolean mainCommand) {

    public Supervision {
        files = List.copyOf(files);
        programs = List.copyOf(programs);
        notes = List.copyOf(notes);
    }

    /**
     * The assumptions behind the programs, as clauses to end a message with ({@code "; " + note} each), or "" when
     * the configuration was read as the image has it.
     */
    public String assumptions() {
        return notes.stream().map(n -> "; " + n).collect(java.util.stream.Collectors.joining());
    }

    /** How a message names one of its programs. */
    public String label(Program program) {
        return manager.label(program);
    }

    /** The programs the manager starts by itself ({@code autostart} not false). */
    public List<Program> started() {
        return programs.stream().filter(Program::autostart).toList();
    }
}
