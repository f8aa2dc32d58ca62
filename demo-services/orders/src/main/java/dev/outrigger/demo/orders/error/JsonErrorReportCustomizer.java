package dev.outrigger.demo.orders.error;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts a {@link JsonErrorReportValve} on Tomcat's host in place of the HTML error report
 * valve that Spring Boot adds.
 */
@Component
class JsonErrorReportCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new JsonErrorReportValve());
			if (host instanceof StandardHost standardHost) {
				// Otherwise the host adds its default HTML valve again when it starts.
				standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		// After Spring Boot's own customizer, whose HTML valve this one replaces.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
