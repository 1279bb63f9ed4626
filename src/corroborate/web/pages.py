"""The server-rendered pages (to be written)."""

from fastapi import APIRouter

router = APIRouter()
