"""Development sessions: ``nox -s tests``, ``lint``, ``typing``, ``bench``."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite with the stdlib matcher, then with the ``fast`` extra.

    The web tests need the ``web`` extra and group; the browser tests run once.
    """
    session.install("-e", ".[web]", "--group", "tests", "--group", "web")
    session.run("pytest", *session.posargs)
    session.install("-e", ".[fast,web]")
    session.run(
        "pytest", "-m", "not browser", *session.posargs, env={"SHJZZ_EXPECT_RAPIDFUZZ": "1"}
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and lint rules with ruff."""
    session.install("--group", "lint")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check the package and a user's view of it with mypy --strict."""
    session.install("-e", ".[web]", "--group", "typing")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Print the benchmark table, then the HTTP API under load (never asserted in tests)."""
    session.install("-e", ".[fast,web]")
    session.run("python", "benchmarks/run.py", *session.posargs)
    session.run("python", "benchmarks/load.py")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs with warnings as errors, then run their doctests."""
    session.install("-e", ".[web]", "--group", "docs", "--group", "web")
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "doctest", "docs", "docs/_build/doctest"
    )


@nox.session
def fuzz(session: nox.Session) -> None:
    """Fuzz and property tests with the long hypothesis profile (not in the default set)."""
    session.install("-e", ".[fast]", "--group", "tests")
    session.run(
        "pytest",
        "tests/test_fuzz.py",
        "tests/test_properties.py",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "deep"},
    )


@nox.session
def i18n(session: nox.Session) -> None:
    """Extract the human texts, update each language's .po, compile the .mo files."""
    session.install("--group", "i18n")
    session.run("python", "scripts/i18n.py")
