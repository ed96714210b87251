from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


# What the visitor sees should even the static template fail to render.
PLAIN_SERVER_ERROR = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Server error | Taskforce Hub</title></head>'
    "<body><main><h1>Server error</h1><p>Something went wrong on our side. Please try again later.</p>"
    '<p><a href="/">Go to the home page</a></p></main></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page. It is rendered without the request, so no context processor runs: it reads no
    database, user or session, and still answers when the database is what failed."""
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # the error page itself must never fail
        body = PLAIN_SERVER_ERROR
    return HttpResponseServerError(body)
