"""Canaries for every private Textual name in netplan/compat.py, on the real classes:
a Textual upgrade that renames one fails here, by name."""

from __future__ import annotations

import inspect
import signal
import threading

import pytest
from textual.app import App
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver

from netplan import compat


@pytest.fixture
def keep_signals():
    # A LinuxDriver sets handlers for Ctrl+Z (SIGTSTP, SIGCONT): put the test's back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


class GoneTerminal:
    """A terminal after the SSH window closed: every write fails with EIO."""

    def __init__(self):
        self.writes = 0

    def write(self, text):
        self.writes += 1
        raise OSError(5, "Input/output error")

    def flush(self):
        raise OSError(5, "Input/output error")

    def fileno(self):
        return 1


async def test_canary_linux_driver_writes_the_screen_through_its_file(keep_signals):
    # The driver keeps its output file in `_file` and hands it to the writer thread.
    driver = LinuxDriver(App())
    assert hasattr(driver, compat.DRIVER_FILE)
    assert callable(getattr(getattr(driver, compat.DRIVER_FILE), "write", None))
    source = inspect.getsource(LinuxDriver.start_application_mode)
    assert f"WriterThread(self.{compat.DRIVER_FILE})" in source
    # ... and the writer thread still dies on a failed write, which is what we work around.
    assert "write(text)" in inspect.getsource(WriterThread.run)


async def test_canary_the_surviving_driver_wraps_the_real_file(keep_signals):
    gone = []
    cls = compat.driver_class_for(LinuxDriver, lambda: gone.append(1))
    assert issubclass(cls, LinuxDriver) and cls is not LinuxDriver
    driver = cls(App())
    assert isinstance(getattr(driver, compat.DRIVER_FILE), compat.TerminalOutput)


def test_other_drivers_are_left_alone():
    from textual.drivers.headless_driver import HeadlessDriver

    assert compat.driver_class_for(HeadlessDriver, lambda: None) is HeadlessDriver


async def test_canary_app_keeps_the_exception_that_ended_it():
    class Crashing(App):
        def on_mount(self):
            raise LookupError("a screen's bug")

    app = Crashing()
    with pytest.raises(LookupError):
        async with app.run_test():
            pass
    assert isinstance(compat.unhandled_exception(app), LookupError)
    assert app.return_code == 1
    assert compat.unhandled_exception(App()) is None


def test_a_gone_terminal_never_blocks_the_writer_or_the_exit():
    # Textual's writer thread, as the driver builds it, on a terminal that has gone: it
    # must keep draining its queue of 30, so neither a frame nor the exit's stop() waits.
    gone = []
    terminal = GoneTerminal()
    writer = WriterThread(compat.TerminalOutput(terminal, lambda: gone.append(1)))
    writer.start()

    def draw_then_stop():
        for k in range(500):  # far more than the queue holds
            writer.write(f"frame {k}")
        writer.stop()

    drawing = threading.Thread(target=draw_then_stop, daemon=True)
    drawing.start()
    drawing.join(timeout=5)
    assert not drawing.is_alive(), "a write or the exit would hang on the writer's queue"
    assert not writer.is_alive()
    assert gone == [1]  # reported once
    assert terminal.writes == 1  # nothing more is sent to a dead terminal


async def test_canary_input_messages_pass_process_message_on_the_input_thread(keep_signals):
    # The lock-wait notice hears Ctrl-C there while the UI thread waits for the lock.
    from textual import events

    seen, made = [], []
    cls = compat.driver_class_for(LinuxDriver, lambda: None, on_created=made.append,
                                  on_input=seen.append)
    app = App()
    driver = cls(app)
    assert made == [driver]
    assert "self.process_message(" in inspect.getsource(LinuxDriver)
    key = events.Key("ctrl+c", None)
    driver.process_message(key)
    assert seen == [key]


def test_canary_scroll_view_updates_its_scrollbars_from_a_virtual_size():
    from textual.scroll_view import ScrollView

    update = getattr(ScrollView, compat.SCROLL_UPDATE)
    assert list(inspect.signature(update).parameters) == ["self", "virtual_size"]
    # ... and its size check is the method ViewportScrollView overrides, same signature.
    sized = getattr(ScrollView, compat.SIZE_UPDATED)
    assert list(inspect.signature(sized).parameters) == [
        "self", "size", "virtual_size", "container_size", "layout"]
    assert compat.ViewportScrollView._size_updated is not sized
    assert "virtual_size != self.virtual_size" in inspect.getsource(sized)


