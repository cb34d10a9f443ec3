"""Dependencies shared by the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from neo4j import Driver

from graph.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_driver(request: Request) -> Driver:
    return request.app.state.driver


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[Driver, Depends(get_driver)]
