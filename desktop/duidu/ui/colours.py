"""How the reader's colours look to readers with the common colour-vision deficiencies.

Each role (verbatim, fuzzy, focused passage, evidence, search hit) has one colour, and each
must stay apart from every other and from the page in both themes, also for protan, deutan
and tritan readers. The check simulates them with Machado, Oliveira & Fernandes (2009) at
full severity, in linear RGB, and measures CIE76 ΔE in CIELAB. Plain Python (no Qt).
"""

from __future__ import annotations

from itertools import combinations

# Machado et al. 2009, severity 1.0 (linear RGB).
SIMULATIONS = {
    "normal": None,
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return tuple(out)


def _lab(rgb) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, x)) for x in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(hex_colour: str, vision: str = "normal") -> tuple[float, float, float]:
    """The colour's CIELAB coordinates as a reader with ``vision`` sees it."""
    rgb = _linear(hex_colour)
    matrix = SIMULATIONS[vision]
    if matrix is not None:
        rgb = tuple(sum(matrix[i][j] * rgb[j] for j in range(3)) for i in range(3))
    return _lab(rgb)


def delta_e(a: str, b: str, vision: str = "normal") -> float:
    la, lb = seen_as(a, vision), seen_as(b, vision)
    return sum((p - q) ** 2 for p, q in zip(la, lb)) ** 0.5


def closest_pair(colours: dict[str, str]) -> tuple[float, str, str, str]:
    """(ΔE, vision, role, role) of the two roles hardest to tell apart under any simulated vision."""
    return min((delta_e(colours[a], colours[b], v), v, a, b)
               for v in SIMULATIONS for a, b in combinations(colours, 2))


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (text on a tint)."""
    def luminance(c: str) -> float:
        r, g, b_ = _linear(c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(lab: tuple[float, float, float]) -> str | None:
    """The sRGB colour of CIELAB ``lab`` (D65), or None when it lies outside sRGB."""
    lum, a, b = lab
    fy = (lum + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def inv(t: float) -> float:
        return t ** 3 if t ** 3 > 0.008856 else (t - 16 / 116) / 7.787

    x, y, z = 0.95047 * inv(fx), inv(fy), 1.08883 * inv(fz)
    linear = (3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z,
              0.0557 * x - 0.2040 * y + 1.0570 * z)
    if any(c < -0.002 or c > 1.002 for c in linear):
        return None
    out = []
    for c in (min(1.0, max(0.0, c)) for c in linear):
        s = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
        out.append(round(s * 255))
    return "#" + "".join(f"{v:02x}" for v in out)


def legible_shade(colour: str, against: str, ratio: float = 3.0) -> str:
    """``colour`` itself when it stands out from ``against`` by ``ratio`` (WCAG), else the same hue
    made darker (on a light ground) or lighter (on a dark one) just far enough: a pale yellow code
    is edged in a deeper yellow on the white page, a navy one in a lighter blue on the dark page;
    never a grey, which reads as another mark. Chroma is given up only where sRGB has no room."""
    if contrast(colour, against) >= ratio:
        return colour
    lum, a, b = seen_as(colour)
    darker = contrast(against, "#000000") > contrast(against, "#ffffff")  # a light ground
    for step in range(1, 101):
        target = max(0.0, lum - step) if darker else min(100.0, lum + step)
        for keep in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0):  # the most chroma sRGB allows
            shade = _hex((target, a * keep, b * keep))
            if shade is not None:
                break
        if shade is not None and contrast(shade, against) >= ratio:
            return shade
    return "#000000" if darker else "#ffffff"


def hue_angle(colour: str) -> float:
    """The colour's CIELAB hue angle in degrees (normal vision)."""
    import math

    _lum, a, b = seen_as(colour)
    return math.degrees(math.atan2(b, a)) % 360


def chroma(colour: str) -> float:
    _lum, a, b = seen_as(colour)
    return (a * a + b * b) ** 0.5
