import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments.models import Assessment
from assessments.selectors import is_own_web
from community import selectors as community_selectors
from core.exports import safe_row
from core.formatting import score_value
from evaluation.selectors import may_enter_costs, quarter_aims
from insights import selectors, services
from insights.disclosure import MINIMUM_GROUP
from insights.forms import ConsentForm, QuoteForm
from insights.models import AgeBand, Analyst, ProgrammeQuote
from sharing.guardian_consent import GuardianConsentNeeded


def _own_web(request: HttpRequest, token: str) -> Assessment:
    assessment = get_object_or_404(Assessment, access_token=token)
    if not is_own_web(request, assessment):
        raise Http404
    return assessment


def _current_programme(assessment: Assessment):
    consent = getattr(assessment, "collective_consent", None)
    return consent.programme if consent else None


@require_POST
def opt_in(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.opt_in(
                assessment,
                postcode_area=form.cleaned_data["postcode_area"],
                age_band=form.cleaned_data["age_band"],
                programme=_current_programme(assessment),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except GuardianConsentNeeded as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Thank you. Your web now counts anonymously."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(reverse("assessments:result", args=[token]) + "#insights-panel")


@require_POST
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _own_web(request, token)
    if services.opt_out(assessment):
        messages.success(
            request,
            _(
                "Your web no longer counts in new figures. Figures of quarters that were "
                "already published stay as they are: nobody can trace them to you."
            ),
        )
    return redirect(reverse("assessments:result", args=[token]) + "#insights-panel")


def _analyst(request: HttpRequest) -> Analyst:
    analyst = selectors.analyst_for(request.user)
    if analyst is None:
        raise PermissionDenied
    return analyst


def _figures(request: HttpRequest):
    analyst = _analyst(request)
    filters, errors = selectors.parse_filters(request.GET)
    if filters.area and not analyst.is_national and filters.area not in analyst.postcode_areas:
        errors.append(_("That postcode area is outside your area; showing your whole area."))
        filters = selectors.Filters(**{**filters.__dict__, "area": ""})
    figures = selectors.dashboard(selectors.scope_filter(analyst), filters)
    return analyst, filters, errors + figures.messages, figures


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    analyst, filters, errors, figures = _figures(request)
    return render(
        request,
        "insights/dashboard.html",
        {
            "analyst": analyst,
            "filters": filters,
            "errors": errors,
            "figures": figures,
            "breakdowns": selectors.BREAKDOWNS.items(),
            "age_bands": AgeBand.choices,
            "areas": sorted(analyst.postcode_areas),
            "programmes": selectors.visible_programmes(request.user),
            "query": request.GET.urlencode(),
            "webs_rows": list(zip(figures.groups, figures.webs, strict=True)),
            "breakdown_label": selectors.BREAKDOWNS[filters.breakdown],
            "show_change": filters.breakdown in selectors.ORDERED_BREAKDOWNS,
            "published_until": selectors.latest_published_period(),
        },
    )


def _export_rows(figures) -> list[list]:
    header = [_("dimension"), str(selectors.BREAKDOWNS[figures.breakdown]), _("number"), _("mean")]
    rows = [header + list(figures.bin_labels)]
    for dimension in figures.dimensions:
        for row in [*dimension.rows, dimension.total]:
            mean = score_value(row.mean) if row.mean is not None else ""
            count = row.count if row.count is not None else ""
            bins = ["" if b is None else b for b in row.bins]
            rows.append([dimension.name, row.label, count, mean, *bins])
    return rows


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    _analyst_, _filters, _errors, figures = _figures(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="brede-blik-inzicht.csv"'
    writer = csv.writer(response)
    writer.writerows(safe_row(row) for row in _export_rows(figures))
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    _analyst_, _filters, _errors, figures = _figures(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Figures")[:31]
    for row in _export_rows(figures):
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="brede-blik-inzicht.xlsx"'
    return response


@require_GET
def api_figures(request: HttpRequest) -> JsonResponse:
    if selectors.analyst_for(request.user) is None:
        return JsonResponse({"detail": "forbidden"}, status=403)
    _analyst_, filters, errors, figures = _figures(request)
    return JsonResponse(
        {
            "breakdown": figures.breakdown,
            "minimum_group": MINIMUM_GROUP,
            "published_until": selectors.latest_published_period(),
            "messages": errors,
            "groups": [
                {"label": label, "webs": webs}
                for label, webs in zip(figures.groups, figures.webs, strict=True)
            ],
            "webs_total": figures.webs_total,
            "bins": list(figures.bin_labels),
            "dimensions": [
                {
                    "id": d.id,
                    "name": d.name,
                    "rows": [
                        {"label": r.label, "count": r.count, "mean": r.mean, "bins": r.bins}
                        for r in [*d.rows, d.total]
                    ],
                }
                for d in figures.dimensions
            ],
        }
    )


@login_required
@require_GET
def neighbourhood_report(request: HttpRequest, area: str) -> HttpResponse:
    analyst = _analyst(request)
    if not analyst.is_national and area not in analyst.postcode_areas:
        raise Http404
    filters = selectors.Filters(breakdown="year", area=area)
    figures = selectors.dashboard(selectors.scope_filter(analyst), filters)
    sessions, factor_report = community_selectors.area_factors(area)
    return render(
        request,
        "insights/report.html",
        {
            "area": area,
            "figures": figures,
            "sessions": sessions,
            "factor_report": factor_report,
            "factor_list": community_selectors.factor_list(),
            "show_session": True,
        },
    )


@login_required
@require_GET
def living_environment(request: HttpRequest) -> HttpResponse:
    """Which factors residents raise most in resident sessions, within the analyst's areas."""
    analyst = _analyst(request)
    scope = None if analyst.is_national else set(analyst.postcode_areas)
    errors = []
    area = (request.GET.get("area") or "").strip()
    if area and scope is not None and area not in scope:
        errors.append(_("That postcode area is outside your area; showing your whole area."))
        area = ""
    by = request.GET.get("by") if request.GET.get("by") in ("area", "quarter") else "area"
    overview = community_selectors.raised_factors(scope, area=area, by=by)
    period = (request.GET.get("period") or "").strip()
    if period and period not in overview.periods:
        errors.append(_("Choose a quarter from the list; showing all quarters."))
        period = ""
    if period:
        overview = community_selectors.raised_factors(scope, area=area, period=period, by=by)
    return render(
        request,
        "insights/living_environment.html",
        {
            "overview": overview,
            "errors": errors,
            "area": area,
            "period": period,
            "by": by,
            "areas": sorted(scope) if scope is not None else overview.areas,
            "factor_list": community_selectors.factor_list(),
        },
    )


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    visible = selectors.visible_programmes(request.user)
    if not visible.exists() and selectors.analyst_for(request.user) is None:
        raise PermissionDenied
    return render(request, "insights/programmes.html", {"programmes": visible})


@login_required
def programme_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.visible_programmes(request.user), pk=pk)
    dimension_choices = selectors.dimensions()
    form = QuoteForm(request.POST or None, dimension_choices=dimension_choices)
    if request.method == "POST" and form.is_valid():
        ProgrammeQuote.objects.create(
            programme=programme,
            text=form.cleaned_data["text"].strip(),
            dimension=form.cleaned_data["dimension"],
            added_by=request.user,
        )
        messages.success(request, _("The quote has been added."))
        return redirect("insights:programme", pk=programme.pk)
    services.publish_programme_evaluations()
    evaluations = selectors.programme_evaluations(programme)
    aims = quarter_aims(programme)
    names = dict(dimension_choices)
    quotes = [(q, names.get(q.dimension, "")) for q in programme.quotes.all()]
    return render(
        request,
        "insights/programme.html",
        {
            "programme": programme,
            "evaluations": evaluations,
            "form": form,
            "quotes": quotes,
            "minimum_pairs": 10,
            "aims": aims,
            "minimum": MINIMUM_GROUP,
            "cost_organisation": programme.organisation
            if may_enter_costs(request.user, programme.organisation)
            else None,
        },
    )
