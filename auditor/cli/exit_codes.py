"""The exit codes of every command, as docs/contract.md fixes them: scripts and CI pipelines rely on them.

When several apply, the highest wins: an invalid rule file (3) over an unreadable input (2) over findings (1).
"""

EXIT_OK = 0  # nothing at or above --fail-on was found
EXIT_FINDINGS = 1  # findings at or above --fail-on (`rules test`: an example failed)
EXIT_USAGE = 2  # bad arguments, or an input that could not be read or checked
EXIT_RULES = 3  # a rule file is invalid, or a rule failed while running
# 128 + the signal number when a run is stopped: 130 for Ctrl-C, 143 for SIGTERM
