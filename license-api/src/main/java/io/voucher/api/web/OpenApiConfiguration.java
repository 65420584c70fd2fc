package io.voucher.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: metadata, and schemas named in
 * snake_case exactly as the API's JSON is written.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI voucherOpenApi(ObjectProvider<BuildProperties> buildProperties) {
		BuildProperties build = buildProperties.getIfAvailable();
		return new OpenAPI().info(new Info().title("Voucher API")
			.version((build != null) ? build.getVersion() : "development")
			.description("Open DRM license platform: content keys, policies, device registration, "
					+ "online and out-of-band licenses. Errors are RFC 9457 problem documents "
					+ "with a stable `code`."));
	}

	/**
	 * The OpenAPI schema generator reads models with its own (Jackson 2) mapper; it is
	 * given the same naming rule as the API's Jackson 3 mapper.
	 * @return the model resolver
	 */
	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

}
