from __future__ import annotations

from pathlib import Path

import pytest

from newsgen.config import SiteConfig, config_from_dict, field_docs, load_config
from newsgen.errors import ConfigError


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == SiteConfig()


def test_values_are_loaded_and_typed(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text(
        "title: Daily Bugle\nper_page: 5\nbase_url: https://example.org/archive\n"
        "topics:\n  - name: Climate\n    keywords: [climate change, emissions]\n"
    )
    config = load_config(tmp_path)
    assert config.title == "Daily Bugle"
    assert config.per_page == 5
    assert config.base_url == "https://example.org/archive/"
    assert config.base_path == "/archive/"
    assert config.topics[0].keywords == ("climate change", "emissions")


def test_unknown_and_mistyped_keys_are_all_named(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("titel: X\nper_page: many\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = str(info.value)
    assert "newsgen.yaml" in message
    assert "'titel': unknown key (did you mean 'title'?)" in message
    assert "'per_page'" in message and "'many'" in message
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    "data",
    [
        {"base_url": "example.org"},
        {"language": "english please"},
        {"output_dir": "../elsewhere"},
        {"topics": "Climate"},
        {"topics": [{"name": "X", "colour": "red"}]},
        {"per_page": True},
    ],
    ids=["relative-url", "bad-language", "escaping-output", "topics-not-list", "topic-key", "bool"],
)
def test_bad_values(data: dict) -> None:
    with pytest.raises(ConfigError):
        config_from_dict(data)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("title: ok\nper_page: [\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line is not None


def test_a_bad_value_names_its_key_and_line(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("title: ok\n# the page size\nper_page: 0\ntitel: x\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line == 3  # the first of the two problems
    assert "'per_page'" in str(info.value) and "did you mean 'title'" in str(info.value)


def test_every_field_is_documented() -> None:
    docs = field_docs()
    import dataclasses

    for f in dataclasses.fields(SiteConfig):
        assert docs.get(f.name), f"{f.name} has no docstring"


@pytest.mark.parametrize("value", ["1987", 87, True, 1987.0])
def test_a_year_is_a_four_digit_whole_number(value: object) -> None:
    with pytest.raises(ConfigError, match="'year': expected a year"):
        config_from_dict({"year": value})
    assert config_from_dict({"year": 1987}).year == 1987
