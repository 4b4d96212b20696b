"""The interrupt latch: Ctrl-C recorded while it is held, raised where the code chooses."""

import os
import signal
import threading

import pytest

from auditor.interrupts import InterruptLatch


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_is_held_until_check():
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with InterruptLatch() as latch:
            _ctrl_c()
            reached.append("after the signal")  # not interrupted here
            assert latch.received
            latch.check()
            reached.append("after check")
    assert reached == ["after the signal"]


def test_a_held_ctrl_c_is_raised_at_the_end_of_the_block():
    before = signal.getsignal(signal.SIGINT)  # (ignored when the suite runs as a background job)
    with pytest.raises(KeyboardInterrupt):
        with InterruptLatch():
            _ctrl_c()
    assert signal.getsignal(signal.SIGINT) is before


def test_without_ctrl_c_nothing_is_raised_and_the_handler_is_restored():
    before = signal.getsignal(signal.SIGINT)
    with InterruptLatch() as latch:
        latch.check()
    assert signal.getsignal(signal.SIGINT) is before


def test_another_exception_is_not_replaced_by_the_held_interrupt():
    with pytest.raises(ValueError):
        with InterruptLatch():
            _ctrl_c()
            raise ValueError("first")


def test_latches_nest():
    with InterruptLatch() as outer:
        with pytest.raises(KeyboardInterrupt):
            with InterruptLatch():
                _ctrl_c()
        assert not outer.received
        _ctrl_c()
        assert outer.received
        with pytest.raises(KeyboardInterrupt):
            outer.check()


def test_outside_the_main_thread_the_latch_does_nothing():
    before = signal.getsignal(signal.SIGINT)
    seen = []

    def worker():
        with InterruptLatch() as latch:
            seen.append(latch.received)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [False]
    assert signal.getsignal(signal.SIGINT) is before


def test_a_second_ctrl_c_is_raised_at_once_and_the_handler_restored():
    before = signal.getsignal(signal.SIGINT)
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with InterruptLatch():
            _ctrl_c()
            reached.append("after the first")
            _ctrl_c()
            reached.append("after the second")  # not reached: the user pressed it again
    assert reached == ["after the first"]
    assert signal.getsignal(signal.SIGINT) is before
