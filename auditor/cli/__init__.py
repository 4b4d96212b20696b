"""The command line (`auditor ...`): one module per command, the parser, the exit codes and messages.

The core (`auditor` minus this package and `auditor.tui`) never imports this package.
"""

from .exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_RULES, EXIT_USAGE
from .main import console_main, main
from .parser import build_parser

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_RULES", "EXIT_USAGE", "build_parser", "console_main", "main"]
