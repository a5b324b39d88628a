"""Reads back what fpdf2 drew: the text shown and the filled rectangles with their colour.

pypdf is not a dependency, and fpdf2's output is regular enough to read directly: no object
streams, content streams Flate-compressed, embedded fonts with a ToUnicode map (Identity-H, two
bytes a character) and core fonts as Latin-1 literals."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(?:stream\r?\n(.*?)\r?\nendstream)?", re.S)
_LITERAL = rb"\((?:\\.|[^\\)])*\)"
_TOKEN = re.compile(
    rb"/(F\d+) [\d.]+ Tf"
    rb"|(" + _LITERAL + rb") Tj"
    rb"|([\d.]+) ([\d.]+) ([\d.]+) rg"
    rb"|\b([\d.]+) g\b"
    rb"|(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f\b"
    rb"|(?:^|(?<=\s))([qQ])(?=\s)",
    re.S,
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


@dataclass
class Drawn:
    texts: list[str] = field(default_factory=list)
    # (r, g, b) of the fill colour, 0–255, for each filled rectangle
    filled: list[tuple[int, int, int]] = field(default_factory=list)

    def rects_in(self, hex_colour: str) -> int:
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return sum(1 for f in self.filled if f == rgb)

    def has(self, text: str) -> bool:
        return any(text in t for t in self.texts)


def _unescape(literal: bytes) -> bytes:
    out, i = bytearray(), 1
    while i < len(literal) - 1:
        c = literal[i : i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        nxt = literal[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8))
            i += 1 + len(octal.group())
        else:
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def _cmap(stream: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        triples = re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block)
        for lo, hi, start in triples:
            first = int(start, 16)
            for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(first + n)
    return mapping


def read(pdf: bytes) -> Drawn:
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    for m in _OBJECT.finditer(pdf):
        body = m.group(3)
        if body is not None and b"/FlateDecode" in m.group(2):
            body = zlib.decompress(body)
        objects[int(m.group(1))] = (m.group(2), body)
    maps: dict[bytes, dict[int, str] | None] = {}
    for head, _body in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", head):
            font_head = objects[int(ref)][0]
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font_head)
            maps[name] = _cmap(objects[int(to_unicode.group(1))][1] or b"") if to_unicode else None
    drawn = Drawn()
    for head, body in objects.values():
        if body is None or b"/Length1" in head or b"begincmap" in body:
            continue
        font: dict[int, str] | None = None
        fill = (0, 0, 0)
        saved: list[tuple[int, int, int]] = []
        for t in _TOKEN.finditer(body):
            if t.group(11) == b"q":
                saved.append(fill)
            elif t.group(11) == b"Q":
                fill = saved.pop()
            elif t.group(1):
                font = maps.get(t.group(1))
            elif t.group(2):
                raw = _unescape(t.group(2))
                if font is None:
                    drawn.texts.append(raw.decode("latin-1"))
                else:
                    codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                    drawn.texts.append("".join(font.get(c, "\ufffd") for c in codes))
            elif t.group(3):
                fill = tuple(round(float(t.group(n)) * 255) for n in (3, 4, 5))  # type: ignore[assignment]
            elif t.group(6):
                grey = round(float(t.group(6)) * 255)
                fill = (grey, grey, grey)
            elif t.group(7):
                drawn.filled.append(fill)
    return drawn
