"""What the judge's pytest plugin tells as the tests run (``JudgePlugin``'s
listener).  A module of its own, free of pytest, so that ``judge`` can
start the child before pytest is imported."""


class Listener:
    """What the plugin tells while the tests run; this one ignores it all."""

    def tests_starting(self) -> None:
        """The submission is ready and the selected tests are about to run."""

    def test_started(self, name: str) -> None:
        """Spec test ``name``'s first case is starting."""

    def test_finished(self, name: str) -> None:
        """Spec test ``name``'s last case is over: its outcomes are all in."""
