"""`auditor extract`: every quantity in the documents."""

from __future__ import annotations

import sys

from .exit_codes import EXIT_OK, EXIT_USAGE
from .messages import report_error, report_warning


def run_extract(args) -> int:
    """Run `auditor extract`; returns the exit code."""
    from ..document import display_path
    from ..inputs import InputError, load_documents
    from ..report.extraction import extraction_json, write_extraction_text
    from ..resilient import extract_document

    results, errors = [], []
    for item in load_documents(args.paths, args.inputs):
        if isinstance(item, InputError):
            report_error(item.message)
            errors.append(item.message)
            continue
        extraction, skipped = extract_document(item)
        for region in skipped:
            report_warning(f"{display_path(item.path)}:{':'.join(map(str, item.line_col(region.start)))}: "
                            f"{region.reason}")
        results.append((item, extraction, skipped))
    if args.format == "json":
        sys.stdout.write(extraction_json(results, errors) + "\n")
    else:
        write_extraction_text(results, sys.stdout)
    return EXIT_USAGE if errors else EXIT_OK
