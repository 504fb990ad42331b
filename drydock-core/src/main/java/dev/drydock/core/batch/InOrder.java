package dev.drydock.core.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A batch's reorder buffer: hands the workers the indices of a list one by one and delivers their results
 * in list order, each as soon as every earlier one has been delivered. A result ready before an earlier one
 * is held; a worker takes no index more than {@code holding} places after the first undelivered one, so at
 * most {@code holding} results are held and {@code holding + 1} are alive (held or in progress).
 */
final class InOrder<T> {

    private final int size;
    private final int holding;
    private final Consumer<T> deliver;
    private final Runnable onFinished;
    /** Guards {@link #next}, {@link #delivered}, {@link #held} and {@link #stopped}. */
    private final Object state = new Object();
    /** Held by the one thread that delivers: results are written one at a time, in order. */
    private final Object output = new Object();
    private final Map<Integer, T> held = new HashMap<>();
    private int next;
    private int delivered;
    private boolean stopped;

    InOrder(int size, int holding, Consumer<T> deliver, Runnable onFinished) {
        this.size = size;
        this.holding = holding;
        this.deliver = deliver;
        this.onFinished = onFinished;
    }

    /** The next index to work on, waiting while too many results are held; -1 once there is none. */
    int take() throws InterruptedException {
        synchronized (state) {
            while (!stopped && next < size && next - delivered > holding) {
                state.wait();
            }
            return stopped || next >= size ? -1 : next++;
        }
    }

    /** Hands over the result of {@code index}, then delivers every result that no earlier one now waits for. */
    void finished(int index, T result) {
        synchronized (state) {
            held.put(index, result);
        }
        synchronized (output) {
            onFinished.run();
            while (true) {
                T ready;
                synchronized (state) {
                    if (!held.containsKey(delivered)) {
                        return;
                    }
                    ready = held.remove(delivered);
                }
                deliver.accept(ready);
                synchronized (state) {
                    delivered++;
                    state.notifyAll();
                }
            }
        }
    }

    /** The batch failed: no index is handed out any more and waiting workers return. */
    void stop() {
        synchronized (state) {
            stopped = true;
            state.notifyAll();
        }
    }
}
