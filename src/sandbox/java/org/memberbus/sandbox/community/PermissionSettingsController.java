package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform administrator's setting of the association's permission service (what a Higher
 * Logic admin enters in the AMS integration settings): {@code PUT {"url", "apiKey"}}, an empty url
 * turns it off. Outside the API paths, like the other sandbox switches.
 */
@RestController
@RequestMapping("/__sandbox/access-decisions")
class PermissionSettingsController {

    private final PermissionCheck permissions;

    PermissionSettingsController(PermissionCheck permissions) {
        this.permissions = permissions;
    }

    @PutMapping
    Map<String, Object> configure(@RequestBody JsonNode body) {
        permissions.configure(body.path("url").asText(null), body.path("apiKey").asText(null));
        return permissions.settings();
    }

    @GetMapping
    Map<String, Object> settings() {
        return permissions.settings();
    }
}
