package org.memberbus.sync;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SyncConfig {

    /** Read and checked once, at start-up: wrong rules stop the bus before it syncs anything. */
    @Bean
    SyncRules syncRules(@Value("${memberbus.sync.rules-path:config/sync-rules.yaml}") String path) {
        return SyncRules.load(path);
    }
}
