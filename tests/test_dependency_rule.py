"""The domain and the models know nothing of the web or the socket layer."""

import ast
from pathlib import Path

import pytest

CAFE = Path(__file__).resolve().parent.parent / "cafe"
FORBIDDEN = {
    "flask",
    "flask_socketio",
    "wtforms",
    "flask_wtf",
    "flask_login",
    "eventlet",
    "gevent",
    "socketio",
    "engineio",
}


def _imports(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


PURE_FILES = sorted(
    p for d in ("domain", "models", "exports") for p in (CAFE / d).rglob("*.py")
)


@pytest.mark.parametrize("path", PURE_FILES, ids=lambda p: str(p.relative_to(CAFE)))
def test_pure_module_imports_no_web_framework(path):
    leaks = [m for m in _imports(path) if m.split(".")[0] in FORBIDDEN]
    assert leaks == [], f"{path} imports {leaks}"


def test_nothing_under_cafe_imports_eventlet():
    leaks = [
        p
        for p in CAFE.rglob("*.py")
        if any(m.split(".")[0] == "eventlet" for m in _imports(p))
    ]
    assert leaks == []
