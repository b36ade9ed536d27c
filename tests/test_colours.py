"""Issue 14 part 4: one colour per meaning, told apart in both themes and by colour-blind readers."""

from __future__ import annotations

from duidu.ui.colours import closest_pair, contrast, delta_e
from duidu.ui.highlighter import _TINTS, ACTIVE, DIFFERS, FUZZY, ROLES, VERBATIM

MIN_DELTA_E = 12.0  # CIE76: well past "just noticeable" (~2.3) for tints side by side in running text
PAGES = {False: ("#ffffff", "#000000"), True: ("#1e1e1e", "#e6e6e6")}  # page and text of each theme (ui/theme.py)


def test_the_simulation_moves_red_and_green_together_for_deutan_readers():
    # A check that could fail: the red/green pair collapses for deutan readers, not for others.
    assert delta_e("#d62728", "#2ca02c", "normal") > 60
    assert delta_e("#d62728", "#2ca02c", "deutan") < delta_e("#d62728", "#2ca02c", "normal") / 2


def test_each_role_has_its_own_colour_in_both_themes_for_every_vision():
    for dark, (page, _text) in PAGES.items():
        colours = {role: _TINTS[dark][role] for role in ROLES}
        colours["page"] = page
        assert len(set(colours.values())) == len(colours)
        gap, vision, a, b = closest_pair(colours)
        assert gap >= MIN_DELTA_E, f"{'dark' if dark else 'light'}: {a} and {b} too close for {vision} ({gap:.1f})"


def test_focus_is_not_the_verbatim_colour_and_text_stays_legible():
    for dark, (_page, text) in PAGES.items():
        tints = _TINTS[dark]
        assert tints[ACTIVE] not in (tints[VERBATIM], tints[FUZZY])
        assert min(contrast(text, tints[role]) for role in ROLES) >= 4.5  # WCAG AA body text
        assert min(contrast(tints[DIFFERS], tints[role]) for role in (VERBATIM, FUZZY)) >= 4.5
