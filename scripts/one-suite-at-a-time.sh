#!/bin/sh
# Runs its arguments while holding a machine-wide lock, so that two whole suites never run at once on one machine: the
# suite's timeouts are sized for the cores it runs on, and two suites (two worktrees, an editor's test run beside CI)
# starving each other on a small machine fail tests that are fine. ARYA_TEST_LOCK=off skips the lock.
lock="${ARYA_TEST_LOCK:-${TMPDIR:-/tmp}/arya-test-suite.lock}"
if [ "$lock" = off ] || ! command -v flock >/dev/null 2>&1; then exec "$@"; fi
flock -n "$lock" true || echo "[test] another suite holds $lock; waiting for it to finish…" >&2
exec flock -o "$lock" "$@"
