package io.voucher.api.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Makes the errors raised before Spring MVC problem documents too: Tomcat's error report
 * (bad URLs, oversized headers), the Spring Security firewall's rejections, and the
 * servlet container's error page ({@code /error}, see {@link ProblemErrorController}).
 */
@Configuration(proxyBeanMethods = false)
class ErrorResponsesConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ErrorResponsesConfiguration.class);

	/**
	 * Replaces Tomcat's HTML error report, after Boot's own customizer has added its
	 * plain one.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReport() {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(ConfigurableTomcatWebServerFactory factory) {
				factory.addContextCustomizers((context) -> {
					if (context.getParent() instanceof Host host) {
						for (Valve valve : host.getPipeline().getValves()) {
							if (valve instanceof ErrorReportValve) {
								host.getPipeline().removeValve(valve);
							}
						}
						host.getPipeline().addValve(new ProblemErrorReportValve());
						if (host instanceof StandardHost standard) {
							// Else the host adds its default HTML report when it starts.
							standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
						}
					}
				});
			}

		};
	}

	/**
	 * The strict firewall, also refusing control characters (NUL above all, which
	 * PostgreSQL cannot take) in query parameters.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedParameterValues((value) -> !StrictJsonConfiguration.hasControlCharacter(value));
		firewall.setAllowedParameterNames((name) -> !StrictJsonConfiguration.hasControlCharacter(name));
		return firewall;
	}

	/** A request the firewall refuses is a {@code REQUEST_REJECTED} problem. */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> {
			logger.debug("Request refused by the firewall: {}", ex.getMessage());
			if (!response.isCommitted()) {
				ProblemResponses.write(response, ProblemCode.REQUEST_REJECTED);
			}
		};
	}

}
