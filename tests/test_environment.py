"""The pip pins and environment.yml agree, and the build environment stays lean."""
import re

from analysis import paths


def pip_pins() -> dict[str, str]:
    pins = {}
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-lab.txt"):
        for line in (paths.ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line:
                pkg, version = line.split("==")
                pins[pkg.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s*([A-Za-z0-9_.-]+)\s*(==|=)\s*([^\s#]+)", line)
        if m and m.group(1) != "python":
            pins[m.group(1).lower()] = m.group(3)
    return pins


def test_every_pip_pin_is_exact_and_matches_environment_yml():
    assert pip_pins() == conda_pins()


def test_build_environment_does_not_install_the_jupyter_meta_package():
    runtime = (paths.ROOT / "requirements.txt").read_text()
    assert not re.search(r"^(jupyter|jupyterlab|notebook)==", runtime, flags=re.M)
