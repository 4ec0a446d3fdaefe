// SPDX-License-Identifier: MIT
/*
 * Unit tests: the task-state letters and the syscall names the waiters
 * lines print. Expected values are worked out here from
 * include/linux/sched.h (6.1:85-119) and fs/proc/array.c's
 * task_state_array (6.1:125-140), and from syscall_64.tbl
 * (docs/kernel-facts.md#layout-waiters), not from the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/kern/waiters.h"

static void test_state_letters(void **state)
{
	(void)state;
	assert_string_equal(dxi_task_state_letter(0x0), "R");
	assert_string_equal(dxi_task_state_letter(0x1), "S");	/* ext4_break_layouts */
	assert_string_equal(dxi_task_state_letter(0x2), "D");	/* submit_bio_wait */
	assert_string_equal(dxi_task_state_letter(0x102), "D");	/* TASK_KILLABLE */
	assert_string_equal(dxi_task_state_letter(0x402), "I");	/* TASK_IDLE */
	assert_string_equal(dxi_task_state_letter(0x4), "T");
	assert_string_equal(dxi_task_state_letter(0x8), "t");
	assert_string_equal(dxi_task_state_letter(0x20), "Z");
	assert_string_equal(dxi_task_state_letter(0x40), "P");
	/* TASK_DEAD 0x80 is outside TASK_REPORT (0x7f): masked away, as /proc does */
	assert_string_equal(dxi_task_state_letter(0x80), "R");
	assert_string_equal(dxi_task_state_word(0x1), "sleeping, interruptible");
	assert_string_equal(dxi_task_state_word(0x2), "uninterruptible");
}

static void test_syscalls(void **state)
{
	(void)state;
	assert_string_equal(dxi_syscall_name(76), "truncate");
	assert_string_equal(dxi_syscall_name(77), "ftruncate");
	assert_string_equal(dxi_syscall_name(285), "fallocate");
	assert_string_equal(dxi_syscall_name(87), "unlink");
	assert_string_equal(dxi_syscall_name(263), "unlinkat");
	assert_null(dxi_syscall_name(0));	/* read: not a call that waits on a page */
	assert_null(dxi_syscall_name(-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_letters),
		cmocka_unit_test(test_syscalls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
