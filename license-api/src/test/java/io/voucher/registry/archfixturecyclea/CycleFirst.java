package io.voucher.registry.archfixturecyclea;

import io.voucher.registry.archfixturecycleb.CycleSecond;

/** Half of a package cycle, on purpose. */
public class CycleFirst {

	CycleSecond second() {
		return new CycleSecond();
	}

}
