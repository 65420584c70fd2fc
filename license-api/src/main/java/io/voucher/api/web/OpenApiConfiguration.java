package io.voucher.api.web;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: metadata, schemas named in snake_case
 * exactly as the API's JSON is written, and the {@link OpenApiContract contract rules}
 * that make SDKs generated from it work as they are.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// Every Java enum is one named schema, shared by all the members that use it.
		ModelResolver.enumsAsRef = true;
		// Free-form JSON (a JWK set, a policy as signed): an object, not Jackson's node
		// API.
		SpringDocUtils.getConfig()
			.replaceWithSchema(JsonNode.class, new ObjectSchema().additionalProperties(Boolean.TRUE));
	}

	@Bean
	OpenAPI voucherOpenApi(ObjectProvider<BuildProperties> buildProperties) {
		BuildProperties build = buildProperties.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Voucher API")
				.version((build != null) ? build.getVersion() : "development")
				.description("Open DRM license platform: content keys, policies, device registration, "
						+ "online and out-of-band licenses. Errors are RFC 9457 problem documents "
						+ "(`application/problem+json`) with a stable `code`; see docs/api.md.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.servers(List.of(new Server().url("http://localhost:8080")
				.description("A platform started locally; use your deployment's base URL")));
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

	@Bean
	RecordRequiredConverter recordRequiredConverter() {
		return new RecordRequiredConverter();
	}

	@Bean
	OpenApiCustomizer openApiContract() {
		return new OpenApiContract();
	}

}
