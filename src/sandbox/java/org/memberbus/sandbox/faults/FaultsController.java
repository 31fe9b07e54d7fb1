package org.memberbus.sandbox.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|POST|DELETE /__sandbox/faults} of a simulator that {@code @Import}s it beside its
 * {@link SimulatorFaults} bean. Outside the API paths, so no key and no faults apply. (In a package
 * of its own so that the bus's scan, which leaves out the simulator packages, leaves it out too.)
 */
@RestController
@RequestMapping("/__sandbox/faults")
public class FaultsController {

    private final SimulatorFaults faults;
    private final ObjectMapper json;

    FaultsController(SimulatorFaults faults, ObjectMapper json) {
        this.faults = faults;
        this.json = json;
    }

    @GetMapping
    Map<String, Object> show() {
        return faults.show();
    }

    /** A body that does not bind fails as Spring's own reading would, for the simulator's error advice. */
    @PostMapping
    Map<String, Object> set(@RequestBody JsonNode body, HttpServletRequest request) throws IOException {
        try {
            faults.set(body, json);
        } catch (JsonProcessingException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e,
                    new ServletServerHttpRequest(request));
        }
        return faults.show();
    }

    @DeleteMapping
    Map<String, Object> clear() {
        faults.clear();
        return faults.show();
    }
}
