package org.memberbus.health;

/**
 * Counts kept across the steps and loops of one route run (Camel's Simple has no arithmetic):
 * partner calls made, records written, messages sent.
 */
public final class Tally {

    private int calls;
    private int records;
    private int sent;

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

    @Override
    public synchronized String toString() {
        return calls + " calls, " + records + " records, " + sent + " sent";
    }
}
