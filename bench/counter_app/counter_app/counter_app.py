"""One page, one number, one handler: Reflex's own cost per event, with nothing of the portal's."""

import reflex as rx


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.el.button(CounterState.count, on_click=CounterState.increment)


app = rx.App(theme=None)
app.add_page(index)
