"""The JSON API under /api/ (to be written)."""

from fastapi import APIRouter

router = APIRouter(prefix="/api")
