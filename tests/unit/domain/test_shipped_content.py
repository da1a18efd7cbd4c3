"""The YAML netplan ships reads the same through libyaml's loader as through PyYAML's own."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from netplan.domain.shipped_content import load_yaml

SHIPPED = sorted(p.name for p in resources.files("netplan.data").iterdir()
                 if p.name.endswith((".yaml", ".yml")))


def test_there_is_shipped_yaml():
    assert len(SHIPPED) >= 2


@pytest.mark.parametrize("name", SHIPPED)
def test_each_file_reads_as_the_safe_loader_reads_it(name):
    text = resources.files("netplan.data").joinpath(name).read_text(encoding="utf-8")
    assert load_yaml(name) == yaml.safe_load(text)
