"""Small hand-written technique and routine files for the content and routine tests."""

from __future__ import annotations

from pathlib import Path

from coach.core.content.library import Library, load_library

BALL = """\
kind = "technique"
schema = 1
id = "ball"
title = "Ball release"
summary = "A ball just inside the hip bone."
equipment = ["a tennis ball"]
position = "Face down"
abdominal = true
cautions = ["Start light."]
stop_signs = ["Sharp pain."]

[[steps]]
text = "Lie face down with the ball under the front of the hip."
side = "none"
illustration = "ball-prone-place"
breaths = 1

[[steps]]
text = "Let the hip sink onto the ball."
side = "right"
illustration = "ball-prone-place"
seconds = 20
target = [3, 5]
coupling = "Sink on the out-breath, hold on the in-breath."
"""

LUNGE = """\
kind = "technique"
schema = 1
id = "lunge"
title = "Lunge with pressure"
summary = "A low lunge."
equipment = []
position = "Low lunge"
abdominal = false
cautions = ["Pad the knee."]
stop_signs = ["Sharp pain."]

[[steps]]
text = "Press into the front of the back hip."
side = "right"
illustration = "lunge-press"
breaths = 2
target = [2, 4]
"""

ROUTINE = """\
kind = "routine"
schema = 1
id = "mini"
title = "Mini"
summary = "Breathing, ball both sides, lunge right, breathing."
pattern = "calm"

[[blocks]]
type = "breathing"
pattern = "calm"
breaths = 2

[[blocks]]
type = "technique"
technique = "ball"

[[blocks]]
type = "technique"
technique = "lunge"
sides = ["right"]

[[blocks]]
type = "breathing"
pattern = "calm"
minutes = 0.5
"""


def write_library(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    defaults = {"ball.toml": BALL, "lunge.toml": LUNGE, "mini.toml": ROUTINE}
    for name, text in {**defaults, **{k.replace("_", "."): v for k, v in files.items()}}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def sample_library(tmp_path: Path) -> Library:
    return load_library(write_library(tmp_path / "content"), None)
