"""Nothing secret reaches the log, and no record grows past a few hundred characters a line."""

import logging
import sys

import pytest
from reflex_base.event import Event

from safehouse_portal.web import log_redaction
from safehouse_portal.web.log_redaction import LINE_LIMIT, RECORD_LIMIT, clean, clean_record, redact

SESSION = "Qk3v9yX_secret-session-token_0123456789abcdef"
TAB = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"


def _event() -> Event:
    """An event as Reflex's websocket endpoint fills it in, and logs it when it fails."""
    headers = {"host": "portal.test", "cookie": f"theme=dark; shp_session={SESSION}", "authorization": "Bearer AUTH"}
    return Event(name="state.no_such_handler", payload={"arg": "x" * 5000},
                 router_data={"pathname": "/provider", "token": TAB, "sid": "socket-id", "headers": headers})


def _clear(text: str) -> bool:
    return SESSION not in text and TAB not in text and "AUTH" not in text


@pytest.mark.parametrize("text", [
    repr(_event()),
    f"Cookie: shp_session={SESSION}; theme=dark\nAuthorization: Bearer AUTH",
    f"GET /_event/?EIO=4&token={TAB}&transport=websocket",
    f"HeaderData(host='portal.test', cookie='shp_session={SESSION}', authorization='Bearer AUTH')",
    f"[(b'host', b'portal.test'), (b'cookie', b'shp_session={SESSION}'), (b'authorization', b'Bearer AUTH')]",
    f'{{"cookie": "shp_session={SESSION}", "token": "{TAB}", "authorization": "Bearer AUTH"}}',
    f"Attempting to send delta to disconnected client '{TAB}'",
    f"'cookie': 'shp_session={SESSION}",
])
def test_cookies_authorisation_and_client_tokens_are_redacted_wherever_they_appear(text):
    assert _clear(redact(text))


def test_what_is_not_secret_is_kept():
    text = "Error processing event queue entry for Event(name='state.no_such_handler', router_data={'pathname': '/p'})"
    assert redact(text) == text


def test_an_argument_echo_is_cut_to_a_few_hundred_characters_and_a_record_to_a_bound():
    assert max(len(line) for line in clean(repr(_event())).splitlines()) < LINE_LIMIT + 40
    many_lines = "\n".join(["y" * 400] * 10_000)
    assert len(clean(many_lines)) < RECORD_LIMIT + 200


def test_a_megabyte_message_costs_a_bounded_record():
    assert len(clean("z" * 3_000_000)) < LINE_LIMIT + 40


def test_a_logged_failure_with_its_traceback_keeps_neither_the_cookie_nor_the_token():
    try:
        raise KeyError(f"No registered handler found for event: {_event().name} {TAB}")
    except KeyError:
        record = logging.LogRecord("reflex_base.event.processor", logging.ERROR, __file__, 1,
                                   "Error processing event queue entry for %s", (_event(),), sys.exc_info())
    clean_record(record)
    text = record.getMessage()
    assert record.exc_info is None and "KeyError" in text and "Traceback" in text
    assert _clear(text)


def test_once_installed_every_logger_makes_clean_records():
    previous = logging.getLogRecordFactory()
    logging.setLogRecordFactory(logging.LogRecord)
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    logger = logging.getLogger("reflex_base.event.processor.event_processor")
    keep = Keep()
    logger.addHandler(keep)
    try:
        log_redaction.install()
        log_redaction.install()
        logger.error("Error processing event queue entry for %s", _event())
    finally:
        logger.removeHandler(keep)
        logging.setLogRecordFactory(previous)
    assert len(records) == 1 and _clear(records[0]) and "no_such_handler" in records[0]
