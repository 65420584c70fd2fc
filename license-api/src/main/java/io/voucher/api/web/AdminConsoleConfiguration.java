package io.voucher.api.web;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the admin console (built by the {@code admin-ui} module into
 * {@code static/admin/}) at {@code /admin}. The console is a single-page app that routes
 * in the browser: any path under {@code /admin/} that is not one of its files answers its
 * {@code index.html}, so that deep links and reloads work.
 */
@Configuration(proxyBeanMethods = false)
class AdminConsoleConfiguration implements WebMvcConfigurer {

	static final String LOCATION = "classpath:/static/admin/";

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/admin", "/admin/");
		registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/admin/**")
			.addResourceLocations(LOCATION)
			.resourceChain(true)
			.addResolver(new ConsoleRouteResolver());
	}

	/**
	 * Resolves the console's files as usual; a console route (a path that names no file)
	 * resolves to {@code index.html}. Missing built files ({@code assets/…}, or a file
	 * name at the top level such as {@code favicon.svg}) stay 404.
	 */
	static final class ConsoleRouteResolver extends PathResourceResolver {

		@Override
		protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
			Resource resource = super.getResource(resourcePath, location);
			if (resource != null || !isRoute(resourcePath)) {
				return resource;
			}
			return super.getResource("index.html", location);
		}

		static boolean isRoute(String resourcePath) {
			if (resourcePath.startsWith("assets/")) {
				return false;
			}
			boolean topLevelFile = !resourcePath.contains("/") && resourcePath.contains(".");
			return !topLevelFile;
		}

	}

}
