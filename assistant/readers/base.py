"""What every format reader gives back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """A reader's result: the document text, its encoding label, and (offset, label) locators."""

    text: str
    encoding: str
    locators: list[tuple[int, str]] = field(default_factory=list)


def join_blocks(blocks: list[tuple[str, str]]) -> Extracted:
    """Join (label, text) blocks with blank lines, recording where each labelled block starts."""
    parts: list[str] = []
    locators: list[tuple[int, str]] = []
    pos = 0
    for label, block in blocks:
        if parts:
            pos += 2
        if label:
            locators.append((pos, label))
        parts.append(block)
        pos += len(block)
    return Extracted("\n\n".join(parts), "", locators)
