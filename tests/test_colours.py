"""Issue 14 part 4: one colour per meaning, told apart in both themes and by colour-blind readers."""

from __future__ import annotations

from itertools import combinations, product

from duidu.library.codebook import PALETTE, default_codebook
from duidu.ui.colours import SIMULATIONS, closest_pair, contrast, delta_e, seen_as
from duidu.ui.highlighter import _HUES, _TINTS, ACTIVE, DIFFERS, DIFFERS_TEXT, FUZZY, ROLES, VERBATIM

MIN_DELTA_E = 12.0  # CIE76: well past "just noticeable" (~2.3) for tints side by side in running text
MIN_CODE_DELTA_E = 12.0  # every two code colours, and a code and a reader colour (was 1.0: 需求型 / 试点示范 for deutan)
MARGINS = ("#efefef", "#2b2b2b")  # the margin's window colour behind the code stripes, light and dark (ui/theme.py)
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
        # Differing characters: a solid block set apart from the tints it sits in (3:1, a mark
        # beside a mark), its text legible on it (4.5:1).
        assert min(contrast(tints[DIFFERS], tints[role]) for role in (VERBATIM, FUZZY, ACTIVE)) >= 3.0
        assert contrast(DIFFERS_TEXT[dark], tints[DIFFERS]) >= 4.5


def test_differences_stay_apart_from_every_role_for_every_vision():
    for dark, (page, _text) in PAGES.items():
        colours = {role: _TINTS[dark][role] for role in (*ROLES, DIFFERS)}
        colours["page"] = page
        gap, vision, a, b = closest_pair(colours)
        assert gap >= MIN_DELTA_E, f"{'dark' if dark else 'light'}: {a} and {b} too close for {vision} ({gap:.1f})"
        # by lightness, which no deficiency takes away: the block is far darker (light theme) or
        # lighter (dark theme) than every tint
        worst = min(abs(seen_as(_TINTS[dark][DIFFERS], v)[0] - seen_as(_TINTS[dark][r], v)[0])
                    for v in SIMULATIONS for r in ROLES)
        assert worst >= 15, (dark, worst)
    # On the dark theme the block is also apart from every code colour (codes are bars and stripes,
    # never blocks, so the light theme's vermillion may come nearer 环境型's brown: measured 5.3).
    codes = [*default_code_colours().values(), *PALETTE]
    assert min(delta_e(_TINTS[True][DIFFERS], c, v) for c in codes for v in SIMULATIONS) >= MIN_CODE_DELTA_E


def default_code_colours() -> dict[str, str]:
    out = {}
    for group in default_codebook():
        out[group["name"]] = group["color"]
        out.update({code["name"]: code["color"] for code in group["codes"]})
    return out


def test_every_two_default_codes_stay_apart_for_every_vision():
    codes = default_code_colours()
    assert len(codes) == 33 and len(set(codes.values())) == 33
    gap, vision, a, b = closest_pair(codes)
    assert gap >= MIN_CODE_DELTA_E, f"codes {a} and {b} too close for {vision} ({gap:.1f})"


def test_codes_are_not_the_reader_colours_and_show_on_either_margin():
    # Stripes and underlines are drawn at full strength beside the ruler's and bands' role hues,
    # so a code must not pass for verbatim, fuzzy, focus, evidence or a search hit, nor vanish
    # into the page or the margin.
    codes = default_code_colours()
    others = {**{role: _HUES[role] for role in ROLES}, "page": "#ffffff", "dark page": "#1e1e1e",
              **{f"margin {m}": m for m in MARGINS}}
    worst = min((delta_e(c, o, v), v, name, role) for v in SIMULATIONS
                for (name, c), (role, o) in product(codes.items(), others.items()))
    assert worst[0] >= MIN_CODE_DELTA_E, f"{worst[2]} passes for {worst[3]} with {worst[1]} vision ({worst[0]:.1f})"


def test_new_groups_take_colours_apart_from_the_defaults():
    codes = default_code_colours()
    fresh = [c for c in PALETTE if c not in codes.values()]
    assert len(fresh) >= 4
    for c, v in product(fresh, SIMULATIONS):
        assert min(delta_e(c, d, v) for d in [*codes.values(), *(_HUES[r] for r in ROLES)]) >= MIN_CODE_DELTA_E
    assert min(delta_e(a, b, v) for v in SIMULATIONS for a, b in combinations(fresh, 2)) >= MIN_CODE_DELTA_E


def test_the_old_shades_of_one_hue_would_have_failed():
    # The check bites: the former 需求型 group colour and its code 试点示范 (shades of one hue).
    assert min(delta_e("#009e73", "#009b71", v) for v in SIMULATIONS) < MIN_CODE_DELTA_E / 4
    # And a code in the verbatim blue (the former 供给型) is caught against the reader's colours.
    assert delta_e("#0072b2", _HUES[VERBATIM], "deutan") < 1



def test_a_code_mark_shows_in_its_own_hue_on_every_ground():
    """Issue 14 part 4: a faint code's underline edge was the text colour and read as a grey line.
    Every code (the defaults and the palette new groups take) on the page and the margin of both
    themes: the bar is the code's own colour (codes stay apart, tested above) and, where that is
    faint, its edge is a legible shade of the same hue: WCAG 3:1 against the ground, the hue kept,
    most of the chroma kept (not a grey)."""
    from duidu.ui.code_underline import bar_colours
    from duidu.ui.colours import chroma, hue_angle, legible_shade

    grounds = [page for page, _text in PAGES.values()] + list(MARGINS)
    edged = 0
    for colour, ground in product([*default_code_colours().values(), *PALETTE], grounds):
        body, edge = bar_colours(colour, ground)
        assert body == colour
        if contrast(colour, ground) >= 3.0:
            assert edge is None
            continue
        edged += 1
        turn = abs(hue_angle(edge) - hue_angle(colour)) % 360
        assert contrast(edge, ground) >= 3.0 and min(turn, 360 - turn) <= 3, (colour, ground, edge)
        assert chroma(edge) >= 0.6 * chroma(colour), (colour, ground, edge)
    assert edged >= 20  # the check bites: many codes are faint on one theme or the other
    # A grey (what the last edge was) fails the same test.
    assert chroma(legible_shade("#808080", "#ffffff")) < 1 and chroma("#fce430") > 60
