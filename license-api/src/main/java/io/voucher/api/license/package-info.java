/**
 * Online licenses: the license message modelled field for field on the Widevine license
 * template, answered with a license response.
 */
@NullMarked
package io.voucher.api.license;

import org.jspecify.annotations.NullMarked;
