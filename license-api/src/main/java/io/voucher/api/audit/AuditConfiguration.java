package io.voucher.api.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the audit recorder on the API and device paths.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration implements WebMvcConfigurer {

	private final AuditRecorder recorder;

	AuditConfiguration(AuditRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.recorder).addPathPatterns("/api/**", "/device/**");
	}

}
