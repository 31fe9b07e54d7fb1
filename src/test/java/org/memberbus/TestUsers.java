package org.memberbus;

import java.util.LinkedHashMap;
import java.util.Map;

/** The whole-bus tests' users: the sandbox's demo user and one user per role ({@code name:password}). */
public final class TestUsers {

    public static final String VIEWER = "viewer:viewer-pw";
    public static final String OPERATOR = "operator:operator-pw";
    public static final String ADMIN = "admin:admin-pw";
    /** The community platform as a client of the access API (role COMMUNITY, no staff right). */
    public static final String COMMUNITY = "community:community-pw";
    /** A check-in kiosk (role KIOSK: check-in only). */
    public static final String KIOSK = "kiosk-7:kiosk-pw";

    private TestUsers() {}

    /** They replace the configured list, so the demo user is named again. */
    static Map<String, Object> properties() {
        var props = new LinkedHashMap<String, Object>();
        user(props, 0, "ops", "sandbox", "ADMIN,OPERATOR,VIEWER");
        user(props, 1, "viewer", "viewer-pw", "VIEWER");
        user(props, 2, "operator", "operator-pw", "OPERATOR");
        user(props, 3, "admin", "admin-pw", "ADMIN");
        user(props, 4, "community", "community-pw", "COMMUNITY");
        user(props, 5, "kiosk-7", "kiosk-pw", "KIOSK");
        return props;
    }

    private static void user(Map<String, Object> props, int i, String name, String password, String roles) {
        props.put("memberbus.security.users[" + i + "].name", name);
        props.put("memberbus.security.users[" + i + "].password", password);
        props.put("memberbus.security.users[" + i + "].roles", roles);
    }
}
