package org.memberbus.sandbox.salesforce;

import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.server.BayeuxServerImpl;
import org.cometd.server.http.jakarta.CometDServlet;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Streaming API: the stock CometD 9 server (long-polling) at {@code /cometd/*}, so clients
 * reach {@code /cometd/56.0}, with the Salesforce handshake policy, replay extension and change
 * event subscriptions. The Bayeux server is built here and handed to the servlet through the
 * servlet context, where CometDServlet looks for it first.
 */
@Configuration(proxyBeanMethods = false)
class StreamingConfig {

    @Bean(destroyMethod = "stop")
    BayeuxServerImpl bayeuxServer(SalesforceSettings settings, AccessTokens tokens, ChangeEventLog changeEvents,
                                  OrgSchema schema) {
        var server = new BayeuxServerImpl();
        server.setOption("timeout", settings.streamingTimeout().toMillis());
        server.setOption("interval", 0L);
        server.setOption("maxInterval", 10_000L);
        server.setSecurityPolicy(new StreamingAuthPolicy(tokens));
        server.addExtension(new StreamingExtension(tokens, changeEvents, schema));
        var subscriptions = new ChangeEventSubscriptions(changeEvents);
        server.addListener((BayeuxServer.BayeuxServerListener) subscriptions);   // once: it is both kinds
        return server;
    }

    @Bean
    ServletContextInitializer bayeuxServerInContext(BayeuxServerImpl bayeuxServer) {
        return context -> context.setAttribute(BayeuxServer.ATTRIBUTE, bayeuxServer);
    }

    @Bean
    ServletRegistrationBean<CometDServlet> cometdServlet() {
        var registration = new ServletRegistrationBean<>(new CometDServlet(), "/cometd/*");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
