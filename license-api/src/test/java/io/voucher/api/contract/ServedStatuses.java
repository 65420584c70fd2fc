package io.voucher.api.contract;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every (method, path, status) that the application answered in this test JVM, whatever
 * the test and whatever its client. A filter in front of everything records them in each
 * test application context; {@link ApiContractTests}, which runs last, checks each
 * against the committed OpenAPI description.
 */
public final class ServedStatuses {

	private static final Set<Served> SERVED = ConcurrentHashMap.newKeySet();

	private ServedStatuses() {
	}

	static List<Served> served() {
		return List.copyOf(SERVED);
	}

	/**
	 * One answer.
	 *
	 * @param method the request method
	 * @param path the request path, without query
	 * @param status the status answered
	 */
	record Served(String method, String path, int status) {

	}

	static final class RecordingFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			}
			finally {
				SERVED.add(new Served(request.getMethod(), request.getRequestURI(), response.getStatus()));
			}
		}

	}

	/**
	 * Adds the recording filter to every test application context (registered in
	 * {@code META-INF/spring.factories}). One customizer for all: contexts stay cached.
	 */
	public static final class Factory implements ContextCustomizerFactory {

		private static final ContextCustomizer CUSTOMIZER = new Customizer();

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return CUSTOMIZER;
		}

	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
			if (context instanceof GenericApplicationContext generic) {
				generic.registerBean("servedStatusesFilter", FilterRegistrationBean.class, () -> {
					FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
							new RecordingFilter());
					registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
					return registration;
				}, (definition) -> ((RootBeanDefinition) definition).setTargetType(FilterRegistrationBean.class));
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
