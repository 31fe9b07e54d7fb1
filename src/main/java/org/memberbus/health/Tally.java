package org.memberbus.health;

/**
 * Counts kept across the steps and loops of one route run (Camel's Simple has no arithmetic):
 * partner calls made, records written, messages sent.
 */
public final class Tally {

    private int calls;
    private int records;
    private int sent;
    private final long started = System.nanoTime();
    private long millis = -1;

    public synchronized void call(int recordsWritten) {
        calls++;
        records += recordsWritten;
    }

    public synchronized void sent() {
        sent++;
    }

    public synchronized int getCalls() {
        return calls;
    }

    public synchronized int getRecords() {
        return records;
    }

    public synchronized int getSent() {
        return sent;
    }

    /** The work counted is done: its duration is kept. */
    public synchronized Tally stop() {
        millis = (System.nanoTime() - started) / 1_000_000;
        return this;
    }

    public synchronized long getMillis() {
        return millis >= 0 ? millis : (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public synchronized String toString() {
        return calls + " calls, " + records + " records, " + sent + " sent";
    }
}
