package io.voucher.api.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads JSON strictly, for every request body at once rather than field by field: a JSON
 * scalar is read only as its own type (no number as a boolean, no string as a number or
 * number as a string, no fraction as an integer), an array or object never holds
 * {@code null} elements, and no string holds a control character other than tab, line
 * feed and carriage return (PostgreSQL cannot store NUL, and the others have no place in
 * names, labels or reasons). Whatever is refused here is a {@code MALFORMED_REQUEST}
 * problem.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		SimpleModule strings = new SimpleModule("voucher-strict-strings");
		strings.addDeserializer(String.class, new PrintableStringDeserializer());
		return (builder) -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Textual,
					(textual) -> textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(bool) -> bool.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					(integer) -> integer.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					(real) -> real.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.changeDefaultNullHandling((nulls) -> JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL))
			.addModule(strings);
	}

	/**
	 * Whether a text holds a control character other than tab, line feed and carriage
	 * return (C0, DEL and C1).
	 * @param text the text
	 * @return whether it holds one
	 */
	static boolean hasControlCharacter(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return true;
			}
		}
		return false;
	}

	/** The standard string reading, then a refusal of control characters. */
	static final class PrintableStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			String value = super.deserialize(p, ctxt);
			if (value != null && hasControlCharacter(value)) {
				// The value itself stays out of the message: it may be a secret.
				return ctxt.reportInputMismatch(this,
						"a control character (other than tab, line feed or carriage return) is not allowed");
			}
			return value;
		}

	}

}