async def test_canary_a_viewport_scroll_view_shows_its_scrollbar_in_the_same_frame():
    from textual.app import App
    from textual.geometry import Size

    class Tall(compat.ViewportScrollView):
        def render_line(self, y):
            from textual.strip import Strip

            return Strip.blank(self.size.width)

    class Host(App):
        def compose(self):
            yield Tall()

    async with Host().run_test(size=(40, 10)) as pilot:
        view = pilot.app.query_one(Tall)
        assert not view.show_vertical_scrollbar
        view.virtual_size = Size(38, 500)
        view.update_scrollbars(view.virtual_size)
        # No layout pass, no pause: the scrollbar is decided at once.
        assert view.show_vertical_scrollbar
        assert view.max_scroll_y > 0


async def test_canary_toggle_button_draws_its_box_through_the_private_property():
    from textual.app import App
    from textual.widgets._toggle_button import ToggleButton

    assert isinstance(inspect.getattr_static(ToggleButton, compat.TOGGLE_BUTTON), property)
    assert f"self.{compat.TOGGLE_BUTTON}" in inspect.getsource(ToggleButton.render)

    class Box(compat.LegibleCheckbox):
        def box(self):
            from textual.content import Content

            return Content("<on>" if self.value else "<off>")

    class Host(App):
        def compose(self):
            yield Box("tick", True)

    async with Host().run_test(size=(30, 3)) as pilot:
        box = pilot.app.query_one(Box)
        assert "<on>" in box.render().plain
        box.value = False
        assert "<off>" in box.render().plain


async def test_canary_a_new_screen_takes_the_apps_css_update_count():
    from textual._context import active_app  # what styled_with_current_css reads
    from textual.app import App
    from textual.screen import Screen

    assert compat.CSS_UPDATE_COUNT in inspect.getsource(App._init_mode)
    async with App().run_test() as pilot:
        assert active_app.get() is pilot.app
        screen = Screen()
        assert getattr(screen, compat.CSS_UPDATE_COUNT) == -1
        compat.styled_with_current_css(screen)
        assert getattr(screen, compat.CSS_UPDATE_COUNT) == getattr(pilot.app, compat.CSS_UPDATE_COUNT)
        assert getattr(screen, compat.CSS_UPDATE_COUNT) >= 0

async def test_canary_app_driver_is_what_copy_to_clipboard_writes_through():
    from textual.drivers.headless_driver import HeadlessDriver

    app = App()
    assert compat.driver_of(app) is None
    async with app.run_test():
        driver = compat.driver_of(app)
        assert isinstance(driver, HeadlessDriver)
        written: list[str] = []
        driver.write = written.append
        app.copy_to_clipboard("hi")
    assert written == ["\x1b]52;c;aGk=\a"]

async def test_canary_a_toast_can_be_taken_off_before_its_time():
    app = App()
    async with app.run_test() as pilot:
        app.notify("one")
        await pilot.pause()
        (shown,) = list(getattr(app, compat.APP_TOASTS))
        compat.withdraw_toast(app, shown)
        assert list(getattr(app, compat.APP_TOASTS)) == []
        compat.withdraw_toast(app, shown)  # gone already: nothing happens


def test_canary_escape_and_enter_read_together_are_alt_enter():
    # Textual's own parser drops the escape: a plain enter, which saved the form.
    from textual._xterm_parser import XTermParser

    def keys(parser, text):
        return [k.key for k in [*parser.feed(text), *parser.feed("")]]

    assert keys(XTermParser(), "\x1b\r") == ["enter"]  # what compat works around
    assert keys(compat.EscapeEnterParser(), "\x1b\r") == ["alt+enter"]
    assert keys(compat.EscapeEnterParser(), "a\r") == ["a", "enter"]
    assert keys(compat.EscapeEnterParser(), "\x1b") == ["escape"]
    from textual.drivers import linux_driver

    assert hasattr(linux_driver, compat.DRIVER_PARSER)


async def test_canary_a_text_field_handles_its_own_keys_in_its_key_handler():
    from textual import events
    from textual.widgets import Input, TextArea

    assert callable(getattr(Input, compat.KEY_HANDLER))
    assert callable(getattr(TextArea, compat.KEY_HANDLER))
    assert compat.own_key_action(compat.OrderedInput, "backspace") == "delete_left"
    assert compat.own_key_action(compat.OrderedTextArea, "backspace") == "delete_left"

    class Host(App):
        def compose(self):
            yield Input(id="plain")
            yield compat.OrderedInput(id="ordered")

    async with Host().run_test() as pilot:
        for wid in ("plain", "ordered"):
            field = pilot.app.query_one(f"#{wid}")
            field.focus()
            await pilot.press(*"whom")
            for key, char in [("backspace", None), ("a", "a"), ("b", "b")]:
                pilot.app.post_message(events.Key(key, char))
            await pilot.pause(0.2)
        # Textual's own Input runs the backspace after the letters behind it (when this
        # fails, Textual has fixed it and KeysInOrder can go).
        assert pilot.app.query_one("#plain").value == "whoma"
        assert pilot.app.query_one("#ordered").value == "whoab"
