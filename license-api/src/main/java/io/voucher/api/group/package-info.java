/**
 * Device groups (domains): the provider's API to create groups, issue join tokens and
 * remove members, and the device API to join, leave, refresh the group credential and
 * fetch the group's bundle of licenses.
 */
@NullMarked
package io.voucher.api.group;

import org.jspecify.annotations.NullMarked;
