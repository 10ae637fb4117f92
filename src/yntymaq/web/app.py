"""The web UI and the JSON API: thin wrappers that parse a request, call `yntymaq.views` and format.

Each page builds one data dict with a view function; its HTML template renders that dict and its API
endpoint returns it, so the two cannot disagree. Errors reach an API client as one JSON shape,
`{"error": {"code": ..., "message": ...}}`, and a reader as an error page: never a traceback.
Nothing is loaded from outside the server: the styles, the script and the pictures are ours.
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from yntymaq import __version__, settings, views
from yntymaq.ask import ask, looks_like_question
from yntymaq.errors import Ambiguous, BadInput, NotFound, TextReadError, TimeLimit, YntymaqError
from yntymaq.i18n import check_lang, t
from yntymaq.kb import KB
from yntymaq.kb.dataset import STATUSES
from yntymaq.kb.meetings import BODIES, KINDS, SERIES
from yntymaq.kb.query import SECRETARY_GENERAL, parse_date
from yntymaq.vocab import LANGS
from yntymaq.web import guard, schema, urls
from yntymaq.web.cache import ResponseCache
from yntymaq.web.workers import Analysers
from yntymaq.web.chart import chart_span, render_chart
from yntymaq.web.highlight import highlight
from yntymaq.web.worldmap import render_count_chart, render_map

HERE = Path(__file__).resolve().parent
LANG_COOKIE = "lang"
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
log = logging.getLogger("yntymaq.web")

_STATUS_OF_ERROR = ((NotFound, 404), (Ambiguous, 409), (BadInput, 400), (TextReadError, 422), (TimeLimit, 503))


def error_body(code: str, message: str, **extra) -> dict:
    """The one shape of every API error."""
    return {"error": {"code": code, "message": message, **extra}}


def _http_status(err: YntymaqError) -> int:
    return next((status for cls, status in _STATUS_OF_ERROR if isinstance(err, cls)), 500)


def _whole_number(text: str | None, field: str) -> int | None:
    """A whole number from a form field; an empty field is no filter."""
    if text is None or not text.strip():
        return None
    try:
        return int(text)
    except ValueError:
        raise BadInput(f"{field}: {text!r} is not a whole number") from None


def _blank_to_none(text: str | None) -> str | None:
    """An empty form field means no filter."""
    if text is None:
        return None
    return text.strip() or None


def create_app(db: str | None = None, *, lang: str | None = None) -> FastAPI:
    """The application over the knowledge base at `db` (the `db` setting by default); pages speak
    `lang` (the `lang` setting by default, Kazakh) until a reader picks another language.

    The knowledge base is opened once, now, so that a missing or empty one is reported at start."""
    kb = KB.open(db)
    default_lang = check_lang(settings.get("lang", lang))
    app = FastAPI(
        title="yntymaq API",
        version=__version__,
        description="Sourced, temporal facts about the Organisation of Islamic Cooperation, in kk, ru and en. "
                    "Every endpoint takes `lang` (kk, ru, en) for the labels.",
        openapi_url="/api/openapi.json",
        responses=schema.ERROR_RESPONSES,  # every endpoint documents the errors it may answer with
        docs_url=None,  # FastAPI's own docs pages load their scripts from a CDN; ours are at /api/docs
        redoc_url=None,
    )
    app.state.kb = kb
    # Pages and answers are reused until the data or the day changes (see web/cache.py).
    app.add_middleware(ResponseCache, generation=kb.store.generation, cookie=LANG_COOKIE,
                       skip=(urls.SYSTEM_PREFIX,))
    # the guard outermost (added last), so that cached answers carry its headers too
    app.add_middleware(guard.Guard)  # body size limit, cross-origin writes refused, security headers
    analysers = app.state.analysers = Analysers(kb.store.url, kb)  # posted texts are analysed in worker processes
    app.router.add_event_handler("shutdown", analysers.close)
    app.mount(urls.SYSTEM_PREFIX + "static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.trim_blocks = True
    templates.env.lstrip_blocks = True
    templates.env.globals.update(
        entity_url=urls.entity_url, page_url=urls.page_url, api_url=urls.api_url, static_url=urls.static_url,
        document_url=urls.document_url, csv_url=lambda here, params: urls.with_params(here, params, format="csv"),
        version=__version__, bodies=list(BODIES), series=list(SERIES), kinds=list(KINDS), statuses=list(STATUSES),
    )

    templates.env.globals["verdicts"] = views.VERDICTS

    # -- languages and rendering ----------------------------------------------------------

    def page_lang(request: Request) -> tuple[str, bool]:
        """The page's language: ?lang= (remembered in a cookie), else the cookie, else the default."""
        asked = request.query_params.get("lang")
        if asked:
            return check_lang(asked), True
        remembered = request.cookies.get(LANG_COOKIE)
        return (remembered if remembered in LANGS else default_lang), False

    def api_lang(lang: str | None) -> str:
        return check_lang(lang or default_lang)

    def render(request: Request, template: str, *, lang: str, remember: bool, here: str, params: dict,
               data: dict | None, api: str | None, title: str, status: int = 200, **extra) -> HTMLResponse:
        """A page: `here` is its path without query and `params` its query, for the language switch."""

        def tr(key: str, **values) -> str:
            return t(key, lang, **values)

        def chart_svgs(chart: dict | None, highlight: str | None = "KZ") -> list[tuple[dict, str]]:
            if not chart:
                return []
            span = chart_span(chart)
            return [(group, render_chart(group, today=chart["today"], span=span, uid=f"chart-{i}",
                                         entity_url=urls.entity_url, open_label=tr("open"), highlight=highlight))
                    for i, group in enumerate(chart["groups"])]

        switch = [(code, LANG_NAMES[code], urls.with_params(here, params, lang=code)) for code in LANGS]
        context = {"data": data, "lang": lang, "t": tr, "title": title, "switch": switch, "api": api,
                   "here": here, "params": params, "chart_svgs": chart_svgs,
                   "body_label": {organ: tr(f"body.{body}") for body, organ in BODIES.items()}, **extra}
        response = templates.TemplateResponse(request, template, context, status_code=status)
        if remember:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
        return response

    def query_of(request: Request) -> dict:
        return {k: v for k, v in request.query_params.items() if k != "lang"}

    def as_csv(request: Request, name: str, data: dict) -> Response | None:
        """The page's list as CSV when asked with ?format=csv (every list page has the link)."""
        wanted = request.query_params.get("format")
        if wanted is None:
            return None
        if wanted.lower() != "csv":
            raise BadInput(f"format: {wanted!r} is not csv; leave it out for the page")
        header, rows = views.csv_rows(name, data)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        filename = name.replace("_", "-") + ".csv"
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    # -- errors ---------------------------------------------------------------------------

    def error_response(request: Request, status: int, code: str, message: str, **extra) -> Response:
        if request.url.path.startswith(urls.API_PREFIX) or request.url.path == "/api":
            return JSONResponse(error_body(code, message, **extra), status_code=status)
        try:
            lang, _ = page_lang(request)
        except YntymaqError:
            lang = default_lang
        return render(request, "error.html", lang=lang, remember=False, here="/", params={}, data=None, api=None,
                      title=t("web.error", lang), status=status, error={"status": status, "code": code,
                                                                      "message": message, **extra})

    @app.exception_handler(YntymaqError)
    async def on_library_error(request: Request, err: YntymaqError) -> Response:
        extra = {"candidates": err.candidates} if isinstance(err, Ambiguous) else {}
        return error_response(request, _http_status(err), err.code, str(err), **extra)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(request, 404, "not_found", f"no page at {request.url.path}")
        if exc.status_code == 405:
            allowed = exc.headers.get("Allow", "GET") if exc.headers else "GET"
            response = error_response(request, 405, "method_not_allowed",
                                      f"{request.method} is not allowed here: use {allowed}")
            response.headers["Allow"] = allowed
            return response
        return error_response(request, exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors())
        return error_response(request, 400, BadInput.code, problems)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal_error", "an unexpected error occurred; it has been logged")

    # -- pages ----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_page(request: Request, at: str | None = None):
        lang, remember = page_lang(request)
        at = _blank_to_none(at)
        data = views.home_view(kb, lang, at=parse_date(at, field_name="at"))
        return render(request, "home.html", lang=lang, remember=remember, here="/", params=query_of(request),
                      data=data, api=urls.api_url("home", at=at, lang=lang), title=data["organisation"]["label"])

    @app.get("/members", response_class=HTMLResponse, include_in_schema=False)
    def members_page(request: Request, at: str | None = None, status: str | None = None):
        lang, remember = page_lang(request)
        at, status = _blank_to_none(at), _blank_to_none(status)
        data = views.members_view(kb, lang, at=parse_date(at, field_name="at"), status=status)
        if (table := as_csv(request, "members", data)) is not None:
            return table
        return render(request, "members.html", lang=lang, remember=remember, here=urls.page_url("members"),
                      params=query_of(request), data=data, api=urls.api_url("members", at=at, status=status, lang=lang),
                      title=t("nav.members", lang))

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, at: str | None = None):
        lang, remember = page_lang(request)
        at = _blank_to_none(at)
        data = views.map_view(kb, lang, at=parse_date(at, field_name="at"))
        statuses = {r["state"]: r["status"] for r in data["members"]}
        labels = {e.id: e.label(lang) for e in kb.entities.values()}
        status_labels = {s["status"]: s["label"] for s in data["statuses"]}
        svg = render_map(statuses, labels, status_labels, title=t("web.map_figure", lang, at=data["at"]),
                         none_label=t("web.map_not_member", lang))
        chart = render_count_chart(data["series"], at_year=int(data["at"][:4]), title=t("web.map_chart", lang))
        return render(request, "map.html", lang=lang, remember=remember, here=urls.page_url("map"),
                      params=query_of(request), data=data, api=urls.api_url("map", at=at, lang=lang),
                      title=t("nav.map", lang), map_svg=svg, chart_svg=chart)

    @app.get("/meetings", response_class=HTMLResponse, include_in_schema=False)
    def meetings_page(request: Request, body: str | None = None, kind: str | None = None, year: str | None = None,
                      number: str | None = None, place: str | None = None):
        lang, remember = page_lang(request)
        filters = {"body": _blank_to_none(body), "kind": _blank_to_none(kind), "year": _whole_number(year, "year"),
                   "number": _whole_number(number, "number"), "place": _blank_to_none(place)}
        data = views.meetings_view(kb, lang, **filters)
        if (table := as_csv(request, "meetings", data)) is not None:
            return table
        return render(request, "meetings.html", lang=lang, remember=remember, here=urls.page_url("meetings"),
                      params=query_of(request), data=data, api=urls.api_url("meetings", **filters, lang=lang),
                      title=t("nav.meetings", lang))

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, entity: str | None = None):
        lang, remember = page_lang(request)
        entity = _blank_to_none(entity)
        data = views.timeline_view(kb, lang, entity)
        api = urls.api_url("timeline", entity, lang=lang) if entity else urls.api_url("timeline", lang=lang)
        title = f'{t("nav.timeline", lang)}: {data["entity"]["label"]}' if entity else t("nav.timeline", lang)
        if (table := as_csv(request, "timeline", data)) is not None:
            return table
        return render(request, "timeline.html", lang=lang, remember=remember, here=urls.page_url("timeline"),
                      params=query_of(request), data=data, api=api, title=title)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str | None = None, entity: str | None = None, verdict: str | None = None):
        lang, remember = page_lang(request)
        query, entity, verdict = _blank_to_none(q), _blank_to_none(entity), _blank_to_none(verdict)
        if query and not entity and not verdict and looks_like_question(query):  # a question is answered
            return RedirectResponse(urls.page_url("ask", q=query), status_code=303)
        data = views.search_view(kb, lang, query or "", entity=entity, verdict=verdict) if query or entity or verdict else None
        if data and data["best"] and not entity and not verdict:
            response = RedirectResponse(urls.entity_url(data["best"]["id"]), status_code=303)
            if remember:
                response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
            return response
        status = 404 if data and not data["results"] and not data["passages"] else 200
        api = urls.api_url("search", q=query, entity=entity, verdict=verdict, lang=lang) if data else None
        return render(request, "search.html", lang=lang, remember=remember, here=urls.page_url("search"),
                      params=query_of(request), data=data, api=api, title=t("web.search", lang), status=status)

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_page(request: Request, q: str | None = None):
        lang, remember = page_lang(request)
        query = _blank_to_none(q)
        data = ask(kb, query) if query else None
        api = urls.api_url("ask", q=query) if query else None
        from yntymaq.ask.answer import templates

        words = templates(lang)
        return render(request, "ask.html", lang=lang, remember=remember, here=urls.page_url("ask"),
                      params=query_of(request), data=data, api=api, title=words["page.title"], words=words)

    @app.get(urls.ENTITY_PREFIX + "{ident:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, ident: str):
        lang, remember = page_lang(request)
        data = views.entity_view(kb, kb.record(ident), lang)
        if (table := as_csv(request, "entity", data)) is not None:
            return table
        return render(request, "entity.html", lang=lang, remember=remember, here=urls.entity_url(ident),
                      params=query_of(request), data=data, api=urls.api_url("entity", ident, lang=lang),
                      title=data["entity"]["label"])

    # -- documents ------------------------------------------------------------------------

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request):
        lang, remember = page_lang(request)
        data = views.documents_view(kb, lang)
        if (table := as_csv(request, "documents", data)) is not None:
            return table
        return render(request, "documents.html", lang=lang, remember=remember, here=urls.page_url("documents"),
                      params=query_of(request), data=data, api=urls.api_url("documents", lang=lang),
                      title=t("web.documents_title", lang))

    @app.get(urls.DOCUMENT_PREFIX + "{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str):
        lang, remember = page_lang(request)
        data = views.document_view(kb, doc_id, lang)
        text_html = highlight(
            data["text"], data["mentions"], data["claims"], entity_url=urls.entity_url,
            title=lambda c: f'{c["verdict_label"]}: {c["predicate_label"]}',
            unlinked_title=lambda m: t("web.mention_unlinked", lang, candidates=", ".join(m["candidates"]) or "—"))
        return render(request, "document.html", lang=lang, remember=remember, here=urls.document_url(doc_id),
                      params=query_of(request), data=data, api=urls.api_url("documents", doc_id, lang=lang),
                      title=data["document"]["name"], text_html=text_html, claims_shown=DOCUMENT_CLAIMS_SHOWN)

    @app.get("/disagreements", response_class=HTMLResponse, include_in_schema=False)
    def disagreements_page(request: Request):
        lang, remember = page_lang(request)
        data = views.disagreements_view(kb, lang)
        return render(request, "disagreements.html", lang=lang, remember=remember,
                      here=urls.page_url("disagreements"), params=query_of(request), data=data,
                      api=urls.api_url("disagreements", lang=lang), title=t("web.disagreements", lang))

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request):
        lang, remember = page_lang(request)
        data = views.conflicts_view(kb, lang)
        if (table := as_csv(request, "conflicts", data)) is not None:
            return table
        return render(request, "conflicts.html", lang=lang, remember=remember, here=urls.page_url("conflicts"),
                      params=query_of(request), data=data, api=urls.api_url("conflicts", lang=lang),
                      title=t("web.conflicts", lang))

    @app.get("/secretaries-general", response_class=HTMLResponse, include_in_schema=False)
    def secretaries_general_page(request: Request):
        lang, remember = page_lang(request)
        data = views.secretaries_general_view(kb, lang)
        if (table := as_csv(request, "secretaries_general", data)) is not None:
            return table
        return render(request, "secretaries_general.html", lang=lang, remember=remember,
                      here=urls.page_url("secretaries_general"), params=query_of(request), data=data,
                      api=urls.api_url("secretaries-general", lang=lang), title=t("web.secretaries_general", lang))

    @app.get("/organs", response_class=HTMLResponse, include_in_schema=False)
    def organs_page(request: Request):
        lang, remember = page_lang(request)
        data = views.organs_view(kb, lang)
        if (table := as_csv(request, "organs", data)) is not None:
            return table
        return render(request, "organs.html", lang=lang, remember=remember, here=urls.page_url("organs"),
                      params=query_of(request), data=data, api=urls.api_url("organs", lang=lang),
                      title=t("web.organs", lang))

    def check_form(request: Request, *, status: int = 200, error: str | None = None, text: str = "",
                   name: str = "") -> HTMLResponse:
        lang, remember = page_lang(request)
        return render(request, "check.html", lang=lang, remember=remember, here=urls.page_url("check"),
                      params=query_of(request), data=None, api=None, title=t("web.check_title", lang),
                      status=status, form={"error": error, "text": text, "name": name})

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_page(request: Request):
        return check_form(request)

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_submit(request: Request, text: str = Form(""), name: str = Form(""),
                     file: UploadFile | None = File(None)):
        """Store the pasted text or the uploaded file as a document and show its page."""
        lang, remember = page_lang(request)
        text = text.replace("\r\n", "\n")  # a browser sends a text area's lines ended by CRLF
        name = name.strip()
        try:
            guard.refuse_surrogates("text", text), guard.refuse_surrogates("name", name)
            if file is not None and file.filename:
                doc_id, _ = analysers.run("ingest_bytes", file.file.read(), name=name or file.filename)
            elif text.strip():
                doc_id = analysers.run("ingest_text", text, name=name or _first_words(text))
            else:
                return check_form(request, status=400, error=t("web.input_missing", lang), text=text, name=name)
        except YntymaqError as err:
            return check_form(request, status=_http_status(err), error=str(err), text=text, name=name)
        response = RedirectResponse(urls.document_url(doc_id), status_code=303)
        if remember:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
        return response

    @app.get("/api", include_in_schema=False)
    def api_root():
        return RedirectResponse(urls.page_url("api_docs"), status_code=307)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs_page(request: Request):
        lang, remember = page_lang(request)
        return render(request, "api_docs.html", lang=lang, remember=remember, here=urls.page_url("api_docs"),
                      params=query_of(request), data=_endpoints(app.openapi()), api="/api/openapi.json",
                      title=t("web.api_docs", lang))

    # -- the API --------------------------------------------------------------------------

    lang_query = Query(None, description="Language of labels: kk (default), ru or en.",
                       json_schema_extra=schema.LANG_SCHEMA)
    at_query = Query(None, description="A date: YYYY, YYYY-MM or YYYY-MM-DD (default: today).", examples=["1982"],
                     json_schema_extra=schema.DATE_SCHEMA)
    at_or_all_query = Query(None, description="A date: YYYY, YYYY-MM or YYYY-MM-DD (default: all of them).",
                            json_schema_extra=schema.DATE_SCHEMA)

    @app.get("/api/home", tags=["pages"], summary="The organisation at a glance on a date (the home page's data)")
    def api_home(at: str | None = at_query, lang: str | None = lang_query) -> dict:
        return views.home_view(kb, api_lang(lang), at=parse_date(at, field_name="at"))

    @app.get("/api/members", tags=["membership"], summary="The states of the OIC at a date, with their status")
    def api_members(at: str | None = at_query,
                    status: str | None = Query(None, description="member, observer or suspended.",
                                               json_schema_extra=schema.one_of(STATUSES)),
                    lang: str | None = lang_query) -> dict:
        return views.members_view(kb, api_lang(lang), at=parse_date(at, field_name="at"), status=status)

    @app.get("/api/map", tags=["membership"],
             summary="The members map's data: the states at a date with their status, and the count year by year")
    def api_map(at: str | None = at_query, lang: str | None = lang_query) -> dict:
        return views.map_view(kb, api_lang(lang), at=parse_date(at, field_name="at"))

    @app.get("/api/members/count", tags=["membership"], summary="How many members and observers at a date (derived)")
    def api_member_count(at: str | None = at_query, lang: str | None = lang_query) -> dict:
        return kb.member_count(at=parse_date(at, field_name="at")).to_dict(api_lang(lang))

    @app.get("/api/meetings", tags=["meetings"], summary="Summits and Council of Foreign Ministers sessions")
    def api_meetings(body: str | None = Query(None, description="A meeting series, any case: " + ", ".join(SERIES) + ".",
                                              json_schema_extra=schema.one_of_any_case(SERIES, blank=True)),
                     kind: str | None = Query(None, description="ordinary or extraordinary.",
                                              json_schema_extra=schema.one_of(KINDS)),
                     year: int | None = Query(None, description="A year the meeting was held in.", ge=1, le=9999),
                     number: int | None = Query(None, description="The session's ordinal number.", ge=1, le=9999),
                     place: str | None = Query(None, description="A city or a state, any name in any language."),
                     lang: str | None = lang_query) -> dict:
        return views.meetings_view(kb, api_lang(lang), body=body, kind=kind, year=year, number=number, place=place)

    @app.get("/api/chair", tags=["meetings"], summary="Who chaired a body (derived from its sessions)")
    def api_chair(body: str = Query("cfm", description="summit or cfm.", json_schema_extra=schema.one_of(BODIES)),
                  at: str | None = at_or_all_query,
                  lang: str | None = lang_query) -> dict:
        return views.chair_view(kb, api_lang(lang), body=body, at=parse_date(at, field_name="at"))

    @app.get("/api/office", tags=["offices"], summary="Who held an office (the Secretary General by default)")
    def api_office(office: str = Query(SECRETARY_GENERAL, description="The office: its id or any of its names."),
                   at: str | None = at_or_all_query,
                   lang: str | None = lang_query) -> dict:
        return views.office_view(kb, api_lang(lang), office=office, at=parse_date(at, field_name="at"))

    @app.get("/api/conflicts", tags=["entities"], summary="Where the curated sources disagree: every version with its source")
    def api_conflicts(lang: str | None = lang_query) -> dict:
        return views.conflicts_view(kb, api_lang(lang))

    @app.get("/api/secretaries-general", tags=["offices"], summary="Every Secretary General with term and sources")
    def api_secretaries_general(lang: str | None = lang_query) -> dict:
        return views.secretaries_general_view(kb, api_lang(lang))

    @app.get("/api/organs", tags=["entities"], summary="The OIC's organs and institutions with their category")
    def api_organs(lang: str | None = lang_query) -> dict:
        return views.organs_view(kb, api_lang(lang))

    @app.get("/api/entity/{ident:path}", tags=["entities"], summary="Everything about one entity (its page's data)")
    def api_entity(ident: str, lang: str | None = lang_query) -> dict:
        lang = api_lang(lang)
        return views.entity_view(kb, kb.record(ident), lang)

    @app.get("/api/timeline", tags=["entities"], summary="The timeline picture's data: membership and chairs")
    def api_timeline(lang: str | None = lang_query) -> dict:
        return views.timeline_view(kb, api_lang(lang))

    @app.get("/api/timeline/{ident:path}", tags=["entities"], summary="An entity's dated events and its timeline rows")
    def api_entity_timeline(ident: str, lang: str | None = lang_query) -> dict:
        return views.timeline_view(kb, api_lang(lang), ident)

    @app.get("/api/search", tags=["entities"],
             summary="The entities a name may mean (typos and other scripts forgiven) and the passages of the documents")
    def api_search(q: str = Query("", description="A name in kk, ru or en (case endings, typos and other scripts "
                                                 "allowed), an id, or words to find in the stored documents."),
                   entity: str | None = Query(None, description="Only passages that mention this entity (id or name)."),
                   verdict: str | None = Query(None, description="Only passages with a claim of this verdict: "
                                                                 "supported, contradicted, new, unverifiable.",
                                               json_schema_extra=schema.one_of_any_case(
                                                   ("supported", "contradicted", "new", "unverifiable"), blank=True)),
                   limit: int = Query(20, ge=1, le=200, description="At most this many passages."),
                   lang: str | None = lang_query) -> dict:
        return views.search_view(kb, api_lang(lang), q, entity=_blank_to_none(entity),
                                 verdict=_blank_to_none(verdict), limit=limit)

    @app.get("/api/ask", tags=["entities"], summary="A question in kk, ru or en answered with its facts and sources")
    def api_ask(q: str = Query(description="The question, e.g. Қазақстан ИЫҰ-ға қашан мүше болды?",
                               json_schema_extra={"pattern": r"\S"}),
                lang: str | None = Query(None, description="The question's language (kk, ru, en); read from it by default.",
                                         json_schema_extra=schema.LANG_SCHEMA)) -> dict:
        if not q.strip():
            raise BadInput("q: give a question, e.g. Қазақстан ИЫҰ-ға қашан мүше болды?")
        return ask(kb, q, lang=check_lang(lang) if lang else None)

    @app.get("/api/documents", tags=["documents"], summary="The stored documents, with their claims' verdicts counted")
    def api_documents(lang: str | None = lang_query) -> dict:
        return views.documents_view(kb, api_lang(lang))

    @app.get("/api/documents/{doc_id}", tags=["documents"],
             summary="One stored document: text, mentions, claims with verdicts and evidence (its page's data)")
    def api_document(doc_id: str, lang: str | None = lang_query) -> dict:
        return views.document_view(kb, doc_id, api_lang(lang))

    @app.post("/api/check", tags=["documents"],
              summary="A text's mentions and claims with their verdicts and evidence; nothing is stored")
    def api_check(body: CheckRequest, lang: str | None = lang_query) -> dict:
        guard.refuse_surrogates("text", body.text), guard.refuse_surrogates("name", body.name)
        return analysers.run("check", body.text, api_lang(lang), text_lang=body.language or None, name=body.name)

    @app.get("/api/disagreements", tags=["documents"], summary="Where stored documents disagree, side by side")
    def api_disagreements(lang: str | None = lang_query) -> dict:
        return views.disagreements_view(kb, api_lang(lang))

    return app


