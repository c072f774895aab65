"""Notebooks are committed as clean sources with a parameters cell that documents every parameter."""
import nbformat
import pytest

from analysis import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_there_are_the_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["clean.ipynb", "location.ipynb", "overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} has outputs"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_hold_no_logic(path):
    """Code cells call analysis/; no function definitions, loops or pandas work of their own."""
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        code = "\n".join(line.split("#")[0] for line in cell.source.splitlines())
        for banned in ("def ", "class ", "for ", "while ", ".groupby(", ".merge(", "lambda"):
            assert banned not in code, f"{path.name}: {banned!r} belongs in analysis/"
