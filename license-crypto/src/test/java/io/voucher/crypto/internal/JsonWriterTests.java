package io.voucher.crypto.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTests {

	@Test
	void writeWhenNestedClaimsThenNimbusReadsTheSameValuesBack() throws Exception {
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("can_play", true);
		policy.put("can_persist", false);
		policy.put("rental_duration_seconds", 0L);
		policy.put("renewal_server_url", "https://example.com/renew?a=1&b=<2>");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("license_id", "0b7a4d1e-5c1f-4c59-9f59-2d0f5a8c1e21");
		claims.put("iat", 1_764_590_400L);
		claims.put("level", 3);
		claims.put("ratio", 0.25);
		claims.put("policy", policy);
		claims.put("kids", List.of("QzKxQ9v-pPzHlFmxd5MOnQ", "Zv7l9Vesdn7VupDgEVclxg"));
		claims.put("empty", List.of());
		claims.put("nothing", null);
		String json = JsonWriter.write(claims);
		assertThat(json).startsWith("{\"license_id\":\"0b7a4d1e-5c1f-4c59-9f59-2d0f5a8c1e21\",\"iat\":1764590400,");
		Map<String, Object> read = JSONObjectUtils.parse(json);
		assertThat(read).containsEntry("license_id", "0b7a4d1e-5c1f-4c59-9f59-2d0f5a8c1e21")
			.containsEntry("iat", 1_764_590_400L)
			.containsEntry("level", 3L)
			.containsEntry("ratio", 0.25)
			.containsEntry("kids", List.of("QzKxQ9v-pPzHlFmxd5MOnQ", "Zv7l9Vesdn7VupDgEVclxg"))
			.containsEntry("empty", List.of())
			.containsKey("nothing");
		assertThat(JSONObjectUtils.getJSONObject(read, "policy")).isEqualTo(policy);
	}

	@Test
	void writeWhenStringsNeedEscapingThenEveryCharacterSurvives() throws Exception {
		Random random = new Random(20261201L);
		for (int run = 0; run < 200; run++) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < 40; i++) {
				text.append((char) switch (random.nextInt(4)) {
					case 0 -> random.nextInt(0x20);
					case 1 -> "\"\\/<>&='".charAt(random.nextInt(8));
					case 2 -> 0x20 + random.nextInt(0x5f);
					default -> 0xa0 + random.nextInt(0xd000);
				});
			}
			Map<String, Object> object = Map.of(text.toString(), text.toString());
			assertThat(JSONObjectUtils.parse(JsonWriter.write(object))).isEqualTo(object);
		}
		assertThat(JsonWriter.write(Map.of("k", "a\"b\\c\n\u0001"))).isEqualTo("{\"k\":\"a\\\"b\\\\c\\u000a\\u0001\"}");
	}

	@Test
	void writeWhenValueOfAnotherTypeThenNimbusWritesTheWholeObject() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("id", UUID.fromString("0b7a4d1e-5c1f-4c59-9f59-2d0f5a8c1e21"));
		List<Object> nested = new ArrayList<>();
		nested.add(Map.of("n", 1L));
		claims.put("list", nested);
		assertThat(JsonWriter.write(claims)).isEqualTo(JSONObjectUtils.toJSONString(claims));
	}

}
