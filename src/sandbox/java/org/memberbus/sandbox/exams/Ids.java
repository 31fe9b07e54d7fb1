package org.memberbus.sandbox.exams;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Vendor-style ids: a type prefix and 20 hex characters ({@code apt_…}, {@code res_…}, {@code evt_…}). */
final class Ids {

    private Ids() {}

    static String random(String prefix) {
        var bytes = new byte[10];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    /** The same id on every start for the same seeded record, so the bus can recognise it. */
    static String seeded(String prefix, String key) {
        var uuid = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return prefix + "_" + uuid.substring(0, 20);
    }
}
