/* SPDX-License-Identifier: MIT */
/*
 * The built-in checks, in report order: one line per check. NAME is the
 * descriptor dxi_check_NAME defined in check_*.c; checks.h declares each
 * and checks.c makes the table from this list, so adding a check is its
 * file and one line here (docs/README.md#where-a-check-lives).
 */
DXI_CHECK(leaked_ref)
DXI_CHECK(busy_page)
DXI_CHECK(refcount_underflow)
DXI_CHECK(mapping_mismatch)
DXI_CHECK(stale_mapping)
DXI_CHECK(share_mismatch)
DXI_CHECK(stale_pte)
DXI_CHECK(bad_entry)
DXI_CHECK(unreadable)
