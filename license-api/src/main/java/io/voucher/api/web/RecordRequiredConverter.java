package io.voucher.api.web;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Records the record components that are always sent: every component of an API record
 * that is not {@code @Nullable} (the API's JSON leaves out null members, so a nullable
 * component is one that may be absent). They are kept in the {@value #EXTENSION}
 * extension until {@link OpenApiContract} turns them into {@code required} on the schemas
 * that the API answers with.
 */
class RecordRequiredConverter implements ModelConverter {

	static final String EXTENSION = "x-voucher-always-present";

	private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public @Nullable Schema resolve(io.swagger.v3.core.converter.AnnotatedType type, ModelConverterContext context,
			Iterator<ModelConverter> chain) {
		Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		if (resolved == null || type.getType() == null) {
			return resolved;
		}
		JavaType javaType = Json.mapper().constructType(type.getType());
		Class<?> raw = javaType.getRawClass();
		if (!raw.isRecord() || !raw.getPackageName().startsWith("io.voucher")) {
			return resolved;
		}
		Schema target = resolved;
		if (resolved.get$ref() != null) {
			String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
			target = context.getDefinedModels().get(name);
		}
		if (target == null || target.getProperties() == null) {
			return resolved;
		}
		List<String> present = new ArrayList<>();
		for (RecordComponent component : raw.getRecordComponents()) {
			if (nullable(component)) {
				continue;
			}
			String name = propertyName(component);
			if (target.getProperties().containsKey(name)) {
				present.add(name);
			}
		}
		if (!present.isEmpty()) {
			target.addExtension(EXTENSION, present);
		}
		return resolved;
	}

	private static boolean nullable(RecordComponent component) {
		if (component.getType().isPrimitive()) {
			return false;
		}
		AnnotatedType annotated = component.getAnnotatedType();
		return annotated.isAnnotationPresent(Nullable.class) || component.isAnnotationPresent(Nullable.class)
				|| (component.getAccessor() != null && component.getAccessor().isAnnotationPresent(Nullable.class));
	}

	private static String propertyName(RecordComponent component) {
		JsonProperty property = component.getAnnotation(JsonProperty.class);
		if (property == null && component.getAccessor() != null) {
			property = component.getAccessor().getAnnotation(JsonProperty.class);
		}
		if (property != null && !property.value().isEmpty()) {
			return property.value();
		}
		return SNAKE_CASE.translate(component.getName());
	}

}
