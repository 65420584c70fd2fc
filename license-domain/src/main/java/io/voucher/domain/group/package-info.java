/**
 * Device groups (domains): a group key shared by member devices, joined with single-use
 * tokens, rolled to a new generation whenever a member leaves. Every change is announced
 * as a {@link io.voucher.domain.group.GroupChanged} event in the changing transaction.
 */
@NullMarked
package io.voucher.domain.group;

import org.jspecify.annotations.NullMarked;
