package io.voucher.registry.archfixturecycleb;

import io.voucher.registry.archfixturecyclea.CycleFirst;

/** The other half of a package cycle, on purpose. */
public class CycleSecond {

	CycleFirst first() {
		return new CycleFirst();
	}

}
