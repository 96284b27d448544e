"""What a screen reader finds, read from Qt's accessibility tree.

`unnamed(window)` walks `QAccessible.queryAccessibleInterface(window)` child by child, the
way a screen reader does, skipping what is hidden, and lists every element a person can
use or read that has no name: controls (buttons, check boxes, pickers, sliders, fields,
lists, tables, tabs, menu items), the items of lists, the headers of tables, and the
widgets we paint ourselves (the figure, the slider, the progress bar, the charts), which
must also say what they show in a description. A name made only of symbols ("✕", "←")
counts as none: a screen reader reads those as punctuation or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QComboBox, QGraphicsView, QWidget

Role = QAccessible.Role

#: Roles a person acts on: each needs a name of its own.
INTERACTIVE = frozenset(
    {
        Role.PushButton,
        Role.CheckBox,
        Role.RadioButton,
        Role.ComboBox,
        Role.Slider,
        Role.SpinBox,
        Role.Dial,
        Role.EditableText,
        Role.List,
        Role.ListItem,
        Role.Table,
        Role.Tree,
        Role.TreeItem,
        Role.PageTab,
        Role.PageTabList,
        Role.ButtonMenu,
        Role.ButtonDropDown,
        Role.ButtonDropGrid,
        Role.MenuItem,
        Role.ColumnHeader,
        Role.ProgressBar,
    }
)
#: Views whose children are their rows: only the items and the headers are looked at.
ITEM_VIEWS = frozenset({Role.List, Role.Table, Role.Tree})
#: Children of an item view that need a name (cells may be blank: "no value" is a value).
NAMED_ITEMS = frozenset({Role.ListItem, Role.TreeItem, Role.ColumnHeader})
#: Painted widgets that are buttons or words: named, but their text is their description.
TEXTUAL = INTERACTIVE | {Role.StaticText}


@dataclass(frozen=True, slots=True)
class Found:
    """One element a screen reader would reach, and what it would hear."""

    path: str
    role: QAccessible.Role
    name: str
    description: str
    painted: bool


def painted_by_us(widget: QWidget) -> bool:
    """A widget of ours that draws itself (a `paintEvent` of our own, or a plot)."""
    if isinstance(widget, QGraphicsView) and type(widget).__module__.startswith("coach."):
        return True
    return any(
        cls.__module__.startswith("coach.") and "paintEvent" in vars(cls)
        for cls in type(widget).__mro__
    )


def _label(iface: QAccessibleInterface) -> str:
    obj = iface.object()
    if obj is None:
        return iface.role().name
    name = obj.objectName()
    kind = type(obj).__name__
    return f"{kind}#{name}" if name else kind


def walk(root: QWidget) -> list[Found]:
    """Every element under `root` a screen reader can reach (hidden ones left out)."""
    found: list[Found] = []
    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None and top.isValid(), "no accessible interface for the window"

    def visit(iface: QAccessibleInterface, path: str, depth: int) -> None:
        assert depth < 60, f"the tree is suspiciously deep at {path}"
        for i in range(iface.childCount()):
            child = iface.child(i)
            if child is None or not child.isValid() or child.state().invisible:
                continue
            obj = child.object()
            here = f"{path} > {_label(child)}"
            found.append(
                Found(
                    path=here,
                    role=child.role(),
                    name=child.text(QAccessible.Text.Name),
                    description=child.text(QAccessible.Text.Description),
                    painted=isinstance(obj, QWidget) and painted_by_us(obj),
                )
            )
            if child.role() in ITEM_VIEWS:
                for j in range(child.childCount()):
                    item = child.child(j)
                    if item is None or not item.isValid() or item.role() not in NAMED_ITEMS:
                        continue
                    found.append(
                        Found(
                            path=f"{here} > {item.role().name} {j}",
                            role=item.role(),
                            name=item.text(QAccessible.Text.Name),
                            description="",
                            painted=False,
                        )
                    )
                continue
            visit(child, here, depth + 1)

    visit(top, _label(top), 0)
    return found


def _worded(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def unnamed(root: QWidget) -> list[str]:
    """What a screen reader would find nameless under `root`, one line each."""
    problems: list[str] = []
    for element in walk(root):
        role = element.role
        if (role in INTERACTIVE or element.painted) and not _worded(element.name):
            problems.append(f"no name: {role.name} at {element.path} ({element.name!r})")
        if element.painted and role not in TEXTUAL and not element.description.strip():
            problems.append(f"no description: {role.name} at {element.path}")
    # On Linux a combo box's accessible name is its current text; what the box is for
    # comes from its own accessible name (or a buddy label), so ask for that too.
    for box in root.findChildren(QComboBox):
        if box.isVisibleTo(root) and box.isVisible() and not box.accessibleName():
            iface = QAccessible.queryAccessibleInterface(box)
            labelled = iface is not None and any(
                flags & (QAccessible.RelationFlag.Label | QAccessible.RelationFlag.Labelled)
                for _, flags in iface.relations()
            )
            if not labelled:
                problems.append(f"no name: ComboBox {box.objectName() or type(box).__name__}")
    return problems
