"""`set keymap.ID:KEYS`: which keys a setting may hold, and the keymap the TUI reads."""

from __future__ import annotations

import pytest

from cockpit.domain.settings import SettingError, Settings, is_setting, parse_setting


def test_keymap_keys_are_settings_and_hold_key_names() -> None:
    assert is_setting("keymap.cockpit.undo") and not is_setting("keymap.")
    assert parse_setting("keymap.cockpit.undo", " ctrl+z , u ") == "ctrl+z,u"
    for bad in ("", "ctrl-z", "k k", ","):
        with pytest.raises(SettingError):
            parse_setting("keymap.cockpit.undo", bad)


def test_the_keymap_is_every_keymap_setting_by_binding_id() -> None:
    settings = Settings.from_stored({"keymap.cockpit.undo": "ctrl+z", "currency": "EUR"})
    assert settings.keymap == {"cockpit.undo": "ctrl+z"}
    assert Settings().keymap == {}
