"""Reading what `make package` builds: the SAM template (intrinsics as dicts) and the deployment zip."""
import struct
import zipfile
from pathlib import Path

import yaml

ELF_MACHINES = {62: "x86_64", 183: "arm64"}  # e_machine of an ELF header


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: {suffix: loader.construct_object(node)}
                              if not isinstance(node, yaml.ScalarNode) else {suffix: node.value})


def build(stage: str, out: Path) -> Path:
    """Runs what `make package` runs (infra/package.py) into `out`; returns it."""
    from infra import package

    package.chalice_package(stage, out)
    package.add_bytecode(out / "deployment.zip")
    return out


def resources(out: Path) -> dict:
    return template(out)["Resources"]


def template(out: Path) -> dict:
    return yaml.load((out / "sam.yaml").read_text(), Loader=_Loader)  # noqa: S506 - SafeLoader subclass


def of_type(template_resources: dict, kind: str) -> dict[str, dict]:
    return {name: r for name, r in template_resources.items() if r["Type"] == kind}


def mapped(document: dict, stage: str, value):
    """A property's value for `stage`: {"Fn::FindInMap": [map, {"Ref": "Stage"}, key]} looked up, else as is."""
    if isinstance(value, dict) and "Fn::FindInMap" in value:
        mapping, _, key = value["Fn::FindInMap"]
        return document["Mappings"][mapping][stage][key]
    return value


def referenced(value) -> str:
    """The logical id in {"Ref": id} or {"Fn::GetAtt": [id, attribute]}."""
    if "Ref" in value:
        return value["Ref"]
    return value["Fn::GetAtt"][0]


def native_modules(zip_path: Path) -> dict[str, str]:
    """Each compiled extension in the zip (name up to its first dot) -> the architecture its ELF header names."""
    with zipfile.ZipFile(zip_path) as archive:
        return {name.split(".")[0]: ELF_MACHINES.get(struct.unpack("<H", archive.read(name)[18:20])[0], "other")
                for name in archive.namelist() if name.endswith(".so")}
