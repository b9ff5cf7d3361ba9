"""Documented limits on input size: beyond them, input is refused with a clear error."""

MAX_MONEY = 10**12
"""Largest amount of money, count or percentage accepted (¥1 trillion)."""
MAX_DIGITS = 30
"""Most significant digits in a number (¥1 trillion to the fen is 15)."""
MAX_PERIODS = 600
"""Most entries in any one list of the applicant file (600 months is 50 years)."""
MAX_TEXT = 200
"""Longest name, area or field, in characters."""
MAX_FILE_BYTES = 1_000_000
"""Largest applicant file the CLI reads."""
MAX_PROBLEMS = 50
"""Most problems one error lists; past them, its last problem says there are more."""
