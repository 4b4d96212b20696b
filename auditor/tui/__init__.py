"""The terminal UI (`auditor tui`): a Textual app to walk findings and record verdicts.

Only `auditor.cli` imports this package; the core never does (tests/test_layout.py). Start it with `app.run_tui`.
"""