class CheckRequest(BaseModel):
    """The body of `POST /api/check`."""

    text: str = Field(description="The text to check: plain text with at least one letter, digit or sign that is not "
                                  "a space; the whole body at most the `max_body` setting (YNTYMAQ_MAX_BODY, 2M).",
                      json_schema_extra={"pattern": r"\S"})
    language: str | None = Field(None, description="The text's language (kk, ru, en); detected when absent.",
                                 json_schema_extra={"enum": [*schema.LANG_SCHEMA["enum"], None]})
    name: str | None = Field(None, description="A name for the text, echoed in the answer.")


DOCUMENT_CLAIMS_SHOWN = 500
"""Claims whose evidence a document's page lists, at most (the text itself shows every claim; the
API has all the evidence): a document with thousands of claims must not make a page of many megabytes."""


def _first_words(text: str, width: int = 60) -> str:
    """A name for a pasted text: its first line, cut at a word."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= width:
        return line
    return line[:width].rsplit(" ", 1)[0] + "…"


# A working call of each endpoint, linked from the docs page.
EXAMPLES = {
    "/api/home": "/api/home?at=2012-03-01", "/api/members": "/api/members?at=1982&status=suspended",
    "/api/members/count": "/api/members/count?at=1995", "/api/map": "/api/map?at=1982", "/api/meetings": "/api/meetings?body=cfm&year=2011",
    "/api/chair": "/api/chair?body=cfm&at=2012-03-01", "/api/office": "/api/office?at=2011-06",
    "/api/entity/{ident}": "/api/entity/KZ", "/api/timeline": "/api/timeline?lang=en",
    "/api/timeline/{ident}": "/api/timeline/OIC/cfm/38", "/api/search": "/api/search?q=Kazahstan",
    "/api/documents": "/api/documents", "/api/disagreements": "/api/disagreements?lang=en",
    "/api/conflicts": "/api/conflicts?lang=en", "/api/secretaries-general": "/api/secretaries-general?lang=en",
    "/api/organs": "/api/organs?lang=en",
}


def _endpoints(schema: dict) -> dict:
    """The API's endpoints read from its OpenAPI schema, for the docs page."""
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type_of(p.get("schema", {})), "default": p.get("schema", {}).get("default"),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "example": EXAMPLES.get(path),
                              "tag": (op.get("tags") or [""])[0], "parameters": params})
    return {"title": schema.get("info", {}).get("title"), "version": schema.get("info", {}).get("version"),
            "description": schema.get("info", {}).get("description", ""), "endpoints": endpoints}


def _type_of(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"])
    return schema.get("type", "")
