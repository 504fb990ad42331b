package dev.drydock.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Extra JMH counters, reported per second beside the operation rate: files and bytes processed. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Throughput {

    public long files;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        files = 0;
        bytes = 0;
    }
}
