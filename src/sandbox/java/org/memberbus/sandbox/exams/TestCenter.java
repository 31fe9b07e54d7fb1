package org.memberbus.sandbox.exams;

import java.util.List;

/** Where an appointment takes place. */
record TestCenter(String id, String name, String address, String city, String country) {

    static final List<TestCenter> ALL = List.of(
            new TestCenter("tc-chicago", "Chicago Loop Test Center", "233 S Wacker Dr, Suite 900", "Chicago", "US"),
            new TestCenter("tc-boston", "Boston Back Bay Test Center", "100 Huntington Ave", "Boston", "US"),
            new TestCenter("tc-toronto", "Toronto Bay Street Test Center", "40 King St W", "Toronto", "CA"),
            new TestCenter("tc-london", "London Holborn Test Centre", "1 Kingsway", "London", "GB"),
            new TestCenter("online", "Online proctored", null, null, null));

    /** The same candidate is always sent to the same centre, so reruns look alike. */
    static TestCenter forCandidate(String crmContactId) {
        return ALL.get(Math.floorMod(crmContactId.hashCode(), ALL.size()));
    }
}
