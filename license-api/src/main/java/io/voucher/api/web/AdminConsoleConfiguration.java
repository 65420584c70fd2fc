package io.voucher.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the admin console (built by the {@code admin-ui} module into
 * {@code static/admin/}) at {@code /admin}.
 */
@Configuration(proxyBeanMethods = false)
class AdminConsoleConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/admin", "/admin/");
		registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
	}

}
