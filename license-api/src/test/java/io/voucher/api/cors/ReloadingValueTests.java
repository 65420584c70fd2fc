package io.voucher.api.cors;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ReloadingValueTests {

	@Test
	void keepsTheValueUntilItIsForgotten() {
		Loads loads = new Loads("a", "b");
		ReloadingValue<String> value = new ReloadingValue<>("test", Duration.ofHours(1), loads, null);
		assertThat(value.get()).isEqualTo("a");
		assertThat(value.get()).isEqualTo("a");
		assertThat(loads.count).isEqualTo(1);
		value.forget();
		assertThat(value.get()).isEqualTo("b");
		assertThat(loads.count).isEqualTo(2);
	}

	@Test
	void reloadsAValueOlderThanItsMaximumAge() {
		Loads loads = new Loads("a", "b", "c");
		ReloadingValue<String> value = new ReloadingValue<>("test", Duration.ZERO, loads, null);
		assertThat(List.of(value.get(), value.get(), value.get())).containsExactly("a", "b", "c");
	}

	@Test
	void keepsTheOldValueWhenAReloadFails() {
		Loads loads = new Loads("a", null, "c");
		ReloadingValue<String> value = new ReloadingValue<>("test", Duration.ZERO, loads, null);
		assertThat(value.get()).isEqualTo("a");
		assertThat(value.get()).isEqualTo("a");
		assertThat(value.get()).isEqualTo("c");
	}

	@Test
	void answersTheFallbackWhenTheFirstLoadFailsAndTriesAgainNextTime() {
		Loads loads = new Loads(null, "a");
		ReloadingValue<String> value = new ReloadingValue<>("test", Duration.ofHours(1), loads, "nothing");
		assertThat(value.get()).isEqualTo("nothing");
		assertThat(value.get()).isEqualTo("a");
		assertThat(loads.count).isEqualTo(2);
	}

	@Test
	void letsTheFirstFailurePropagateWithoutAFallback() {
		ReloadingValue<String> value = new ReloadingValue<>("test", Duration.ofHours(1), new Loads((String) null),
				null);
		assertThatIllegalStateException().isThrownBy(value::get).withMessage("database down");
	}

	/** Answers the given values in turn; a {@code null} is a failed load. */
	private static final class Loads implements Supplier<String> {

		private final Deque<String> values = new ArrayDeque<>();

		private int count;

		Loads(String... values) {
			for (String each : values) {
				this.values.add((each != null) ? each : "");
			}
		}

		@Override
		public String get() {
			this.count++;
			String next = this.values.removeFirst();
			if (next.isEmpty()) {
				throw new IllegalStateException("database down");
			}
			return next;
		}

	}

}
